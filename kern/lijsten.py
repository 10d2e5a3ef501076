"""Long lists on the web: filtered, sorted and paginated on the server from GET parameters.

A list view builds a :class:`Lijstkeuze` form (its filter fields plus ``sorteer``), narrows
its queryset with the cleaned values and hands the result to :func:`pagineer`. The
template shows the form (``partials/lijstfilter.html``) and the page navigation
(``partials/paginering.html``), which keeps the chosen filters in its links. No list is
ever unbounded: a page holds at most :data:`PER_PAGINA` rows.
"""

from django import forms
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

PER_PAGINA = 25


class Lijstkeuze(forms.Form):
    """Filters and sort order of a list. Subclasses add filter fields and set
    ``SORTERINGEN``: ``{key: (label, order_by fields)}``, the first being the default.

    Invalid input never fails the page: a filter that does not validate is ignored."""

    SORTERINGEN: dict[str, tuple] = {}

    sorteer = forms.ChoiceField(label=_("Sorteren op"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        self.fields["sorteer"].choices = [(k, v[0]) for k, v in self.SORTERINGEN.items()]
        # Keep the sort field last: it reads as "then order by".
        self.order_fields([*(n for n in self.fields if n != "sorteer"), "sorteer"])

    def waarde(self, naam: str):
        """The cleaned value of a filter, or empty when absent or invalid."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            self.is_valid()
        if naam in self.errors:
            return None
        return self.cleaned_data.get(naam) or None

    @property
    def sortering(self) -> str:
        gekozen = self.waarde("sorteer")
        return gekozen if gekozen in self.SORTERINGEN else next(iter(self.SORTERINGEN))

    @property
    def volgorde(self) -> tuple:
        return self.SORTERINGEN[self.sortering][1]

    @property
    def is_gefilterd(self) -> bool:
        return any(self.waarde(n) for n in self.fields if n != "sorteer")


class BegrensdePaginator(Paginator):
    """Counts at most ``plafond`` objects (``SELECT COUNT(*)`` over a ``LIMIT``), so the
    count costs the same however many match; past it ``afgekapt`` is true and the pages
    end at ``plafond``. For a search, where "more than 200" says enough."""

    def __init__(self, object_list, per_page, plafond: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.plafond = plafond

    @cached_property
    def _geteld(self) -> int:
        # One past the ceiling: tells "exactly plafond" from "more".
        return self.object_list[: self.plafond + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._geteld, self.plafond)

    @cached_property
    def afgekapt(self) -> bool:
        return self._geteld > self.plafond


def pagineer(request, objecten, per_pagina: int = PER_PAGINA, plafond: int | None = None) -> Page:
    """The page of ``objecten`` that ``?pagina=`` asks for (the last one when too high);
    with ``plafond`` counted up to that many (:class:`BegrensdePaginator`)."""
    paginator = (
        BegrensdePaginator(objecten, per_pagina, plafond)
        if plafond
        else Paginator(objecten, per_pagina)
    )
    return paginator.get_page(request.GET.get("pagina"))


def zoekparameters(request) -> str:
    """The query string of the current list without its page number, for page links."""
    parameters = request.GET.copy()
    parameters.pop("pagina", None)
    return parameters.urlencode()


def lijstcontext(request, keuze: Lijstkeuze, objecten, per_pagina: int = PER_PAGINA) -> dict:
    """What the list partials need: the page, the form and the links' query string."""
    pagina = pagineer(request, objecten, per_pagina)
    return {
        "pagina": pagina,
        "keuze": keuze,
        "zoekparameters": zoekparameters(request),
        "paginanummers": pagina.paginator.get_elided_page_range(
            pagina.number, on_each_side=1, on_ends=1
        ),
    }
