"""Verlengingsverzoek moves here from notificaties: state only, the table keeps its name
(``notificaties_verlengingsverzoek``), so existing requests stay. The content type moves
along, so audit rows and permissions keep pointing at the same model."""

import django.db.models.deletion
import django.utils.timezone
import django_fsm
from django.conf import settings
from django.db import migrations, models


def inhoudstype_verhuizen(apps, schema_editor):
    _verhuis(apps, van="notificaties", naar="termijnen")


def inhoudstype_terug(apps, schema_editor):
    _verhuis(apps, van="termijnen", naar="notificaties")


def _verhuis(apps, van, naar):
    # On a fresh database there is no content type yet (post_migrate creates it).
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=naar, model="verlengingsverzoek").exists():
        ContentType.objects.filter(app_label=van, model="verlengingsverzoek").update(
            app_label=naar
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notificaties", "0003_termijnen_en_emails"),
        ("reacties", "0004_kernpunt_hertoets_herbeoordeling"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Verlengingsverzoek",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("reden", models.TextField(verbose_name="reden")),
                        ("gewenste_termijn", models.DateTimeField(blank=True, null=True, verbose_name="gewenste termijn")),
                        ("aangevraagd_op", models.DateTimeField(default=django.utils.timezone.now, verbose_name="aangevraagd op")),
                        ("status", django_fsm.FSMField(choices=[("aangevraagd", "Aangevraagd"), ("toegekend", "Toegekend"), ("afgewezen", "Afgewezen")], db_index=True, default="aangevraagd", max_length=50, protected=True, verbose_name="status")),
                        ("nieuwe_termijn", models.DateTimeField(blank=True, null=True, verbose_name="toegekende termijn")),
                        ("besluit_toelichting", models.TextField(blank=True, verbose_name="toelichting bij het besluit")),
                        ("beslist_op", models.DateTimeField(blank=True, null=True, verbose_name="beslist op")),
                        ("aangevraagd_door", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("beslist_door", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("reactie", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="verlengingsverzoeken", to="reacties.reactie")),
                    ],
                    options={
                        "verbose_name": "verlengingsverzoek",
                        "verbose_name_plural": "verlengingsverzoeken",
                        "db_table": "notificaties_verlengingsverzoek",
                        "ordering": ["-aangevraagd_op", "-pk"],
                        "constraints": [models.UniqueConstraint(condition=models.Q(("status", "aangevraagd")), fields=("reactie",), name="een_open_verlengingsverzoek_per_reactie")],
                    },
                    bases=(django_fsm.FSMModelMixin, models.Model),
                ),
            ],
        ),
        migrations.RunPython(inhoudstype_verhuizen, inhoudstype_terug),
    ]
