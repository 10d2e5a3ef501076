"""Themes on a consultation's kernpunten page (a lower app's template): one query for
every kernpunt on the page, and the names the secretariaat may choose from. Each
kernpunt's themes and the form to give them are written by ``kernpuntkaart``
(``tegenkracht.templatetags``)."""

from collections import defaultdict

from django import template

from themas import permissions
from themas.models import Getagd, Thema

register = template.Library()


@register.simple_tag
def themas_per_kernpunt(kernpunten) -> dict[int, list[Thema]]:
    per_kernpunt = defaultdict(list)
    ids = [k.pk for k in kernpunten]
    if ids:
        for getagd in (
            Getagd.objects.filter(content_object_id__in=ids)
            .select_related("tag")
            .order_by("tag__name")
        ):
            per_kernpunt[getagd.content_object_id].append(getagd.tag)
    return per_kernpunt


@register.simple_tag
def themanamen(user) -> list[str]:
    """Every theme name, for the secretariaat's suggestions (none for anyone else)."""
    if not permissions.mag_themas_beheren(user):
        return []
    return list(Thema.objects.values_list("name", flat=True))
