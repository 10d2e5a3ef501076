"""The little world the search tests look at (see tests/kennisbank/test_zoeken.py).

The cast: ministry SZW (and OCW, which requested nothing here), UWV and SVB invited to
two SZW consultations, DUO (KleinLef) invited to neither, and the secretaris.

- *huurtoeslag* (sent, paper and verwerking): UWV's toets accepted with a kernpunt; SVB
  only drafted and so expired — its text stays with SVB and the secretariat.
- *zorgtoeslag* (open): UWV's draft, rejected internally once with a note.
- *geheime plannen*: a concept consultation, never opened.
"""

from django.conf import settings

from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from kennisbank.zoeken import Filters, Zoekopdracht
from rapporten.services import rapport_verzenden_voor_consultatie, verwerking_vastleggen
from reacties import services as reactie_services
from reacties.models import Reactie
from tests import factories
from tests.toestanden import definitief_rapport

POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def gevonden(user, tekst, **filters):
    """The hits of a search as ``{(soort, pk)}``."""
    resultaat = Zoekopdracht(user, tekst, Filters(**filters)).resultaat(1, 100)
    return {(t.soort, t.pk) for t in resultaat.treffers}


def _bewerk(reactie, actor, **velden):
    reactie = Reactie.objects.get(pk=reactie.pk)
    inhoud = factories.volledige_inhoud()
    inhoud["velden"].update(velden)
    return reactie_services.reactie_bijwerken(
        reactie=reactie, actor=actor, versie=reactie.versie, **inhoud
    )


def bouw_wereld(secretaris):
    szw = factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")
    ocw = factories.MinisterieFactory(afkorting="OCW", naam="Ministerie van OCW")
    uwv = factories.OrganisatieFactory(afkorting="UWV", naam="UWV")
    svb = factories.OrganisatieFactory(afkorting="SVB", naam="SVB")
    duo = factories.OrganisatieFactory(afkorting="DUO", naam="DUO", netwerk="KleinLef")
    w = {
        "secretaris": secretaris,
        "szw": factories.ministerie_medewerker(szw),
        "ocw": factories.ministerie_medewerker(ocw),
        "uwv": factories.opsteller(uwv),
        "uwv_acc": factories.accordeerder(uwv),
        "svb": factories.opsteller(svb),
        "duo": factories.opsteller(duo),
        "org_uwv": uwv,
    }

    huur = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=szw,
        organisaties=[uwv, svb],
        open=True,
        titel="Wet huurtoeslag eenvoudiger",
    )
    r_uwv = huur.reacties.get(organisatie=uwv)
    r_uwv = reactie_services.reactie_starten(reactie=r_uwv, actor=w["uwv"])
    _bewerk(r_uwv, w["uwv"], kernboodschap="Terugvorderingen bij de huurtoeslag nemen toe.")
    w["kernpunt"] = reactie_services.kernpunt_toevoegen(
        reactie=r_uwv,
        actor=w["uwv"],
        dimensie="burgers_en_bedrijven",
        tekst="De terugvordering raakt kwetsbare huishoudens met schulden.",
    )
    r_uwv = reactie_services.reactie_ter_accordering(reactie=r_uwv, actor=w["uwv"])
    r_uwv = reactie_services.reactie_indienen(reactie=r_uwv, actor=w["uwv_acc"])
    w["toets"] = reactie_services.reactie_accepteren(reactie=r_uwv, actor=secretaris)

    r_svb = huur.reacties.get(organisatie=svb)
    r_svb = reactie_services.reactie_starten(reactie=r_svb, actor=w["svb"])
    w["svb_concept"] = _bewerk(r_svb, w["svb"], kernboodschap="Zonnepanelen als bijzaak.")

    huur = consultatie_services.consultatie_sluiten(consultatie=huur, actor=secretaris)
    huur.bestuurlijke_samenvatting = "Het netwerk vraagt om een overgangsregeling."
    huur.save(update_fields=["bestuurlijke_samenvatting"])
    w["paper"] = definitief_rapport(huur)
    rapport_verzenden_voor_consultatie(consultatie=huur, actor=secretaris)
    w["verwerking"] = verwerking_vastleggen(
        rapport=w["paper"],
        actor=w["szw"],
        kernpunt=w["kernpunt"],
        uitkomst="niet_overgenomen",
        toelichting="Budgettaire redenen beletten een hardheidsclausule.",
    )
    w["huur"] = Consultatie.objects.get(pk=huur.pk)

    zorg = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=szw,
        organisaties=[uwv, svb],
        open=True,
        titel="Besluit zorgtoeslag",
    )
    r = zorg.reacties.get(organisatie=uwv)
    r = reactie_services.reactie_starten(reactie=r, actor=w["uwv"])
    r = _bewerk(r, w["uwv"], kernboodschap="Interne afweging over de zorgtoeslag.")
    r = reactie_services.reactie_ter_accordering(reactie=r, actor=w["uwv"])
    w["uwv_concept"] = reactie_services.reactie_afkeuren(
        reactie=r, actor=w["uwv_acc"], toelichting="Wachtwoordbeleid eerst uitzoeken."
    )
    w["zorg"] = zorg

    w["geheim"] = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=szw, titel="Regeling geheime plannen"
    )
    return w
