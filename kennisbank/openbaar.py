"""The public archive's pages: no login, read-only, and nothing but published papers.

Every view starts from ``kennisbank.archief`` (``Rapport.objects.openbaar``); anything
else — a paper not published, set for later, withdrawn, a concept, another version, an
unknown kenmerk — is one and the same 404. The pages send the usual security headers and
``Cache-Control: no-store`` (``tegenkracht.middleware.GeenCacheMiddleware``): a withdrawn
publication must disappear from every cache at once.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_safe

from kern.lijsten import pagineer, zoekparameters
from rapporten.views import pdf_antwoord

from . import archief
from .forms import ArchiefZoekForm


@require_safe
def archief_lijst(request):
    form = ArchiefZoekForm(request.GET)
    tekst = form.cleaned_data["q"] if form.is_valid() else ""
    papers = archief.zoek(archief.openbare_papers(), tekst)
    # A search counts up to ZOEKPLAFOND: the count of every public paper that holds a
    # common word grows with the years of the archive.
    pagina = pagineer(
        request, papers, archief.PER_PAGINA, plafond=archief.ZOEKPLAFOND if tekst else None
    )
    return render(
        request,
        "openbaar/archief.html",
        {
            "form": form,
            "tekst": tekst,
            "pagina": pagina,
            "zoekparameters": zoekparameters(request),
            "paginanummers": pagina.paginator.get_elided_page_range(
                pagina.number, on_each_side=1, on_ends=1
            ),
        },
    )


def _paper(kenmerk: str):
    rapport = archief.openbaar_paper(kenmerk)
    if rapport is None:
        raise Http404
    return rapport


@require_safe
def paper(request, kenmerk):
    rapport = _paper(kenmerk)
    return render(request, "openbaar/paper.html", {"rapport": rapport, **archief.inhoud(rapport)})


@require_safe
def paper_pdf(request, kenmerk):
    """The stored definitive PDF of the sent version: exactly the bytes the ministry got."""
    return pdf_antwoord(_paper(kenmerk))


class ArchiefFeed(Feed):
    """Atom feed of the public papers whose publication moment has come, newest first."""

    feed_type = Atom1Feed
    title = gettext_lazy("Tegenkracht: openbare position papers")
    subtitle = gettext_lazy(
        "Uitvoeringstoetsen van het Netwerk van Publieke Dienstverleners die het secretariaat "
        "openbaar heeft gemaakt."
    )
    author_name = "Netwerk van Publieke Dienstverleners"
    #: Entries in the feed; older ones stay in the archive.
    AANTAL = 50

    def link(self):
        return reverse("openbaar:archief")

    def feed_url(self):
        return reverse("openbaar:feed")

    def items(self):
        return archief.openbare_papers()[: self.AANTAL]

    def item_title(self, rapport):
        return f"{rapport.consultatie.kenmerk} – {rapport.consultatie.titel}"

    def item_description(self, rapport):
        return gettext("Gezamenlijk position paper aan %(ministerie)s, verzonden op %(datum)s.") % {
            "ministerie": rapport.consultatie.ministerie.naam,
            "datum": rapport.verzonden_op.date().isoformat() if rapport.verzonden_op else "",
        }

    def item_link(self, rapport):
        return reverse("openbaar:paper", args=[rapport.consultatie.kenmerk])

    def item_guid(self, rapport):
        # Stable per paper, and no database id of ours.
        datum = f"{rapport.verzonden_op:%Y-%m-%d}"
        return f"tag:tegenkracht,{datum}:openbaar/{rapport.consultatie.kenmerk}"

    item_guid_is_permalink = False

    def item_pubdate(self, rapport):
        return rapport.publicatie.openbaar_vanaf

    def item_updateddate(self, rapport):
        return rapport.publicatie.openbaar_vanaf

    def item_categories(self, rapport):
        return [rapport.consultatie.ministerie.afkorting]
