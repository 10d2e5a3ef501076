"""Verlengingsverzoek moved to termijnen (state only: the table stays, see
``termijnen/migrations/0001_initial.py``)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("notificaties", "0003_termijnen_en_emails"),
        ("termijnen", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Verlengingsverzoek")],
        ),
    ]
