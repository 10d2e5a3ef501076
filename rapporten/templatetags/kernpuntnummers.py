"""The numbers (K1, K2, …) the paper gave to kernpunten, for the web pages that list them."""

from django import template

from rapporten.models import Rapport

register = template.Library()


@register.simple_tag
def kernpuntnummers(consultatie_id) -> dict[int, str]:
    """Kernpunt id → number in the consultation's definitive (or sent) paper; {} before
    there is one. One query per list, not per kernpunt."""
    if not consultatie_id:
        return {}
    return Rapport.objects.kernpuntnummers_voor(consultatie_id)


@register.filter
def nummer(nummers, kernpunt_id) -> str:
    return (nummers or {}).get(int(kernpunt_id), "")
