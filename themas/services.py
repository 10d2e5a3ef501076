"""Use cases of themes: giving a kernpunt its themes, merging two themes.

Both are the secretariaat's, audited, and leave the kernpunt itself untouched.
"""

import re
import unicodedata
from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.workflow import TransitieNietToegestaan
from reacties.models import Kernpunt

from . import permissions
from .models import Getagd, Thema

THEMAS_GEWIJZIGD = audit_actie("themas_gewijzigd", _("Thema's gewijzigd"))
THEMA_SAMENGEVOEGD = audit_actie("thema_samengevoegd", _("Een ander thema is hierin opgegaan"))

MAX_THEMAS_PER_KERNPUNT = 10
MAX_LENGTE = Thema._meta.get_field("name").max_length


def naam_opschonen(naam: str) -> str:
    return " ".join((naam or "").split())


def namen_uit_tekst(tekst: str) -> list[str]:
    """Themes typed as one comma-separated line (``ICT-systemen, Handhaving``)."""
    return [n for n in (naam_opschonen(d) for d in (tekst or "").split(",")) if n]


def _zoeksleutel(naam: str) -> str:
    """``ICT-systemen``, ``ict systemen`` and ``ICT systemen.`` all become ``ictsystemen``."""
    zonder_accenten = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", zonder_accenten.lower())


def mogelijke_dubbelen(themas) -> list[tuple[Thema, Thema]]:
    """Pairs of themes that look like the same theme written differently, for the
    secretariaat to merge (or not): equal apart from case, spaces and punctuation, or
    nearly so (one typo, a plural)."""
    themas = list(themas)
    sleutels = [(t, _zoeksleutel(t.name)) for t in themas]
    paren = []
    for i, (a, sa) in enumerate(sleutels):
        for b, sb in sleutels[i + 1 :]:
            if sa == sb or (
                min(len(sa), len(sb)) >= 5 and SequenceMatcher(None, sa, sb).ratio() >= 0.85
            ):
                paren.append((a, b))
    return paren


def thema_voor_naam(naam: str) -> Thema:
    """The theme called ``naam`` (case does not matter, as with django-taggit's
    TAGGIT_CASE_INSENSITIVE), created if it does not exist yet. Different spellings make
    different themes on purpose: merging them is a choice the secretariaat makes."""
    naam = naam_opschonen(naam)
    bestaand = Thema.objects.filter(name__iexact=naam).order_by("pk").first()
    if bestaand:
        return bestaand
    thema = Thema(name=naam)
    thema.save()
    return thema


def _valideer(namen: list[str]) -> list[str]:
    uniek = {}
    for naam in namen:
        uniek.setdefault(naam.lower(), naam)
    namen = list(uniek.values())
    if len(namen) > MAX_THEMAS_PER_KERNPUNT:
        raise ValidationError(
            {
                "themas": gettext("Geef een kernpunt ten hoogste %(max)s thema's.")
                % {"max": MAX_THEMAS_PER_KERNPUNT}
            }
        )
    te_lang = [n for n in namen if len(n) > MAX_LENGTE]
    if te_lang:
        raise ValidationError(
            {
                "themas": gettext("Een thema is ten hoogste %(max)s tekens lang.")
                % {"max": MAX_LENGTE}
            }
        )
    return namen


@transaction.atomic
def kernpunt_themas_instellen(*, kernpunt: Kernpunt, namen: list[str], actor) -> list[Thema]:
    """Give ``kernpunt`` exactly the themes ``namen`` (new names become new themes).

    Only the secretariaat (403), once the consultation has closed and for a kernpunt that
    was not merged into another (409). Records one audit event on the kernpunt with the
    themes before and after, if anything changed."""
    if not permissions.mag_themas_beheren(actor):
        raise PermissionDenied(gettext("Alleen het secretariaat geeft kernpunten thema's."))
    kernpunt = (
        Kernpunt.objects.select_for_update(of=("self",))
        .select_related("reactie__consultatie")
        .get(pk=kernpunt.pk)
    )
    if not permissions.kan_themas_geven(actor, kernpunt):
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "themas_geven",
            gettext(
                "Thema's geven kan zodra de consultatie is gesloten, en niet aan een "
                "kernpunt dat in een ander is opgegaan."
            ),
        )
    namen = _valideer([naam_opschonen(n) for n in namen if naam_opschonen(n)])
    themas = [thema_voor_naam(naam) for naam in namen]
    bestaand = {
        g.tag_id: g for g in Getagd.objects.filter(content_object=kernpunt).select_related("tag")
    }
    gewenst = {t.pk: t for t in themas}
    weg = [g for pk, g in bestaand.items() if pk not in gewenst]
    erbij = [t for pk, t in gewenst.items() if pk not in bestaand]
    if not weg and not erbij:
        return themas
    Getagd.objects.filter(pk__in=[g.pk for g in weg]).delete()
    Getagd.objects.bulk_create([Getagd(content_object=kernpunt, tag=t, door=actor) for t in erbij])
    registreer(
        kernpunt,
        actor=actor,
        actie=THEMAS_GEWIJZIGD,
        toelichting=", ".join(t.name for t in themas),
        gegevens={
            "van": sorted(g.tag.name for g in bestaand.values()),
            "naar": sorted(t.name for t in themas),
        },
    )
    return themas


@transaction.atomic
def thema_samenvoegen(*, thema: Thema, in_thema: Thema, actor, toelichting: str = "") -> Thema:
    """Merge ``thema`` into ``in_thema``, the one the secretariaat chose to keep: its
    kernpunten move over (once each) and ``thema`` disappears. Audited on the theme that
    stays, with the name that went and the kernpunten that moved."""
    if not permissions.mag_themas_beheren(actor):
        raise PermissionDenied(gettext("Alleen het secretariaat voegt thema's samen."))
    if thema.pk == in_thema.pk:
        raise ValidationError({"in_thema": gettext("Kies een ander thema om mee samen te voegen.")})
    # Both rows locked in a fixed order, so two opposite merges cannot deadlock.
    vergrendeld = {
        t.pk: t
        for t in Thema.objects.select_for_update()
        .filter(pk__in=[thema.pk, in_thema.pk])
        .order_by("pk")
    }
    if len(vergrendeld) != 2:
        raise TransitieNietToegestaan(
            in_thema, "samenvoegen", gettext("Een van deze thema's bestaat niet meer.")
        )
    thema, in_thema = vergrendeld[thema.pk], vergrendeld[in_thema.pk]
    al = set(Getagd.objects.filter(tag=in_thema).values_list("content_object_id", flat=True))
    verhuizen = Getagd.objects.filter(tag=thema).exclude(content_object_id__in=al)
    verhuisd = sorted(verhuizen.values_list("content_object_id", flat=True))
    verhuizen.update(tag=in_thema)
    registreer(
        in_thema,
        actor=actor,
        actie=THEMA_SAMENGEVOEGD,
        toelichting=toelichting or thema.name,
        gegevens={"thema": thema.name, "kernpunten": verhuisd},
    )
    # What is left are the links of kernpunten that already carried the surviving theme.
    thema.delete()
    return in_thema
