"""Forms for the response pages. They parse and type-check input only; what is required,
who may save and the stale-version check live in ``services.reactie_bijwerken``."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from consultaties.forms import DatumInvoer
from organisaties.models import Netwerk
from tegenkracht.velden import IdKeuzeVeld

from .models import (
    DIMENSIE_UITLEG,
    MAXIMALE_LENGTE,
    Dimensie,
    Ernst,
    Gevolgen,
    Herbeoordeling,
    Kernpunt,
    KostenCategorie,
    KostenJaar,
    KostenSoort,
    Levensgebeurtenis,
    Reactie,
    Status,
)
from .services import INHOUD_VELDEN, eerdere_kernpunten


def _dimensie_veld(dimensie) -> str:
    return f"gevolgen_{dimensie}"


def _toelichting_veld(dimensie) -> str:
    return f"toelichting_{dimensie}"


def _antwoord_veld(vraag) -> str:
    return f"antwoord_{vraag.pk}"


def _herbeoordeling_veld(kernpunt_id) -> str:
    return f"herbeoordeling_{kernpunt_id}"


def _herbeoordeling_toelichting_veld(kernpunt_id) -> str:
    return f"herbeoordeling_toelichting_{kernpunt_id}"


def _maximaal(help_text, veld: str) -> str:
    """The help text with the field's documented maximum length appended."""
    zin = _("Maximaal %(aantal)s tekens.") % {"aantal": MAXIMALE_LENGTE[veld]}
    return f"{help_text} {zin}".strip()


class ReactieForm(forms.ModelForm):
    # Required-ness is checked by the service at "ter accordering"; a draft may be partial.
    use_required_attribute = False
    versie = forms.IntegerField(widget=forms.HiddenInput)
    levensgebeurtenissen = forms.MultipleChoiceField(
        label=_("Welke levensgebeurtenissen raakt het voorstel?"),
        choices=Levensgebeurtenis.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    doenvermogentoets_uitgevoerd = forms.NullBooleanField(
        label=_("Is een doenvermogentoets uitgevoerd?"),
        required=False,
        widget=forms.NullBooleanSelect,
    )

    class Meta:
        model = Reactie
        fields = list(INHOUD_VELDEN)
        localized_fields = ["fte_incidenteel", "fte_structureel"]
        widgets = {
            "kernboodschap": forms.Textarea(attrs={"rows": 5}),
            "voorwaarden": forms.Textarea(attrs={"rows": 4}),
            "beslag_op_portfolio": forms.Textarea(attrs={"rows": 3}),
            "burgerperspectief": forms.Textarea(attrs={"rows": 4}),
            "doenvermogen_conclusie": forms.Textarea(attrs={"rows": 3}),
            "invoering_mogelijk_per": DatumInvoer(),
        }
        help_texts = {
            "kernboodschap": _("De samenvatting van uw uitvoeringstoets in enkele zinnen."),
            "voorwaarden": _("Verplicht bij 'uitvoerbaar onder voorwaarden'."),
            "invoering_mogelijk_per": _("De vroegste datum waarop uw organisatie kan invoeren."),
            "beslag_op_portfolio": _("Wat het voorstel verdringt in uw veranderkalender."),
        }

    def __init__(self, *args, reactie: Reactie, **kwargs):
        self.vragen = list(reactie.consultatie.vragen.all())
        beoordelingen = {b.dimensie: b for b in reactie.beoordelingen.all()}
        antwoorden = {a.vraag_id: a.tekst for a in reactie.antwoorden.all()}
        initial = {"versie": reactie.versie}
        for dimensie in Dimensie:
            b = beoordelingen.get(dimensie.value)
            initial[_dimensie_veld(dimensie)] = b.gevolgen if b else ""
            initial[_toelichting_veld(dimensie)] = b.toelichting if b else ""
        for vraag in self.vragen:
            initial[_antwoord_veld(vraag)] = antwoorden.get(vraag.pk, "")
        # A hertoets: the kernpunten of the organisation's earlier toets, to mark.
        self.eerdere_kernpunten = eerdere_kernpunten(reactie)
        for k in self.eerdere_kernpunten:
            initial[_herbeoordeling_veld(k["id"])] = k["oordeel"]
            initial[_herbeoordeling_toelichting_veld(k["id"])] = k["toelichting"]
        super().__init__(*args, instance=reactie, initial=initial, **kwargs)
        for veld in ("fte_incidenteel", "fte_structureel"):
            self.fields[veld].widget.attrs["inputmode"] = "decimal"
        for veld in (
            "kernboodschap",
            "voorwaarden",
            "beslag_op_portfolio",
            "burgerperspectief",
            "doenvermogen_conclusie",
        ):
            self.fields[veld].help_text = _maximaal(self.fields[veld].help_text, veld)
        for veld in ("aantal_burgers", "aantal_bedrijven", "prijspeil"):
            self.fields[veld].widget.attrs["inputmode"] = "numeric"
        for veld in ("eindoordeel", "risico_procesverstoringen", "helpt_burger"):
            self.fields[veld].choices = [("", _("Kies")), *self.fields[veld].choices[1:]]
        for dimensie in Dimensie:
            self.fields[_dimensie_veld(dimensie)] = forms.ChoiceField(
                label=_("Gevolgen"),
                choices=[("", _("Nog niet beoordeeld")), *Gevolgen.choices],
                required=False,
            )
            self.fields[_toelichting_veld(dimensie)] = forms.CharField(
                label=_("Toelichting"),
                help_text=_maximaal("", "toelichting"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for index, vraag in enumerate(self.vragen, start=1):
            self.fields[_antwoord_veld(vraag)] = forms.CharField(
                label=_("Vraag %(nummer)s: %(vraag)s") % {"nummer": index, "vraag": vraag.tekst},
                help_text=_maximaal("", "antwoord"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        for k in self.eerdere_kernpunten:
            self.fields[_herbeoordeling_veld(k["id"])] = forms.ChoiceField(
                label=_("Lost deze versie %(nummer)s op?") % {"nummer": k["nummer"]},
                choices=[("", _("Nog niet beoordeeld")), *Herbeoordeling.choices],
                required=False,
            )
            self.fields[_herbeoordeling_toelichting_veld(k["id"])] = forms.CharField(
                label=_("Toelichting"),
                help_text=_maximaal("", "herbeoordeling"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # Marked on the page: what "ter accordering" requires (the service decides).
        for veld in ("eindoordeel", "kernboodschap", *(_dimensie_veld(d) for d in Dimensie)):
            self.fields[veld].nodig_voor_accordering = True

    # --- grouping for the template --------------------------------------------------

    def _velden(self, namen):
        return [self[n] for n in namen]

    def oordeel(self):
        return self._velden(["eindoordeel", "kernboodschap", "voorwaarden"])

    def dimensies(self):
        return [
            {
                "waarde": d.value,
                "label": d.label,
                "uitleg": DIMENSIE_UITLEG[d],
                "gevolgen": self[_dimensie_veld(d)],
                "toelichting": self[_toelichting_veld(d)],
            }
            for d in Dimensie
        ]

    def voortgang(self) -> dict:
        """How many dimensions are assessed in what the form shows now (typed or stored)."""
        beoordeeld = sum(1 for d in Dimensie if self[_dimensie_veld(d)].value())
        return {"beoordeeld": beoordeeld, "totaal": len(Dimensie)}

    def gevolgen(self):
        return self._velden(
            [
                "risico_procesverstoringen",
                "fte_incidenteel",
                "fte_structureel",
                "invoering_mogelijk_per",
                "doorlooptijd_maanden",
                "beslag_op_portfolio",
                "prijspeil",
            ]
        )

    def burgertoets(self):
        return self._velden(
            [
                "helpt_burger",
                "burgerperspectief",
                "doenvermogentoets_uitgevoerd",
                "doenvermogen_conclusie",
                "aantal_burgers",
                "aantal_bedrijven",
            ]
        )

    def antwoorden(self):
        return [self[_antwoord_veld(v)] for v in self.vragen]

    def herbeoordelingen(self):
        return [
            {
                **k,
                "oordeel_veld": self[_herbeoordeling_veld(k["id"])],
                "toelichting_veld": self[_herbeoordeling_toelichting_veld(k["id"])],
            }
            for k in self.eerdere_kernpunten
        ]

    def ondertekening(self):
        return self._velden(["ondertekenaar_naam", "ondertekenaar_functie"])

    # --- what the service takes -------------------------------------------------------

    def service_argumenten(self, kosten) -> dict:
        data = self.cleaned_data
        return {
            "versie": data["versie"],
            "velden": {veld: data.get(veld) for veld in INHOUD_VELDEN},
            "beoordelingen": {
                d.value: {
                    "gevolgen": data.get(_dimensie_veld(d), ""),
                    "toelichting": data.get(_toelichting_veld(d), ""),
                }
                for d in Dimensie
            },
            "kosten": kosten,
            "antwoorden": {v.pk: data.get(_antwoord_veld(v), "") for v in self.vragen},
            "herbeoordelingen": {
                k["id"]: {
                    "oordeel": data.get(_herbeoordeling_veld(k["id"]), ""),
                    "toelichting": data.get(_herbeoordeling_toelichting_veld(k["id"]), ""),
                }
                for k in self.eerdere_kernpunten
            },
        }

    def koppel_servicefouten(self, fouten: dict, kostenformset):
        """Tie the service's field keys (``beoordelingen.ict.gevolgen``, ``kosten.0.bedrag``,
        ``antwoorden.5``) to the form fields they concern."""
        for sleutel, berichten in fouten.items():
            delen = sleutel.split(".")
            veld = None
            if delen[0] == "beoordelingen" and len(delen) > 1:
                veld = _dimensie_veld(delen[1])
            elif delen[0] == "antwoorden" and len(delen) > 1:
                veld = f"antwoord_{delen[1]}"
            elif delen[0] == "herbeoordelingen" and len(delen) > 1:
                veld = (
                    _herbeoordeling_toelichting_veld(delen[1])
                    if delen[-1] == "toelichting"
                    else _herbeoordeling_veld(delen[1])
                )
            elif delen[0] == "kosten" and len(delen) == 3 and delen[1].isdigit():
                index = int(delen[1])
                formulieren = kostenformset.gevulde_formulieren()
                if index < len(formulieren) and delen[2] in formulieren[index].fields:
                    formulieren[index].add_error(delen[2], berichten)
                    continue
            elif sleutel in self.fields:
                veld = sleutel
            self.add_error(veld if veld in self.fields else None, berichten)


class KostenpostForm(forms.Form):
    categorie = forms.ChoiceField(
        label=_("Categorie"), choices=[("", _("Kies"))] + KostenCategorie.choices, required=False
    )
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Kies"))] + KostenSoort.choices, required=False
    )
    bedrag = forms.DecimalField(
        label=_("Bedrag in euro"), required=False, min_value=0, decimal_places=2, localize=True
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar (bij incidenteel)"),
        choices=[("", _("Kies")), *KostenJaar.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("T is het jaar van inwerkingtreding."),
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=500)

    def is_leeg(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(v) not in (None, "") for v in ("categorie", "soort", "bedrag"))


class BasisKostenFormSet(forms.BaseFormSet):
    def gevulde_formulieren(self):
        return [
            f
            for f in self.forms
            if f.is_valid() and not f.is_leeg() and not f.cleaned_data.get("DELETE")
        ]

    def kosten(self) -> list[dict]:
        return [
            {
                k: f.cleaned_data.get(k)
                for k in ("categorie", "soort", "bedrag", "jaar", "toelichting")
            }
            for f in self.gevulde_formulieren()
        ]


KostenFormSet = forms.formset_factory(
    KostenpostForm, formset=BasisKostenFormSet, extra=2, can_delete=True
)


#: The kernpunt and attachment fields sit below the toets form on the page but belong to it
#: (HTML ``form`` attribute), so adding one also saves the draft: no typed text is lost.
FORMULIER_ID = "reactie-formulier"


class KernpuntForm(forms.ModelForm):
    use_required_attribute = False

    class Meta:
        model = Kernpunt
        fields = ["dimensie", "tekst", "artikel", "voorgestelde_wijziging", "ernst"]
        widgets = {
            "tekst": forms.Textarea(attrs={"rows": 3}),
            "voorgestelde_wijziging": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, in_toetsformulier=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ernst"].initial = Ernst.BELANGRIJK
        self.fields["dimensie"].choices = Dimensie.choices
        if in_toetsformulier:
            for veld in self.fields.values():
                veld.widget.attrs["form"] = FORMULIER_ID


class BijlageForm(forms.Form):
    bijlage = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, DOCX of ODT. Uw concept wordt tegelijk opgeslagen."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"form": FORMULIER_ID, "accept": ".pdf,.docx,.odt"}),
    )


class KernpuntSamenvoegenForm(forms.Form):
    """The kernpunt to merge into, one of ``doelen`` (the others of the consultation the
    user may see; the merge page offers exactly these)."""

    in_kernpunt = IdKeuzeVeld(
        queryset=Kernpunt.objects.none(),
        label=_("Kernpunt dat blijft"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies het kernpunt waarmee u dit kernpunt wilt samenvoegen."),
            "invalid_choice": _("Kies een ander kernpunt van dezelfde consultatie."),
        },
    )

    toelichting = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom deze kernpunten samengaan; komt in de geschiedenis van beide."),
    )

    def __init__(self, *args, doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["in_kernpunt"].queryset = doelen


class TransitieForm(forms.Form):
    toelichting = forms.CharField(required=False)


class OrganisatieLijstFilter(django_filters.FilterSet):
    """Filter and sort the invited organisations on a consultation page (GET parameters,
    so it works without JavaScript and a filtered view can be linked to)."""

    LOPEND = "lopend"

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(LOPEND, _("Nog niet ingediend")), *Status.choices],
        empty_label=_("Alle"),
        method="filter_status",
    )
    netwerk = django_filters.ChoiceFilter(
        label=_("Netwerk"),
        field_name="organisatie__netwerk",
        choices=Netwerk.choices,
        empty_label=_("Alle"),
    )
    sorteer = django_filters.OrderingFilter(
        label=_("Sorteer op"),
        empty_label=_("Organisatie (A-Z)"),
        fields=(
            ("organisatie__naam", "organisatie"),
            ("status", "status"),
            ("termijn_effectief", "termijn"),
            ("organisatie__netwerk", "netwerk"),
            ("ingediend_op", "ingediend"),
        ),
        field_labels={
            "organisatie__naam": _("Organisatie"),
            "status": _("Status"),
            "termijn_effectief": _("Termijn"),
            "organisatie__netwerk": _("Netwerk"),
            "ingediend_op": _("Ingediend op"),
        },
    )

    class Meta:
        model = Reactie
        fields = ["status", "netwerk"]

    def filter_status(self, queryset, name, value):
        if value == self.LOPEND:
            return queryset.lopend()
        return queryset.filter(status=value)

    def filter_queryset(self, queryset):
        # A stable order whatever is chosen: ties by organisation name.
        return super().filter_queryset(queryset).order_by(*self._volgorde())

    def _volgorde(self) -> list[str]:
        velden = []
        for keuze in self.form.cleaned_data.get("sorteer") or []:
            veld = self.filters["sorteer"].param_map.get(keuze.lstrip("-"))
            if veld:
                velden.append(f"-{veld}" if keuze.startswith("-") else veld)
        return [*velden, "organisatie__naam", "pk"]
