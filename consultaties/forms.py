"""Forms and display metadata for the consultation pages. Forms only parse input; every
rule (who may, in which state, which content is required) lives in the services."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from organisaties.models import Netwerk, Organisatie
from tegenkracht.velden import IdKeuzeFilter, IdKeuzeVeld, IdMeerkeuzeVeld

from .models import GEGEVENS_VELDEN, Consultatie, Instrument, Status


class DatumTijdInvoer(forms.DateTimeInput):
    """The browser's own date-and-time picker; works without JavaScript."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class KenmerkInvoer(forms.TextInput):
    """A consultation's kenmerk, typed, with the most recent ones as suggestions (a
    ``<datalist>``; ``suggesties`` is a list of ``(kenmerk, titel)``). A select of every
    consultation would grow with the years (2,000 options, 70 ms a page)."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.suggesties = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.suggesties and context["widget"]["attrs"].get("id"):
            context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}_suggesties"
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.suggesties or not (attrs or {}).get("id"):
            return html
        return format_html(
            '{}<datalist id="{}_suggesties">{}</datalist>',
            html,
            attrs["id"],
            format_html_join("", '<option value="{}">{}</option>', self.suggesties),
        )


class KenmerkVeld(forms.ModelChoiceField):
    """A consultation chosen by its kenmerk (case and surrounding spaces ignored)."""

    widget = KenmerkInvoer

    def __init__(self, **kwargs):
        super().__init__(Consultatie.objects.all(), to_field_name="kenmerk", **kwargs)

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        kenmerk = str(value).strip()[:100]
        # Kenmerken are issued in capitals: the unique index finds them; only what is
        # still not found is compared without case (a scan, on a form submission only).
        gevonden = self.queryset.filter(kenmerk=kenmerk.upper()).first() or (
            self.queryset.filter(kenmerk__iexact=kenmerk).order_by("pk").first()
        )
        if gevonden is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return gevonden


#: How many recent consultations the kenmerk field suggests.
SUGGESTIES = 50


class ConsultatieForm(forms.ModelForm):
    # The server validates; browser bubbles would bypass the accessible error summary.
    use_required_attribute = False

    internetconsultatie_url = forms.URLField(
        label=_("Internetconsultatie"), required=False, assume_scheme="https"
    )
    kamerstuk_url = forms.URLField(label=_("Kamerstuk"), required=False, assume_scheme="https")
    vragen = forms.CharField(
        label=_("Vragen van het ministerie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén vraag per regel. Elke organisatie beantwoordt deze vragen."),
    )

    vorige_consultatie = KenmerkVeld(
        label=_("Eerdere consultatie (bij een hertoets)"),
        required=False,
        help_text=_(
            "Alleen bij een nota van wijziging of amendement (hertoets): het kenmerk van de "
            "eerdere consultatie, bijvoorbeeld TK-2025-0031. Leeg bij een eerste toets."
        ),
        error_messages={
            "invalid_choice": _(
                "Er is geen consultatie met dit kenmerk. Kies er een uit de suggesties of "
                "laat het veld leeg."
            )
        },
    )

    class Meta:
        model = Consultatie
        fields = list(GEGEVENS_VELDEN)
        widgets = {
            "termijn": DatumTijdInvoer(),
            "beoogde_inwerkingtreding": DatumInvoer(),
            "samenvatting": forms.Textarea(attrs={"rows": 5}),
        }
        # A huge id is "not a valid choice" (400), never an OverflowError on SQLite.
        field_classes = {"ministerie": IdKeuzeVeld}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministerie"].queryset = Organisatie.objects.ministeries()
        self.fields["ministerie"].empty_label = _("Kies een ministerie")
        # Never itself: neither to choose nor suggested.
        eerdere = Consultatie.objects.exclude(pk=self.instance.pk)
        self.fields["vorige_consultatie"].queryset = eerdere
        self.fields["vorige_consultatie"].widget.suggesties = list(
            eerdere.order_by("-aangemaakt_op", "-pk").values_list("kenmerk", "titel")[:SUGGESTIES]
        )
        self.fields["instrument"].choices = [
            ("", _("Kies")),
            *self.fields["instrument"].choices[1:],
        ]
        if self.instance.pk:
            # The version this edit starts from: a stale save is refused (409), not lost.
            self.fields["versie"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.versie, min_value=1
            )
            # Questions and termijn are fixed once the consultation is open; a running
            # termijn is changed with "termijn verlengen".
            if self.instance.status == Status.CONCEPT:
                self.fields["vragen"].initial = "\n".join(
                    self.instance.vragen.values_list("tekst", flat=True)
                )
            else:
                del self.fields["vragen"]
                del self.fields["termijn"]
            if self.instance.vorige_consultatie_id:
                # Shown by its kenmerk, as typed (the model's initial is its id).
                self.initial["vorige_consultatie"] = self.instance.vorige_consultatie.kenmerk

    def velden(self) -> dict:
        """The cleaned values the service takes (only changed ones when editing)."""
        namen = [n for n in self.Meta.fields if n in self.fields]
        if self.instance.pk:
            namen = [n for n in namen if n in self.changed_data]
        return {n: self.cleaned_data[n] for n in namen}

    def vragenlijst(self) -> list[str] | None:
        if "vragen" not in self.fields:
            return None
        return [r.strip() for r in self.cleaned_data.get("vragen", "").splitlines() if r.strip()]


class DocumentForm(forms.Form):
    use_required_attribute = False

    titel = forms.CharField(
        label=_("Titel"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld 'Conceptwetsvoorstel na ambtelijk overleg'."),
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, DOCX of ODT. Het bestand wordt op inhoud gecontroleerd."),
    )


class UitnodigenForm(forms.Form):
    organisaties = IdMeerkeuzeVeld(
        label=_("Organisaties"),
        queryset=Organisatie.objects.uitvoeringsorganisaties(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    netwerk = forms.ChoiceField(
        choices=[(n.value, n.label) for n in Netwerk.uit_te_nodigen()], required=False
    )

    def uitnodiging(self) -> dict:
        """The service's arguments: a network button invites that whole network (the
        boxes ticked beside it do not count), otherwise the ticked organisations."""
        netwerk = self.cleaned_data.get("netwerk")
        if netwerk:
            return {"netwerk": netwerk}
        return {"organisaties": list(self.cleaned_data["organisaties"])}


class TermijnForm(forms.Form):
    use_required_attribute = False

    termijn = forms.DateTimeField(label=_("Nieuwe termijn"), widget=DatumTijdInvoer())
    organisatie = IdKeuzeVeld(
        label=_("Voor"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=_("alle uitgenodigde organisaties"),
        help_text=_("Kies een organisatie om alleen haar termijn te verlengen."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, consultatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            reacties__consultatie=consultatie
        ).order_by("naam")


class TransitieForm(forms.Form):
    """The optional comment (or reason) and, for heropenen, a new termijn."""

    toelichting = forms.CharField(required=False)
    termijn = forms.DateTimeField(required=False, widget=DatumTijdInvoer())


class ConsultatieFilter(django_filters.FilterSet):
    zoek = django_filters.CharFilter(label=_("Zoek op titel of kenmerk"), method="filter_zoek")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Alle")
    )
    instrument = django_filters.ChoiceFilter(
        label=_("Soort regeling"), choices=Instrument.choices, empty_label=_("Alle")
    )
    ministerie = IdKeuzeFilter(
        label=_("Ministerie"), queryset=Organisatie.objects.ministeries(), empty_label=_("Alle")
    )

    class Meta:
        model = Consultatie
        fields = ["zoek", "status", "instrument", "ministerie"]

    def filter_zoek(self, queryset, name, value):
        return queryset.filter(Q(titel__icontains=value) | Q(kenmerk__icontains=value))


# --- action buttons -------------------------------------------------------------------


def knoppen(namen, werkstroom, url, fout=None) -> list[dict]:
    """Display data for the action partial. ``fout`` is ``(naam, fouten, waarden)`` of an
    action that failed validation, so its form opens again with the errors and input."""
    resultaat = []
    for naam in namen:
        if naam not in werkstroom or not werkstroom[naam].label:
            continue  # no button: the action has its own form (or page)
        actie = werkstroom[naam]
        item = {
            "naam": naam,
            "url": url(naam),
            "label": actie.label,
            "toelichting": actie.toelichting,
            "toelichting_label": actie.toelichting_label,
            "termijn": actie.termijn,
            "gevaar": actie.gevaar,
            "onomkeerbaar": actie.onomkeerbaar,
        }
        if fout and fout[0] == naam:
            item.update(open=True, fouten=fout[1], waarden=fout[2])
        resultaat.append(item)
    return resultaat
