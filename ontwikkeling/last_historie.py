"""What five years of work leave behind besides the responses (``genereer_last``, part two):
audit events, paper versions in every state with real snapshots, the ministry's receipt
and verwerking, the public archive (most sent papers), notifications and their e-mails,
reminders and extension requests.

Written with ``bulk_create`` like ``last.py``: the aim is data for reading benchmarks, not
exercising the workflow. Tooling only, so it may import every app.
"""

import copy
import hashlib
import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction

from audit.models import AuditEvent
from consultaties.models import Consultatie, Status
from notificaties.models import (
    Email,
    EmailStatus,
    Herinnering,
    HerinneringSoort,
    Notificatie,
)
from organisaties.models import Gebruiker, Rol
from rapporten.models import GeneratieStatus, Publicatie, Rapport, Uitkomst, Verwerking
from rapporten.models import Status as RapportStatus
from rapporten.snapshot import build_snapshot, inhoud_hash
from reacties.models import Kernpunt, Reactie
from reacties.models import Status as ReactieStatus
from termijnen.models import Verlengingsverzoek, VerzoekStatus

#: A minimal valid PDF that every generated version points to: the benchmarks read
#: papers, they do not download them, and rendering thousands would take a day.
LEGE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PDF_PAD = "rapporten/last/leeg.pdf"
#: The share of sent papers the network publishes in the public archive.
AANDEEL_OPENBAAR = 0.6

GEOPEND = {Status.OPEN, Status.GESLOTEN, Status.VERZONDEN, Status.AFGEROND}
GESLOTEN = {Status.GESLOTEN, Status.VERZONDEN, Status.AFGEROND}

#: The audit steps a response took to reach its state (actie, van, naar).
PAD = {
    ReactieStatus.IN_VOORBEREIDING: [("starten", "uitgenodigd", "in_voorbereiding")],
    ReactieStatus.TER_ACCORDERING: [
        ("starten", "uitgenodigd", "in_voorbereiding"),
        ("ter_accordering", "in_voorbereiding", "ter_accordering"),
    ],
    ReactieStatus.INGEDIEND: [
        ("starten", "uitgenodigd", "in_voorbereiding"),
        ("ter_accordering", "in_voorbereiding", "ter_accordering"),
        ("indienen", "ter_accordering", "ingediend"),
    ],
    ReactieStatus.GEACCEPTEERD: [
        ("starten", "uitgenodigd", "in_voorbereiding"),
        ("ter_accordering", "in_voorbereiding", "ter_accordering"),
        ("indienen", "ter_accordering", "ingediend"),
        ("accepteren", "ingediend", "geaccepteerd"),
    ],
    ReactieStatus.AFGEZIEN: [("afzien", "uitgenodigd", "afgezien")],
    ReactieStatus.VERLOPEN: [("verlopen", "in_voorbereiding", "verlopen")],
}

TEKST = (
    "Het position paper over {kenmerk} is verzonden. U kunt het lezen in Tegenkracht; het "
    "ministerie legt per kernpunt vast wat het met de inbreng doet."
)


def _kernpunt_kopie(kernpunt: Kernpunt) -> dict:
    organisatie = kernpunt.reactie.organisatie
    org = {
        "id": organisatie.pk,
        "naam": organisatie.naam,
        "afkorting": organisatie.afkorting,
        "netwerk": organisatie.netwerk,
    }
    return {
        "id": kernpunt.pk,
        "organisatie": org,
        "dimensie": kernpunt.dimensie,
        "dimensie_label": kernpunt.get_dimensie_display(),
        "tekst": kernpunt.tekst,
        "artikel": kernpunt.artikel,
        "voorgestelde_wijziging": kernpunt.voorgestelde_wijziging,
        "ernst": kernpunt.ernst,
        "ernst_label": kernpunt.get_ernst_display(),
        "onderschrijvers": [],
    }


class Historie:
    def __init__(
        self, rng: random.Random, echte_snapshots: int, publicaties: random.Random | None = None
    ):
        self.rng = rng
        # Its own stream: the rest of the data stays what it was for the same seed.
        self.publicatie_rng = publicaties or random.Random(0)
        self.echte_snapshots = echte_snapshots
        self.gemaakt = 0
        self.voorbeeld = None
        self.secretaris = Gebruiker.objects.filter(rol=Rol.SECRETARIS).first()
        self.medewerkers: dict[int, list[Gebruiker]] = {}
        for g in Gebruiker.objects.filter(rol__in=[Rol.OPSTELLER, Rol.ACCORDEERDER]):
            self.medewerkers.setdefault(g.organisatie_id, []).append(g)
        self.ministerie_medewerkers: dict[int, list[Gebruiker]] = {}
        for g in Gebruiker.objects.filter(rol=Rol.MINISTERIE):
            self.ministerie_medewerkers.setdefault(g.organisatie_id, []).append(g)
        self.ct_consultatie = ContentType.objects.get_for_model(Consultatie)
        self.ct_reactie = ContentType.objects.get_for_model(Reactie)
        self.ct_rapport = ContentType.objects.get_for_model(Rapport)
        veld = Rapport._meta.get_field("pdf")
        if not veld.storage.exists(PDF_PAD):
            veld.storage.save(PDF_PAD, ContentFile(LEGE_PDF))
        self.pdf_sha = hashlib.sha256(LEGE_PDF).hexdigest()
        self.totalen = dict.fromkeys(
            [
                "auditgebeurtenissen",
                "rapportversies",
                "publicaties",
                "verwerkingen",
                "notificaties",
                "e-mails",
                "herinneringen",
                "verlengingsverzoeken",
            ],
            0,
        )

    # --- helpers ----------------------------------------------------------------------

    def _event(self, ct, pk, actie, tijdstip, actor=None, van="", naar="", toelichting=""):
        return AuditEvent(
            content_type=ct,
            object_id=pk,
            actie=actie,
            actor=actor,
            tijdstip=tijdstip,
            van_status=van,
            naar_status=naar,
            toelichting=toelichting,
        )

    def _snapshot(self, consultatie: Consultatie) -> dict:
        """A real snapshot for the first ``echte_snapshots`` consultations; after that a
        copy of a real one (same size, so the same cost to read) carrying this
        consultation's own kernpunten, so the verwerking refers to real ids."""
        if self.gemaakt < self.echte_snapshots or self.voorbeeld is None:
            self.gemaakt += 1
            snapshot = build_snapshot(consultatie)
            if self.voorbeeld is None or len(snapshot["bijdragen"]) > len(
                self.voorbeeld["bijdragen"]
            ):
                self.voorbeeld = snapshot
            return snapshot
        snapshot = copy.copy(self.voorbeeld)
        snapshot["consultatie"] = {
            **self.voorbeeld["consultatie"],
            "id": consultatie.pk,
            "kenmerk": consultatie.kenmerk,
            "titel": consultatie.titel,
        }
        snapshot["kernpunten"] = [
            _kernpunt_kopie(k)
            for k in Kernpunt.objects.filter(
                reactie__consultatie=consultatie,
                reactie__status=ReactieStatus.GEACCEPTEERD,
                samengevoegd_in__isnull=True,
            ).select_related("reactie__organisatie")
        ]
        return snapshot

    # --- one batch of consultations ---------------------------------------------------

    def batch(self, consultaties: list[Consultatie]):
        rng = self.rng
        secretaris = self.secretaris
        events, rapporten, notificaties, verzoeken, herinneringen = [], [], [], [], []
        reacties = list(
            Reactie.objects.filter(consultatie__in=consultaties).only(
                "pk", "consultatie_id", "organisatie_id", "status", "ingediend_op"
            )
        )
        per_consultatie: dict[int, list[Reactie]] = {}
        for r in reacties:
            per_consultatie.setdefault(r.consultatie_id, []).append(r)

        opengesteld: list[Consultatie] = []
        for c in consultaties:
            begin = c.termijn - timedelta(days=42)
            events.append(
                self._event(
                    self.ct_consultatie, c.pk, "aangemaakt", begin, secretaris, "", "concept"
                )
            )
            geopend = c.status in GEOPEND or (c.status == Status.INGETROKKEN and rng.random() < 0.5)
            if geopend:
                c.geopend_op = begin + timedelta(days=1)
                opengesteld.append(c)
                events.append(
                    self._event(
                        self.ct_consultatie,
                        c.pk,
                        "openstellen",
                        begin + timedelta(days=1),
                        secretaris,
                        "concept",
                        "open",
                    )
                )
                for r in per_consultatie.get(c.pk, []):
                    ontvangers = self.medewerkers.get(r.organisatie_id, [])
                    for g in ontvangers:
                        notificaties.append(
                            Notificatie(
                                ontvanger=g,
                                soort="uitnodiging",
                                onderwerp=f"Uitnodiging: {c.titel}"[:300],
                                tekst=f"Uitgenodigd voor een uitvoeringstoets op {c.kenmerk}.",
                                link=f"/consultaties/{c.pk}/",
                                aangemaakt_op=begin + timedelta(days=1),
                                gelezen_op=begin + timedelta(days=2)
                                if rng.random() < 0.8
                                else None,
                            )
                        )
                    tijd = begin + timedelta(days=2)
                    for actie, van, naar in PAD.get(r.status, []):
                        tijd += timedelta(hours=rng.randint(2, 200))
                        actor = (
                            None
                            if actie == "verlopen"
                            else (
                                secretaris
                                if actie == "accepteren"
                                else rng.choice(ontvangers)
                                if ontvangers
                                else None
                            )
                        )
                        if actie == "ter_accordering":
                            for _ in range(rng.randint(1, 3)):
                                events.append(
                                    self._event(self.ct_reactie, r.pk, "opgeslagen", tijd, actor)
                                )
                        events.append(
                            self._event(self.ct_reactie, r.pk, actie, tijd, actor, van, naar)
                        )
                        if actie == "indienen":
                            notificaties.append(
                                Notificatie(
                                    ontvanger=secretaris,
                                    soort="reactie_ingediend",
                                    onderwerp=f"Reactie ingediend op {c.kenmerk}",
                                    tekst="Een organisatie heeft haar uitvoeringstoets ingediend.",
                                    link=f"/reacties/{r.pk}/",
                                    aangemaakt_op=tijd,
                                    gelezen_op=tijd + timedelta(hours=3),
                                )
                            )
                    # Reminders and extension requests: a minority of responses.
                    if r.status in (ReactieStatus.VERLOPEN, ReactieStatus.IN_VOORBEREIDING):
                        herinneringen.append(
                            Herinnering(
                                reactie=r,
                                soort=HerinneringSoort.ZEVEN_WERKDAGEN,
                                termijn=c.termijn,
                                verstuurd_op=c.termijn - timedelta(days=9),
                            )
                        )
                    if rng.random() < 0.05 and ontvangers:
                        open_verzoek = c.status == Status.OPEN and r.status in (
                            ReactieStatus.IN_VOORBEREIDING,
                            ReactieStatus.UITGENODIGD,
                        )
                        status = (
                            VerzoekStatus.AANGEVRAAGD
                            if open_verzoek
                            else rng.choice([VerzoekStatus.TOEGEKEND, VerzoekStatus.AFGEWEZEN])
                        )
                        verzoeken.append(
                            Verlengingsverzoek(
                                reactie=r,
                                reden="De accordering door de raad van bestuur valt na de termijn.",
                                gewenste_termijn=c.termijn + timedelta(days=14),
                                aangevraagd_door=ontvangers[0],
                                aangevraagd_op=c.termijn - timedelta(days=10),
                                status=status,
                                nieuwe_termijn=c.termijn + timedelta(days=14)
                                if status == VerzoekStatus.TOEGEKEND
                                else None,
                                besluit_toelichting=""
                                if status == VerzoekStatus.AANGEVRAAGD
                                else "Besloten door het secretariaat.",
                                beslist_door=None
                                if status == VerzoekStatus.AANGEVRAAGD
                                else secretaris,
                                beslist_op=None
                                if status == VerzoekStatus.AANGEVRAAGD
                                else c.termijn - timedelta(days=8),
                            )
                        )
            if c.status in GESLOTEN:
                events.append(
                    self._event(
                        self.ct_consultatie, c.pk, "sluiten", c.termijn, None, "open", "gesloten"
                    )
                )
                for r in per_consultatie.get(c.pk, []):
                    for g in self.medewerkers.get(r.organisatie_id, [])[:1]:
                        notificaties.append(
                            Notificatie(
                                ontvanger=g,
                                soort="consultatie_gesloten",
                                onderwerp=f"Consultatie {c.kenmerk} is gesloten",
                                tekst="De termijn is verstreken; het secretariaat stelt het "
                                "position paper op.",
                                link=f"/consultaties/{c.pk}/",
                                aangemaakt_op=c.termijn,
                                gelezen_op=c.termijn + timedelta(days=1)
                                if rng.random() < 0.6
                                else None,
                            )
                        )
            if c.status == Status.INGETROKKEN:
                events.append(
                    self._event(
                        self.ct_consultatie,
                        c.pk,
                        "intrekken",
                        begin + timedelta(days=5),
                        secretaris,
                        "open" if geopend else "concept",
                        "ingetrokken",
                    )
                )
            rapporten.extend(self._rapporten(c))

        with transaction.atomic():
            # One row per statement: a multi-row insert on PostgreSQL passes the snapshots
            # as arrays, and escaping hundreds of kB of JSON per element costs seconds.
            for rapport in rapporten:
                Rapport.objects.bulk_create([rapport])
            verwerkingen = []
            for rapport in rapporten:
                events.extend(self._rapport_events(rapport))
                c = rapport.consultatie
                if rapport.status != RapportStatus.VERZONDEN:
                    continue
                events.append(
                    self._event(
                        self.ct_consultatie,
                        c.pk,
                        "verzenden",
                        rapport.verzonden_op,
                        secretaris,
                        "gesloten",
                        "verzonden",
                    )
                )
                for g in self.ministerie_medewerkers.get(c.ministerie_id, []):
                    notificaties.append(
                        Notificatie(
                            ontvanger=g,
                            soort="rapport_verzonden",
                            onderwerp=f"Position paper {c.kenmerk}",
                            tekst=TEKST.format(kenmerk=c.kenmerk),
                            link=f"/rapporten/{rapport.pk}/",
                            aangemaakt_op=rapport.verzonden_op,
                            gelezen_op=rapport.ontvangen_op,
                        )
                    )
                if c.status == Status.AFGEROND:
                    events.append(
                        self._event(
                            self.ct_consultatie,
                            c.pk,
                            "afronden",
                            rapport.verzonden_op + timedelta(days=60),
                            secretaris,
                            "verzonden",
                            "afgerond",
                        )
                    )
                if rapport.ontvangen_op is None:
                    continue
                ministerie = self.ministerie_medewerkers.get(c.ministerie_id, [secretaris])[0]
                aandeel = 1.0 if c.status == Status.AFGEROND else rng.random()
                for kernpunt in rapport.snapshot.get("kernpunten", []):
                    if rng.random() > aandeel:
                        continue
                    verwerkingen.append(
                        Verwerking(
                            rapport=rapport,
                            kernpunt_id=kernpunt["id"],
                            uitkomst=rng.choice(Uitkomst.values),
                            toelichting="In de memorie van toelichting verwerkt; zie paragraaf 4.",
                            vastgelegd_door=ministerie,
                        )
                    )
                    events.append(
                        self._event(
                            self.ct_rapport,
                            rapport.pk,
                            "verwerking_vastgelegd",
                            rapport.ontvangen_op + timedelta(days=rng.randint(1, 50)),
                            ministerie,
                        )
                    )
            publicaties = self._publicaties(rapporten, events)
            Verwerking.objects.bulk_create(verwerkingen, batch_size=5000)
            Publicatie.objects.bulk_create(publicaties, batch_size=5000)
            AuditEvent.objects.bulk_create(events, batch_size=5000)
            Consultatie.objects.bulk_update(opengesteld, ["geopend_op"], batch_size=1000)
            notificaties = Notificatie.objects.bulk_create(notificaties, batch_size=5000)
            emails = [
                Email(
                    notificatie=n,
                    aan=n.ontvanger.email or "medewerker@example.org",
                    onderwerp=n.onderwerp,
                    tekst=n.tekst,
                    html=f"<p>{n.tekst}</p>",
                    status=EmailStatus.VERZONDEN,
                    pogingen=1,
                    aangemaakt_op=n.aangemaakt_op,
                    bijgewerkt_op=n.aangemaakt_op,
                    verzonden_op=n.aangemaakt_op + timedelta(minutes=1),
                )
                for n in notificaties
                if rng.random() < 0.5
            ]
            Email.objects.bulk_create(emails, batch_size=5000)
            Herinnering.objects.bulk_create(herinneringen, batch_size=5000)
            Verlengingsverzoek.objects.bulk_create(verzoeken, batch_size=5000)
        for naam, rijen in (
            ("auditgebeurtenissen", events),
            ("rapportversies", rapporten),
            ("publicaties", publicaties),
            ("verwerkingen", verwerkingen),
            ("notificaties", notificaties),
            ("e-mails", emails),
            ("herinneringen", herinneringen),
            ("verlengingsverzoeken", verzoeken),
        ):
            self.totalen[naam] += len(rijen)

    def _publicaties(self, rapporten: list[Rapport], events: list) -> list[Publicatie]:
        """The network publishes most papers it sent in the public archive: at once, or
        from a later day (the day the ministry publishes the bill)."""
        rng = self.publicatie_rng
        publicaties = []
        for rapport in rapporten:
            if rapport.status != RapportStatus.VERZONDEN or rng.random() >= AANDEEL_OPENBAAR:
                continue
            moment = rapport.verzonden_op + timedelta(days=rng.choice((0, 0, 0, 7, 14, 30)))
            publicaties.append(Publicatie(rapport=rapport, openbaar_vanaf=moment))
            events.append(
                self._event(self.ct_rapport, rapport.pk, "publiceren", moment, self.secretaris)
            )
        return publicaties

    def _rapporten(self, c: Consultatie) -> list[Rapport]:
        """Paper versions: a closed consultation being prepared has concepts (perhaps a
        definitief one); a sent one has earlier versions and the one sent."""
        rng = self.rng
        if c.status == Status.GESLOTEN:
            statussen = rng.choice(
                [
                    [],
                    [RapportStatus.CONCEPT],
                    [RapportStatus.CONCEPT, RapportStatus.CONCEPT],
                    [RapportStatus.CONCEPT, RapportStatus.DEFINITIEF],
                ]
            )
        elif c.status in (Status.VERZONDEN, Status.AFGEROND):
            statussen = rng.choice(
                [
                    [RapportStatus.VERZONDEN],
                    [RapportStatus.CONCEPT, RapportStatus.VERZONDEN],
                    [RapportStatus.CONCEPT, RapportStatus.DEFINITIEF, RapportStatus.VERZONDEN],
                ]
            )
        else:
            return []
        if not statussen:
            return []
        snapshot = self._snapshot(c)
        hash_ = inhoud_hash(snapshot)
        versies = []
        for nummer, status in enumerate(statussen, start=1):
            gemaakt = c.termijn + timedelta(days=3 + 4 * nummer)
            definitief = status != RapportStatus.CONCEPT
            verzonden = status == RapportStatus.VERZONDEN
            ontvangen = verzonden and (c.status == Status.AFGEROND or rng.random() < 0.7)
            rapport = Rapport(
                consultatie=c,
                versie=nummer,
                status=status,
                snapshot=snapshot,
                inhoud_sha256=hash_,
                pdf=PDF_PAD,
                sha256=self.pdf_sha,
                paginas=rng.randint(60, 280),
                generatie_status=GeneratieStatus.KLAAR,
                voortgang="Klaar",
                gegenereerd_op=gemaakt,
                aangemaakt_door=self.secretaris,
                definitief_op=gemaakt + timedelta(days=1) if definitief else None,
                verzonden_op=gemaakt + timedelta(days=2) if verzonden else None,
                ontvangen_op=gemaakt + timedelta(days=5) if ontvangen else None,
                ontvangen_door=self.ministerie_medewerkers.get(c.ministerie_id, [None])[0]
                if ontvangen
                else None,
            )
            versies.append(rapport)
        return versies

    def _rapport_events(self, rapport: Rapport) -> list[AuditEvent]:
        tijd = rapport.gegenereerd_op
        events = [
            self._event(self.ct_rapport, rapport.pk, "aangemaakt", tijd, self.secretaris),
            self._event(
                self.ct_consultatie,
                rapport.consultatie_id,
                "rapport_aangemaakt",
                tijd,
                self.secretaris,
                toelichting=f"Versie {rapport.versie}",
            ),
            self._event(self.ct_rapport, rapport.pk, "pdf_gemaakt", tijd),
        ]
        if rapport.definitief_op:
            events.append(
                self._event(
                    self.ct_rapport,
                    rapport.pk,
                    "definitief_maken",
                    rapport.definitief_op,
                    self.secretaris,
                    "concept",
                    "definitief",
                )
            )
        if rapport.verzonden_op:
            events.append(
                self._event(
                    self.ct_rapport,
                    rapport.pk,
                    "verzenden",
                    rapport.verzonden_op,
                    self.secretaris,
                    "definitief",
                    "verzonden",
                )
            )
        if rapport.ontvangen_op:
            events.append(
                self._event(
                    self.ct_rapport,
                    rapport.pk,
                    "ontvangst_bevestigd",
                    rapport.ontvangen_op,
                    rapport.ontvangen_door,
                )
            )
        return events


def genereer_historie(
    consultatie_ids: list[int],
    *,
    seed: int = 2026,
    echte_snapshots: int = 200,
    voortgang=None,
    batch: int = 20,
) -> dict:
    """Add the history of ``consultatie_ids`` (generated by ``last.genereer``). Returns
    counts; ``voortgang(n)`` is called after each batch."""
    historie = Historie(random.Random(seed + 1), echte_snapshots, random.Random(seed + 2))
    for begin in range(0, len(consultatie_ids), batch):
        ids = consultatie_ids[begin : begin + batch]
        historie.batch(list(Consultatie.objects.filter(pk__in=ids).order_by("pk")))
        if voortgang:
            voortgang(len(ids))
    return historie.totalen


def zonder_historie() -> list[int]:
    """Generated consultations that have no history yet (a database filled before the
    history was generated)."""
    ct = ContentType.objects.get_for_model(Consultatie)
    met = AuditEvent.objects.filter(content_type=ct, actie="aangemaakt").values("object_id")
    return list(
        Consultatie.objects.filter(kenmerk__startswith="LAST-")
        .exclude(pk__in=met)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
