"""Loading the network (organisations and their demo accounts) from a CSV file."""

import csv
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction

from .models import Gebruiker, Netwerk, Organisatie, Rol, Soort

#: The CEO's shared data when it lies beside the repository; the copy in the repository
#: otherwise (a fresh clone elsewhere).
NETWERK_CSV_KANDIDATEN = (
    settings.BASE_DIR.parent / "shared" / "data" / "netwerk.csv",
    settings.BASE_DIR / "data" / "netwerk.csv",
)
DEMO_WACHTWOORD = "demo"

#: What the secretaris may do in the admin. Accounts are managed in the application
#: (/beheer/gebruikers/, audited); the admin only shows them.
SECRETARIS_ADMIN_RECHTEN = [
    ("organisaties", "organisatie", ("add", "change", "view")),
    ("organisaties", "gebruiker", ("view",)),
    ("organisaties", "uitnodiging", ("view",)),
    ("organisaties", "identiteitsprovider", ("view",)),
    ("consultaties", "consultatie", ("add", "change", "view")),
    ("consultaties", "vraag", ("view",)),
    ("consultaties", "document", ("view",)),
    ("reacties", "reactie", ("view",)),
    ("audit", "auditevent", ("view",)),
    ("rapporten", "ondertekenaar", ("add", "change", "delete", "view")),
]


def standaard_csv() -> Path:
    for pad in NETWERK_CSV_KANDIDATEN:
        if pad.exists():
            return pad
    raise FileNotFoundError(
        "netwerk.csv niet gevonden in " + ", ".join(map(str, NETWERK_CSV_KANDIDATEN))
    )


def lees_netwerk(pad: Path) -> list[dict]:
    with open(pad, newline="", encoding="utf-8") as bestand:
        rijen = list(csv.DictReader(bestand))
    geldig_soort = set(Soort.values)
    for nummer, rij in enumerate(rijen, start=2):
        if rij["soort"] not in geldig_soort:
            raise ValueError(f"{pad}:{nummer}: onbekende soort '{rij['soort']}'")
    return rijen


def _gebruiker(username, organisatie, rol, voornaam, achternaam, functie="", *, wachtwoord):
    gebruiker, nieuw = Gebruiker.objects.get_or_create(username=username)
    gebruiker.organisatie = organisatie
    gebruiker.rol = rol
    gebruiker.first_name = voornaam
    gebruiker.last_name = achternaam
    gebruiker.functie = functie
    gebruiker.email = f"{username}@demo.tegenkracht.example.nl"
    gebruiker.is_active = True
    gebruiker.is_staff = rol == Rol.SECRETARIS
    if nieuw:  # a re-run keeps the existing password
        gebruiker.password = wachtwoord
    gebruiker.save()
    return gebruiker


def _netwerk(waarde: str) -> str:
    waarde = (waarde or "").strip()
    return waarde if waarde in Netwerk.values else Netwerk.OVERIG


@transaction.atomic
def laad_netwerk(pad: Path | None = None, *, met_accounts: bool = True) -> dict[str, Organisatie]:
    """Create or update the organisations (idempotent) and their demo accounts."""
    organisaties = {}
    # Hashing is slow by design (a quarter second each): hash the one public demo password
    # once for all accounts, not once per account. A salt shared by the demo accounts
    # protects nothing less: their password is documented.
    wachtwoord = make_password(DEMO_WACHTWOORD) if met_accounts else None
    for rij in lees_netwerk(pad or standaard_csv()):
        afkorting = rij["afkorting"].strip()
        organisatie, _ = Organisatie.objects.update_or_create(
            afkorting=afkorting,
            defaults={
                "naam": rij["naam"].strip(),
                "soort": rij["soort"],
                "netwerk": _netwerk(rij.get("netwerk")),
                "email": f"{afkorting.lower()}@demo.tegenkracht.example.nl",
            },
        )
        organisaties[afkorting] = organisatie
        if not met_accounts:
            continue
        naam = afkorting.lower()
        if organisatie.soort == Soort.UITVOERINGSORGANISATIE:
            _gebruiker(
                f"{naam}-opsteller",
                organisatie,
                Rol.OPSTELLER,
                "Olga",
                f"Opsteller ({afkorting})",
                "Beleidsadviseur uitvoering",
                wachtwoord=wachtwoord,
            )
            _gebruiker(
                f"{naam}-accordeerder",
                organisatie,
                Rol.ACCORDEERDER,
                "Arjen",
                f"Accordeerder ({afkorting})",
                "Lid raad van bestuur",
                wachtwoord=wachtwoord,
            )
        elif organisatie.soort == Soort.MINISTERIE:
            _gebruiker(
                f"{naam}-ministerie",
                organisatie,
                Rol.MINISTERIE,
                "Mirjam",
                f"Medewerker ({afkorting})",
                "Wetgevingsjurist",
                wachtwoord=wachtwoord,
            )
        elif organisatie.soort == Soort.SECRETARIAAT:
            secretaris = _gebruiker(
                "secretaris",
                organisatie,
                Rol.SECRETARIS,
                "Sanne",
                "Secretaris",
                "Secretaris van het netwerk",
                wachtwoord=wachtwoord,
            )
            secretaris.user_permissions.set(secretaris_rechten())
    return organisaties


def secretaris_rechten():
    rechten = []
    for app, model, acties in SECRETARIS_ADMIN_RECHTEN:
        rechten += Permission.objects.filter(
            content_type__app_label=app, codename__in=[f"{a}_{model}" for a in acties]
        )
    return rechten
