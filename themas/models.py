"""Themes the secretariat gives kernpunten, so the network sees what it raises again and again.

Built on django-taggit's models: :class:`Thema` is its tag (a unique name and a unique slug
that taggit derives), :class:`Getagd` its tagged item, tying one kernpunt to one theme.
The kernpunt itself (``reacties``) stays unaware of themes: this app sits above it, so the
link is a plain foreign key from here rather than taggit's manager on ``Kernpunt``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import ItemBase, TagBase

from reacties.models import Kernpunt


class Thema(TagBase):
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]


class Getagd(ItemBase):
    """One kernpunt carries one theme; who gave it and when is in the audit trail too."""

    tag = models.ForeignKey(
        Thema, on_delete=models.CASCADE, related_name="getagd", verbose_name=_("thema")
    )
    content_object = models.ForeignKey(
        Kernpunt,
        on_delete=models.CASCADE,
        related_name="themas_getagd",
        verbose_name=_("kernpunt"),
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("thema van een kernpunt")
        verbose_name_plural = _("thema's van kernpunten")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="thema_eenmaal_per_kernpunt"
            )
        ]
