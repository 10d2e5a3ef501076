"""When a version last changed, for API clients that poll (``?gewijzigdSinds=``).

Existing versions get the latest moment we know of (created, PDF made, made definitief,
sent, receipt acknowledged). The snapshot then moves to the last column again (see 0005:
on SQLite every column after it costs a walk over its overflow pages, and lists sort and
filter on this one).
"""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce, Greatest


def vul_in(apps, schema_editor):
    Rapport = apps.get_model("rapporten", "Rapport")
    momenten = [
        Coalesce(veld, F("aangemaakt_op"))
        for veld in ("gegenereerd_op", "definitief_op", "verzonden_op", "ontvangen_op")
    ]
    Rapport.objects.update(gewijzigd_op=Greatest(F("aangemaakt_op"), *momenten))


def kopieer_snapshot(apps, schema_editor):
    Rapport = apps.get_model("rapporten", "Rapport")
    Rapport.objects.update(snapshot_nieuw=F("snapshot"))


class Migration(migrations.Migration):
    dependencies = [("rapporten", "0005_snapshot_als_laatste_kolom")]

    operations = [
        migrations.AddField(
            model_name="rapport",
            name="gewijzigd_op",
            field=models.DateTimeField(
                auto_now=True, db_index=True, verbose_name="gewijzigd op"
            ),
        ),
        migrations.RunPython(vul_in, migrations.RunPython.noop),
        migrations.AddField(
            model_name="rapport",
            name="snapshot_nieuw",
            field=models.JSONField(blank=True, default=dict, verbose_name="snapshot"),
        ),
        migrations.RunPython(kopieer_snapshot, migrations.RunPython.noop),
        migrations.RemoveField(model_name="rapport", name="snapshot"),
        migrations.RenameField(model_name="rapport", old_name="snapshot_nieuw", new_name="snapshot"),
    ]
