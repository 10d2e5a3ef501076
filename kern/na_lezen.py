"""Loading related values once a queryset's rows are read, like a prefetch but without a
model instance per related row.

A prefetch builds a model instance (and, through a many-to-many, a related manager) for
every related row: for a page of 20 responses with ten assessments each, that cost more
than the rest of the request. A queryset that mixes in :class:`NaLezenQuerySet` names what
to load with ``_met_na_lezen(naam)``; once its rows are read, ``_laad_<naam>(rijen)`` runs
once with all of them and sets plain values on each row (one query per kind, as a
prefetch does). Like a prefetch it survives chaining, slicing and pagination, and it runs
only for model rows (not ``values()`` or ``count()``).
"""

from django.db import models
from django.db.models.query import ModelIterable


class NaLezenQuerySet(models.QuerySet):
    #: The names of what to load once the rows are read (``_laad_<naam>``).
    _na_lezen: tuple[str, ...] = ()

    def _clone(self):
        kloon = super()._clone()
        kloon._na_lezen = self._na_lezen
        return kloon

    def _met_na_lezen(self, naam: str):
        kloon = self._chain()
        if naam not in kloon._na_lezen:
            kloon._na_lezen = (*kloon._na_lezen, naam)
        return kloon

    def _fetch_all(self):
        gelezen = self._result_cache is not None
        super()._fetch_all()
        if (
            self._na_lezen
            and not gelezen
            and self._result_cache
            and self._iterable_class is ModelIterable
        ):
            for naam in self._na_lezen:
                getattr(self, f"_laad_{naam}")(self._result_cache)
