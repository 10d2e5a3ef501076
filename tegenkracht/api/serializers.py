"""Serializer machinery shared by the apps' ``api.py`` (no domain rules)."""

import copy
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .problemen import veldnaam

#: ``ModelSerializer.build_field``'s answer per serializer class, field and model.
_VELDOPBOUW: dict = {}


# DRF's ModelSerializer derives each model field's serializer field (its class, label,
# choices, validators) from the model's metadata for every serializer on every request. The
# models do not change while the process runs, so this one does it once per class and
# field: it was a tenth of the calls of a page of responses. Each request still gets fields
# of its own, built from those arguments. (A comment, not a docstring: drf-spectacular
# would describe every schema with it.)
class ModelSerializer(serializers.ModelSerializer):
    def build_field(self, field_name, info, model_class, nested_depth):
        sleutel = (type(self), field_name, model_class, nested_depth)
        opgebouwd = _VELDOPBOUW.get(sleutel)
        if opgebouwd is None:
            opgebouwd = super().build_field(field_name, info, model_class, nested_depth)
            _VELDOPBOUW[sleutel] = opgebouwd
        veldklasse, argumenten = opgebouwd
        # A fresh dict (get_fields adds the Meta's extra_kwargs to it) and a field of its
        # own where an argument is one (a list's child): it is bound to its parent.
        return veldklasse, {
            naam: copy.deepcopy(waarde) if isinstance(waarde, serializers.Field) else waarde
            for naam, waarde in argumenten.items()
        }


class StrikteInvoerMixin:
    """Refuse properties the client may not write instead of silently ignoring them: a
    client that sends ``status`` learns that states change only through actions."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            schrijfbaar = {naam for naam, veld in self.fields.items() if not veld.read_only}
            fouten = {}
            for sleutel in list(data):
                if sleutel in schrijfbaar:
                    continue
                if sleutel == "status":
                    fouten[sleutel] = (
                        "De status is alleen-lezen; een status verandert alleen via een actie "
                        "(POST …/{id}/<actie>, zie toegestaneActies)."
                    )
                elif sleutel in self.fields:
                    fouten[sleutel] = f"'{veldnaam(sleutel)}' is alleen-lezen."
                else:
                    fouten[sleutel] = f"'{veldnaam(sleutel)}' is geen bekend veld."
            if fouten:
                raise serializers.ValidationError(fouten)
        return super().to_internal_value(data)


# The input of an action on any resource: a note, which some actions require. (No
# docstring: drf-spectacular would publish it as the schema's description.)
class ToelichtingSerializer(StrikteInvoerMixin, serializers.Serializer):
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ToegestaneActiesField(serializers.ListField):
    """The actions the requesting user may take now, as API names (``ter-accordering``)."""

    def __init__(self, acties, bron, **kwargs):
        self.bron = bron
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "De acties die u nu mag uitvoeren: POST …/{id}/<actie>.")
        super().__init__(child=serializers.ChoiceField(choices=acties), **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        gebruiker = self.context["request"].user
        return [naam.replace("_", "-") for naam in self.bron(gebruiker, instance)]


class IdVeld(serializers.PrimaryKeyRelatedField):
    """A writable reference by id; an id beyond the database's integer range is invalid
    input (400) instead of a database error. Messages in plain words, not "Ongeldige pk"."""

    default_error_messages = {
        "required": _("Dit veld is verplicht."),
        "does_not_exist": _("Er bestaat geen object met id {pk_value} dat u hier kunt kiezen."),
        "incorrect_type": _("Geef een id op (een geheel getal), geen {data_type}."),
    }

    def __init__(self, **kwargs):
        from .filters import GROOTSTE_ID

        kwargs.setdefault("pk_field", serializers.IntegerField(min_value=1, max_value=GROOTSTE_ID))
        super().__init__(**kwargs)


def _heldere_datummeldingen():
    """DRF's date messages mix languages ("Datetime heeft een ongeldig formaat") and quote
    format codes; say in the request's language what to send, with an example."""
    serializers.DateTimeField.default_error_messages["invalid"] = _(
        "Geef een datum en tijd op in ISO 8601, bijvoorbeeld 2026-12-31T17:00:00+01:00."
    )
    serializers.DateTimeField.default_error_messages["date"] = _(
        "Geef een datum en tijd op, niet alleen een datum (bijvoorbeeld 2026-12-31T17:00:00+01:00)."
    )
    serializers.DateField.default_error_messages["invalid"] = _(
        "Geef een datum op als JJJJ-MM-DD, bijvoorbeeld 2026-12-31."
    )
    serializers.DateField.default_error_messages["datetime"] = _(
        "Geef alleen een datum op (JJJJ-MM-DD), zonder tijd."
    )
    serializers.ChoiceField.default_error_messages["invalid_choice"] = _(
        '"{input}" is geen geldige keuze.'
    )


_heldere_datummeldingen()


#: Stands for the id while a route is reversed once (no real id is this large in a test or
#: a network; ``pad_met_id`` checks the route echoes it exactly once).
_PLAATSHOUDER = "9081726354453627"


@lru_cache(maxsize=256)
def _padsjabloon(naam: str, *_sleutel) -> tuple[str, str]:
    pad = reverse(naam, args=[int(_PLAATSHOUDER)])
    if pad.count(_PLAATSHOUDER) != 1:
        raise ValueError(f"{naam}: de route bevat het id niet precies één keer")
    voor, _, na = pad.partition(_PLAATSHOUDER)
    return voor, na


def pad_met_id(naam: str, pk: int) -> str:
    """``reverse(naam, args=[pk])`` for a route whose one argument is an integer id: the
    route is reversed once per process (and script prefix and URLconf), then the id filled
    in. ``reverse`` cost ~0.1 ms a call, and a page of 20 papers carries 60 links."""
    voor, na = _padsjabloon(naam, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    return f"{voor}{int(pk)}{na}"
