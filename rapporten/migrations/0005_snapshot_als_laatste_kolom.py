"""Move the snapshot to the last column of the rapport table.

SQLite keeps a row's columns in order and a large value spills into a chain of overflow
pages; reading any column *after* the snapshot (status dates, generation state, the
creation time every list sorts on) meant walking hundreds of kB per row, so a list of
versions cost about a second at a few thousand versions. As the last column it is only
read when asked for. PostgreSQL stores large values out of line anyway (TOAST); there
this changes nothing. The field and its contents stay the same.
"""

from django.db import migrations, models
from django.db.models import F


def kopieer(apps, schema_editor):
    Rapport = apps.get_model("rapporten", "Rapport")
    Rapport.objects.update(snapshot_nieuw=F("snapshot"))


class Migration(migrations.Migration):
    dependencies = [("rapporten", "0004_kernpuntnummers")]

    operations = [
        migrations.AddField(
            model_name="rapport",
            name="snapshot_nieuw",
            field=models.JSONField(blank=True, default=dict, verbose_name="snapshot"),
        ),
        migrations.RunPython(kopieer, migrations.RunPython.noop),
        migrations.RemoveField(model_name="rapport", name="snapshot"),
        migrations.RenameField(model_name="rapport", old_name="snapshot_nieuw", new_name="snapshot"),
    ]
