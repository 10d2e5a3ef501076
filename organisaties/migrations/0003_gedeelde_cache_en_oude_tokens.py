"""The shared cache table (settings.CACHES: throttles count there, across processes) and
the end of DRF's plain-text API tokens, replaced by django-rest-knox's hashed ones."""

from django.core.management import call_command
from django.db import migrations


def maak_cachetabel(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def verwijder_oude_tokens(apps, schema_editor):
    # rest_framework.authtoken is no longer installed, so its table would linger with
    # every old token readable in plain text. Those tokens stop working anyway.
    verbinding = schema_editor.connection
    if "authtoken_token" in verbinding.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name('authtoken_token')}")


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0002_sessie_sleutel"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunPython(maak_cachetabel, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(verwijder_oude_tokens, migrations.RunPython.noop, elidable=False),
    ]
