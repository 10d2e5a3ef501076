"""Exact totals of long lists at a cost that does not grow with the years of data.

The total of a list (``aantal`` of ``/api/v1/reacties`` and ``/api/v1/rapporten``) counts
every row a user may see: tens of thousands after a few years, recounted on every page.
What may be seen changes only when a row is created or deleted or changes one of a few
fields (a response's or a paper's status; a consultation's status, opening or ministry).
So a total is remembered in the shared cache (``settings.CACHES``, the database) next to
the *version* it was counted at, and is valid while that version is current. Every such
change makes a new version once its transaction commits; a total counted at an older
version is counted again.

- The key of a total is the SQL and parameters of what it counts: the user's visibility
  (organisation, role) is in it, so one organisation never reads another's total, and
  a change to the visibility rules changes the key.
- The version and the total are read together: one cache query per list.
- A new version is a random token (no increment that two processes could both make,
  nothing to lose when the cache culls the key: a missing version is a new one).
- It is written after the commit (``transaction.on_commit``), never inside the change's
  transaction: there it would lock one row for every transaction that changes a
  response, and deadlock two of them (the deadline job closing a consultation against an
  organisation submitting at that moment). Between a commit and its new version (a
  moment) a reader may still get the previous total; a process that dies in between
  leaves it for at most :data:`GELDIG` seconds.

Models opt in with :class:`TellingBron` and :class:`TellingBronQuerySet` and name their
``telling_velden``; every ORM write (save, delete, queryset ``update``, ``bulk_create``,
``bulk_update``, ``delete``) then makes a new version when it may change a count.
Writes around the ORM (raw SQL, ``loaddata``) make none: their totals catch up within
:data:`GELDIG` seconds.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import models, transaction

VERSIE = "telling:versie"
#: How long a total stays valid without a change (seconds): the bound on a stale total
#: if a process died between a commit and its new version.
GELDIG = 600


def nieuwe_versie() -> str:
    versie = uuid.uuid4().hex
    cache.set(VERSIE, versie, None)
    return versie


def gewijzigd(using: str | None = None) -> None:
    """A count may have changed: new version once the current transaction commits (at
    once outside a transaction). ``TELLINGEN_NA_COMMIT = False`` makes it at once: for
    tests, whose transaction never commits (as their tasks run at once)."""
    if getattr(settings, "TELLINGEN_NA_COMMIT", True):
        transaction.on_commit(nieuwe_versie, using=using)
    else:
        nieuwe_versie()


def _sleutel(querysets) -> str:
    onderdelen = []
    for qs in querysets:
        sql, params = qs.order_by().query.sql_with_params()
        onderdelen.append(repr((qs.db, sql, params)))
    return "telling:" + hashlib.sha256("\n".join(onderdelen).encode()).hexdigest()


def aantal(querysets) -> int:
    """``sum(qs.count() for qs in querysets)``, from the cache while no change committed
    since it was counted: one cache query, plus the counts and a write when it was not."""
    try:
        sleutel = _sleutel(querysets)
    except EmptyResultSet:  # nothing to see (e.g. a role that sees no responses): no query
        return sum(qs.count() for qs in querysets)
    gelezen = cache.get_many([VERSIE, sleutel])
    versie = gelezen.get(VERSIE)
    onthouden = gelezen.get(sleutel)
    if versie is not None and onthouden is not None and onthouden[0] == versie:
        return onthouden[1]
    if versie is None:
        versie = nieuwe_versie()
    # Counted after the version was read: a change committed from here on makes a newer
    # version, under which this total is not read.
    totaal = sum(qs.count() for qs in querysets)
    cache.set(sleutel, (versie, totaal), GELDIG)
    return totaal


class TellingBron:
    """Model mixin: a new version (:func:`gewijzigd`) when a row is created or deleted, or
    saved with one of ``telling_velden`` (a save without ``update_fields`` may change
    any field)."""

    telling_velden: frozenset[str] = frozenset()

    def save(self, *args, update_fields=None, **kwargs):
        nieuw = self._state.adding
        super().save(*args, update_fields=update_fields, **kwargs)
        if nieuw or update_fields is None or self.telling_velden & set(update_fields):
            gewijzigd(self._state.db)

    def delete(self, *args, **kwargs):
        resultaat = super().delete(*args, **kwargs)
        gewijzigd(self._state.db)
        return resultaat


class TellingBronQuerySet(models.QuerySet):
    """QuerySet of a :class:`TellingBron` model: its bulk writes make a new version too.
    (Cascading deletes bypass both; a model whose rows a cascade can delete needs more.)"""

    def update(self, **kwargs):
        aantal_rijen = super().update(**kwargs)
        if aantal_rijen and self.model.telling_velden & set(kwargs):
            gewijzigd(self.db)
        return aantal_rijen

    def bulk_create(self, objs, *args, **kwargs):
        objs = super().bulk_create(objs, *args, **kwargs)
        if objs:
            gewijzigd(self.db)
        return objs

    def bulk_update(self, objs, fields, *args, **kwargs):
        aantal_rijen = super().bulk_update(objs, fields, *args, **kwargs)
        if aantal_rijen and self.model.telling_velden & set(fields):
            gewijzigd(self.db)
        return aantal_rijen

    def delete(self):
        resultaat = super().delete()
        if resultaat[0]:
            gewijzigd(self.db)
        return resultaat
