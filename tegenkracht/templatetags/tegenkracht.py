"""Display helpers shared by all templates: status badges, audit labels, NLDS form widgets."""

import datetime
from functools import lru_cache
from urllib.parse import quote

from django import forms, template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import timeuntil_filter
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import FORMAT_SETTINGS, get_format, localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from audit import acties as audit_acties
from consultaties.models import Status as ConsultatieStatus
from reacties.models import Status as ReactieStatus
from tegenkracht.formulieren import escape_html, vaste_teksten
from themas import permissions as thema_permissions

register = template.Library()

#: Status values of both state machines (and report versions), translatable for the UI.
#: The keys come from the models, so a new state without a label shows its model label.
STATUS_LABELS = {
    **dict(ConsultatieStatus.choices),
    **dict(ReactieStatus.choices),
    "concept": _("Concept"),
    "open": _("Open"),
    "gesloten": _("Gesloten"),
    "verzonden": _("Verzonden"),
    "afgerond": _("Afgerond"),
    "ingetrokken": _("Ingetrokken"),
    "uitgenodigd": _("Uitgenodigd"),
    "in_voorbereiding": _("In voorbereiding"),
    "ter_accordering": _("Ter accordering"),
    "ingediend": _("Ingediend"),
    "geaccepteerd": _("Geaccepteerd"),
    "afgezien": _("Afgezien"),
    "verlopen": _("Verlopen"),
    "definitief": _("Definitief"),
    # Extension requests (notificaties), shown with the same badges.
    "aangevraagd": _("Aangevraagd"),
    "toegekend": _("Toegekend"),
    "afgewezen": _("Afgewezen"),
}


@register.filter
def status_label(waarde):
    return STATUS_LABELS.get(waarde, waarde)


@register.filter
def actie_label(actie):
    """The timeline label of an audit action, from the one registry in ``audit.acties``."""
    return audit_acties.label(actie)


@register.simple_tag
def status_badge(waarde):
    """A state as a badge. Built in Python, not an included template: lists show one per
    row, and an inclusion tag renders a template each time."""
    return _status_badge(waarde, get_language())


@lru_cache(maxsize=256)
def _status_badge(waarde, taal):
    return format_html(
        '<span class="tk-status tk-status--{}"><span class="tk-visueel-verborgen">{} </span>'
        "{}</span>\n",
        waarde,
        gettext("Status:"),
        status_label(waarde),
    )


#: Stands in for the pk in :func:`url_met_pk`; no real URL contains it.
_PK = 987654321


@register.simple_tag
def url_met_pk(naam, *args):
    """``reverse(naam, args=[pk, *args])`` once for a list, as the text before and after the
    pk: each row adds its pk with the ``met_pk`` filter instead of a ``{% url %}`` (a
    reverse() per row and form)."""
    voor, _pk, na = reverse(naam, args=[_PK, *args]).partition(str(_PK))
    return {"voor": voor, "na": na}


@register.simple_tag
def vaste_url(naam):
    """``{% url naam %}`` for a URL without arguments, reversed once per process (and
    script prefix): the menu on every page has fifteen of them."""
    return _vaste_url(naam, get_script_prefix())


@lru_cache(maxsize=128)
def _vaste_url(naam, _prefix):
    return reverse(naam)


@register.simple_tag(takes_context=True)
def navlink(context, url, label, teller=None, teller_label=""):
    """One item of the main menu: the link, ``aria-current`` on the page itself, and a
    counter when there is something to count. Built here rather than an included template:
    every page has a dozen of them."""
    verzoek = context.get("request")  # absent where a page renders without a request
    huidig = mark_safe(' aria-current="page"') if getattr(verzoek, "path", None) == url else ""
    if teller:
        teller = format_html(
            ' <span class="tk-teller">({}<span class="tk-visueel-verborgen"> {}</span>)</span>',
            localize(teller),
            teller_label,
        )
    else:
        teller = ""
    return format_html(
        '<li><a class="rhc-nav-bar__link" href="{}"{}>{}{}</a></li>', url, huidig, label, teller
    )


@register.simple_tag
def facetwaarden(waarden):
    """The items of one search facet, ``waarden`` as ``(FacetWaarde, query string)``: a
    link that chooses the value (or drops it when chosen) and its count. Built here rather
    than in the template: a search shows seventy of them."""
    wissen = gettext("filter wissen")

    def label(waarde):
        if not waarde.gekozen:
            return waarde.label
        return format_html(
            '<strong>{}</strong> <span class="tk-meta">({})</span>', waarde.label, wissen
        )

    return format_html_join(
        "\n",
        '<li><a class="utrecht-link" href="?{}"{}>{}</a> <span class="tk-meta">{}</span></li>',
        (
            (
                link,
                mark_safe(' aria-current="true"') if waarde.gekozen else "",
                label(waarde),
                localize(waarde.aantal),
            )
            for waarde, link in waarden
        ),
    )


@register.filter
def met_pk(url, pk) -> str:
    return f"{url['voor']}{pk}{url['na']}"


@register.simple_tag(takes_context=True)
def csrf_veld(context):
    """The ``{% csrf_token %}`` input, rendered once for the forms repeated in a list."""
    return CsrfTokenNode().render(context)


def _css_klasse(widget) -> str:
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    if isinstance(widget, forms.Select | forms.NullBooleanSelect) and not isinstance(
        widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, forms.FileInput):
        return "rhc-file-input"
    return "utrecht-textbox utrecht-textbox--html-input"


@register.simple_tag
def widget(veld, **extra):
    """Render a bound field's widget with NLDS classes and its help and error texts tied to
    it via aria-describedby (WCAG 1.3.1, 3.3.1)."""
    beschreven_door = []
    if veld.help_text:
        beschreven_door.append(f"{veld.auto_id}_helptext")
    if veld.errors:
        beschreven_door.append(f"{veld.auto_id}_fout")
    attrs = {"class": _css_klasse(veld.field.widget)}
    if veld.errors:
        attrs["aria-invalid"] = "true"
        attrs["class"] += " " + attrs["class"].split()[0] + "--invalid"
    if beschreven_door:
        attrs["aria-describedby"] = " ".join(beschreven_door)
    attrs.update(extra)
    return veld.as_widget(attrs=attrs)


@register.simple_tag
def formulierveld(veld):
    """One form field: its label, description and error message tied to the input
    (``widget``). Built here rather than an included template: the toets form has
    seventy fields."""
    verplicht, nodig = vaste_teksten(
        get_language(), gettext_noop("verplicht"), gettext_noop("nodig voor accordering")
    )
    veld_id = escape_html(veld.auto_id)
    label = f'<label class="utrecht-form-label" for="{veld_id}">{escape_html(veld.label)}'
    if veld.field.required:
        label += f' <span class="tk-meta">({verplicht})</span>'
    if getattr(veld.field, "nodig_voor_accordering", False):
        label += f' <span class="tk-nodig">{nodig}</span>'
    uitleg = (
        f'<div class="utrecht-form-field-description" id="{veld_id}_helptext">'
        f"{escape_html(veld.help_text)}</div>"
        if veld.help_text
        else ""
    )
    fouten = klasse = ""
    if veld.errors:
        fouten = (
            f'<span class="utrecht-form-field-error-message tk-fout" id="{veld_id}_fout">'
            f"{_fouten(veld.errors)}</span>"
        )
        klasse = " utrecht-form-field--invalid tk-veld--fout"
    return mark_safe(  # noqa: S308 (every value is escaped by escape_html)
        f'\n<div class="utrecht-form-field tk-veld{klasse}">\n  {label}</label>\n  {uitleg}'
        f"\n  {fouten}\n  {widget(veld)}\n</div>\n"
    )


@register.simple_tag(takes_context=True)
def verwerkingskaart(context, kernpunt):
    """One kernpunt of the paper on its page (``kernpunt`` a row of
    ``rapporten.views._kernpunten``): its number, dimension, organisation and severity, its
    text and endorsers, what the ministry did with it, and where the user may record that,
    the form (``verwerkingsformulier``). Reads from the page's context what is the same
    for every kernpunt: ``acties``, ``verwerking_url``, ``csrf`` and ``uitkomsten``. Built
    here rather than in the template: a paper has 50-70 kernpunten."""
    t_onderschreven, t_niet_verwerkt = vaste_teksten(
        get_language(),
        gettext_noop("Onderschreven door"),
        gettext_noop("Nog niet verwerkt."),
        escapen=False,
    )
    nl = nl_tekst()
    kid = escape_html(kernpunt["kid"])
    nummer = ""
    if kernpunt.get("nummer"):
        nummer = f'<span class="tk-kernpuntnummer">{escape_html(kernpunt["nummer"])}</span> '
    onderschrijvers = ""
    if kernpunt.get("onderschrijvers"):
        wie = ", ".join(escape_html(o["afkorting"]) for o in kernpunt["onderschrijvers"])
        onderschrijvers = f'<p class="utrecht-paragraph tk-meta">{t_onderschreven} {wie}.</p>'
    if verwerking := kernpunt["verwerking"]:
        verwerkt = (
            f'<p class="utrecht-paragraph"><strong>'
            f"{escape_html(verwerking.get_uitkomst_display())}</strong>: <span{nl}>"
            f"{escape_html(verwerking.toelichting)}</span></p>"
        )
    else:
        verwerkt = f'<p class="utrecht-paragraph tk-meta">{t_niet_verwerkt}</p>'
    formulier = ""
    if "verwerking_vastleggen" in context["acties"]:
        formulier = (
            "\n  "
            + verwerkingsformulier(
                kernpunt, context["verwerking_url"], context["csrf"], context["uitkomsten"]
            )
            + "\n  "
        )
    return mark_safe(  # noqa: S308 (every value is escaped by escape_html)
        f'\n<li class="tk-kaart" id="kernpunt-{kid}">'
        f'\n  <h3 class="nl-heading nl-heading--level-3" id="kernpunt-{kid}-kop">{nummer}'
        f"{escape_html(kernpunt['dimensie_label'])} \u00b7 "
        f"{escape_html(kernpunt['organisatie']['afkorting'])} \u00b7 "
        f"{escape_html(kernpunt['ernst_label'])}</h3>"
        f'\n  <p class="utrecht-paragraph"{nl}>{escape_html(kernpunt["tekst"])}</p>'
        f"\n  {onderschrijvers}\n  {verwerkt}\n  {formulier}\n</li>\n"
    )


@register.simple_tag
def verwerkingsformulier(kernpunt, actie, csrf, uitkomsten):
    """The form with which the ministry records what it did with one kernpunt of the paper
    (``kernpunt`` a row of ``rapporten.views._kernpunten``, ``actie`` the form's URL,
    ``csrf`` the CSRF input rendered once for the page). Built here rather than in the
    template: the page has one for each of the paper's 50-70 kernpunten, a third of its
    cost as template nodes."""
    kid = escape_html(kernpunt["kid"])
    fouten = kernpunt["fouten"]
    fout_uitkomst = fouten.get("uitkomst")
    fout_toelichting = fouten.get("toelichting")
    wat_gedaan, toelichting, verplicht, vastleggen = vaste_teksten(
        get_language(),
        gettext_noop("Wat is ermee gedaan?"),
        gettext_noop("Toelichting"),
        gettext_noop("verplicht"),
        gettext_noop("Verwerking vastleggen"),
    )
    if kernpunt.get("nummer"):
        legende = gettext("Wat is er met %(nummer)s gedaan?") % {
            "nummer": escape_html(kernpunt["nummer"])
        }
    else:
        legende = wat_gedaan
    delen = [
        f'<form method="post" action="{escape_html(actie)}#kernpunt-{kid}" class="tk-formulier" '
        f'novalidate>{csrf}\n    <input type="hidden" name="kernpunt" value="{kid}">\n    '
    ]
    if algemeen := kernpunt.get("algemeen"):
        delen.append(f'<p class="tk-fout" role="alert">{_fouten(algemeen)}</p>')
    klasse = "utrecht-form-fieldset utrecht-form-fieldset--html-fieldset tk-veld"
    beschreven = ""
    if fout_uitkomst:
        klasse += " utrecht-form-fieldset--invalid tk-veld--fout"
        beschreven = f' aria-describedby="uitkomst-{kid}-fout"'
    delen.append(
        f'\n    <fieldset class="{klasse}"{beschreven}>'
        '\n      <legend class="utrecht-form-fieldset__legend '
        f'utrecht-form-fieldset__legend--html-legend">{legende}</legend>\n      '
    )
    if fout_uitkomst:
        delen.append(f'<p class="tk-fout" id="uitkomst-{kid}-fout">{_fouten(fout_uitkomst)}</p>')
    delen.append(
        f'\n      <ul class="tk-keuzes">{_uitkomstkeuzes(kernpunt, uitkomsten)}</ul>'
        "\n    </fieldset>"
        '\n    <div class="utrecht-form-field tk-veld'
        + (" utrecht-form-field--invalid tk-veld--fout" if fout_toelichting else "")
        + f'">\n      <label class="utrecht-form-label" for="toelichting-{kid}">'
        f'{toelichting} <span class="tk-meta">({verplicht})</span></label>'
        "\n      "
    )
    if fout_toelichting:
        delen.append(
            f'<span class="tk-fout" id="toelichting-{kid}-fout">{_fouten(fout_toelichting)}</span>'
        )
    delen.append(
        f'\n      <textarea id="toelichting-{kid}" name="toelichting" rows="3" '
        'class="utrecht-textarea utrecht-textarea--html-textarea"'
        + (
            f' aria-invalid="true" aria-describedby="toelichting-{kid}-fout"'
            if fout_toelichting
            else ""
        )
        + f">{escape_html(kernpunt['invoer'])}</textarea>"
        "\n    </div>"
        '\n    <button type="submit" class="utrecht-button utrecht-button--primary-action" '
        f'aria-describedby="kernpunt-{kid}-kop">{vastleggen}</button>'
        "\n  </form>"
    )
    return mark_safe("".join(delen))  # noqa: S308 (every value is escaped by escape_html)


@register.simple_tag(takes_context=True)
def lopenderij(context, consultatie):
    """One row of the running consultations on the secretaris's start page, with its
    responses counted (``reacties.paginas.startpagina``). Reads ``detail_url``
    (``url_met_pk``) from the page's context. Built here rather than in the template:
    the page shows 25 of them beside the work queue."""
    ingediend = gettext("%(ingediend)s van %(uitgenodigd)s") % {
        "ingediend": escape_html(localize(consultatie.ingediend)),
        "uitgenodigd": escape_html(localize(consultatie.uitgenodigd)),
    }
    url = escape_html(met_pk(context["detail_url"], consultatie.pk))
    ministerie = escape_html(consultatie.ministerie.afkorting)
    te_beoordelen = escape_html(localize(consultatie.te_beoordelen))
    cel = '\n        <td class="utrecht-table__cell">'
    return mark_safe(  # noqa: S308 (every value is escaped by escape_html)
        f'<tr class="utrecht-table__row">{cel}'
        f"{_tijdelement(consultatie.termijn, 'j F Y H:i')}</td>"
        f'{cel}<a class="utrecht-link" href="{url}"{nl_tekst()}>'
        f"{escape_html(consultatie.titel)}</a><br>"
        f'<span class="tk-meta">{escape_html(consultatie.kenmerk)}</span></td>'
        f"{cel}{ministerie}</td>"
        f"{cel}{status_badge(consultatie.status)}</td>"
        f"{cel}{ingediend}</td>"
        f"{cel}{te_beoordelen}</td>\n      </tr>"
    )


def _fouten(fouten) -> str:
    """A field's messages as ``{{ fouten|join:" " }}`` shows them."""
    return " ".join(escape_html(fout) for fout in fouten)


def _uitkomstkeuzes(kernpunt, uitkomsten) -> str:
    """The radio buttons of the verwerking form, the recorded or typed choice checked."""
    ongeldig = ' aria-invalid="true"' if kernpunt["fouten"].get("uitkomst") else ""
    kid = escape_html(kernpunt["kid"])
    rijen = []
    for waarde, label in uitkomsten:
        gekozen = " checked" if kernpunt["keuze"] == waarde else ""
        waarde = escape_html(waarde)
        rijen.append(
            f'<li><label for="uitkomst-{kid}-{waarde}"><input type="radio" '
            'class="utrecht-radio-button utrecht-radio-button--html-input" name="uitkomst" '
            f'value="{waarde}" id="uitkomst-{kid}-{waarde}"{gekozen}{ongeldig}> '
            f"{escape_html(label)}</label></li>"
        )
    return "".join(rijen)


@register.simple_tag(takes_context=True)
def organisatierij(context, rij):
    """One row of the invited organisations on the consultation page (``rij`` from
    ``reacties.paginas._organisatierij``): the checkbox for the bulk actions where the
    list can be filtered, the response's state and termijn, and its actions. Built here
    rather than in the template: the page has a row for each of 30-40 organisations.
    Reads from the page's context what is the same for every row: ``lijstfilter``, the
    URLs ``reactie_url`` and ``accepteren_url`` (``url_met_pk``) and ``csrf``."""
    pk = escape_html(rij["pk"])
    naam = escape_html(rij["naam"])
    afkorting = escape_html(rij["afkorting"])
    t_verlengd, t_accepteren, t_terugsturen = vaste_teksten(
        get_language(),
        gettext_noop("verlengd"),
        gettext_noop("Accepteren"),
        gettext_noop("Terugsturen…"),
    )
    reactie_url = escape_html(met_pk(context["reactie_url"], rij["pk"]))
    delen = ['<tr class="utrecht-table__row">\n        ']
    if context.get("lijstfilter"):
        delen.append('<td class="utrecht-table__cell">')
        if rij["kiesbaar"]:
            kies = gettext("Kies %(org)s") % {"org": naam}
            delen.append(
                '<input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" '
                f'name="reacties" value="{pk}" form="bulkacties" id="kies-{pk}">'
                f'<label class="tk-visueel-verborgen" for="kies-{pk}">{kies}</label>'
            )
        delen.append("</td>")
    status = rij["status"]
    afzien = ""
    if status == "afgezien" and rij["afzien_reden"]:
        reden = escape_html(Truncator(rij["afzien_reden"]).chars(120))
        afzien = f'<br><span class="tk-meta">{reden}</span>'
    verlengd = f' <span class="tk-meta">({t_verlengd})</span>' if rij["verlengd"] else ""
    if status in ("ingediend", "geaccepteerd"):
        eindoordeel = escape_html(rij["eindoordeel"])
    else:
        eindoordeel = '<span class="tk-meta">–</span>'
    termijn = escape_html(tijd(template_localtime(rij["termijn"]), "j M Y H:i"))
    delen.append(
        "\n        "
        f'<th scope="row" class="utrecht-table__cell"><a class="utrecht-link" '
        f'href="{reactie_url}">{naam}</a></th>'
        f'\n        <td class="utrecht-table__cell">{escape_html(rij["netwerk"])}</td>'
        f'\n        <td class="utrecht-table__cell">{status_badge(status)}{afzien}</td>'
        f'\n        <td class="utrecht-table__cell">{termijn}{verlengd}</td>'
        f'\n        <td class="utrecht-table__cell">{eindoordeel}</td>'
        '\n        <td class="utrecht-table__cell">\n          '
    )
    if rij["accepteren"]:
        accepteren_url = escape_html(met_pk(context["accepteren_url"], rij["pk"]))
        delen.append(
            f'\n          <form method="post" action="{accepteren_url}" class="tk-inline-form">'
            f"{context['csrf']}"
            '<button type="submit" class="utrecht-button utrecht-button--primary-action '
            f'tk-button--klein">{t_accepteren}<span class="tk-visueel-verborgen"> – '
            f"{afkorting}</span></button></form>\n          "
        )
    delen.append("\n          ")
    if rij["terugsturen"]:
        delen.append(
            f'<a class="utrecht-link" href="{reactie_url}#acties-kop-hoofd">'
            f'{t_terugsturen}<span class="tk-visueel-verborgen"> – {afkorting}</span></a>'
        )
    delen.append("\n        </td>\n      </tr>")
    return mark_safe("".join(delen))  # noqa: S308 (every value is escaped by escape_html)


@register.simple_tag
def verschillenlijst(verschillen):
    """The items of the list of differences of opinion on the secretaris's page of a closed
    consultation (``rapporten.analyse.verschillen``): the conflicting verdicts with each
    negative organisation's reasons, then each dimension rated both ingrijpend and beperkt
    with each side's toelichting. Built here rather than in the template: with 30-40
    organisations it is a few hundred values on every view of the page."""
    t_oordeel, t_geen, t_dimensie, t_ingrijpend, t_beperkt = vaste_teksten(
        get_language(),
        gettext_noop(
            "Eindoordeel: (onder voorwaarden) uitvoerbaar volgens %(ja)s, niet uitvoerbaar "
            "volgens %(nee)s."
        ),
        gettext_noop("geen dimensie als ingrijpend beoordeeld"),
        gettext_noop("%(dimensie)s: hetzelfde effect beoordeeld als ingrijpend en als beperkt."),
        gettext_noop("Ingrijpend"),
        gettext_noop("Beperkt"),
    )
    delen = []
    if oordeel := verschillen["oordeel"]:
        delen.append(
            "<li>"
            + t_oordeel
            % {
                "ja": ", ".join(escape_html(a) for a in oordeel["uitvoerbaar"]),
                "nee": ", ".join(escape_html(a) for a in oordeel["niet_uitvoerbaar"]),
            }
            + '\n        <ul class="utrecht-unordered-list">'
        )
        for reden in oordeel["redenen"]:
            dimensies = "; ".join(
                escape_html(d["label"].lower())
                + (f" (\u201c{escape_html(d['toelichting'])}\u201d)" if d["toelichting"] else "")
                for d in reden["dimensies"]
            )
            afkorting = escape_html(reden["organisatie"]["afkorting"])
            delen.append(f"<li>{afkorting}: {dimensies or t_geen}</li>")
        delen.append("</ul></li>")
    delen.append("\n      ")
    for d in verschillen["dimensies"]:
        delen.append(
            f"<li>{t_dimensie % {'dimensie': escape_html(d['label'])}}"
            '\n        <ul class="utrecht-unordered-list">'
        )
        for niveau, label in (("ingrijpend", t_ingrijpend), ("beperkt", t_beperkt)):
            for r in d[niveau]:
                toelichting = r["toelichting"]
                toelichting = f": \u201c{escape_html(toelichting)}\u201d" if toelichting else ""
                delen.append(
                    f"<li>{label} \u2013 {escape_html(r['organisatie']['afkorting'])}"
                    f"{toelichting}</li>"
                )
        delen.append("</ul></li>")
    return mark_safe("".join(delen))  # noqa: S308 (every value is escaped by escape_html)


@register.simple_tag(takes_context=True)
def werkgroep(context, groep):
    """One consultation's work on the secretaris's work queue (``notificaties.werkvoorraad``,
    a ``Groep``): its heading, then the responses to assess, the extension requests, the
    organisations behind by urgency and the papers to send, each linked. Reads from the
    page's context the URLs ``detail_urls``, ``reactie_url``, ``verlenging_url`` and
    ``rapport_url`` (``url_met_pk``). Built here rather than in the template: the start
    page shows ten of them, with up to 36 organisations each."""
    consultatie = groep.consultatie
    pk = escape_html(consultatie.pk)
    detail_url = escape_html(met_pk(context["detail_urls"], consultatie.pk))
    t_termijn, t_vandaag, t_niets, t_verstreken, t_kritiek, t_risico = vaste_teksten(
        get_language(),
        gettext_noop("termijn"),
        gettext_noop("sluit vandaag"),
        gettext_noop("Niets te doen; de consultatie sluit binnenkort."),
        gettext_noop("termijn verstreken"),
        gettext_noop("nog 2 werkdagen of minder"),
        gettext_noop("nog 7 werkdagen of minder"),
    )
    sluit = ""
    if groep.sluit_over is not None:
        if groep.sluit_over:
            n = groep.sluit_over
            tekst = ngettext("sluit over %(n)s werkdag", "sluit over %(n)s werkdagen", n) % {
                "n": escape_html(localize(n))
            }
        else:
            tekst = t_vandaag
        sluit = f'<strong class="tk-status tk-status--verlopen">{tekst}</strong>'
    aantal = groep.aantal
    punten = ngettext("%(n)s punt", "%(n)s punten", aantal) % {"n": escape_html(localize(aantal))}
    delen = [
        f'\n  <article class="tk-kaart tk-werkvoorraad__groep" aria-labelledby="werk-{pk}">'
        f'\n    <h3 class="nl-heading nl-heading--level-3" id="werk-{pk}"><a class="utrecht-link" '
        f'href="{detail_url}"{nl_tekst()}>{escape_html(consultatie.titel)}</a></h3>'
        f'\n    <p class="tk-meta">{escape_html(consultatie.kenmerk)} \u00b7 '
        f"{escape_html(consultatie.ministerie.afkorting)} \u00b7 {t_termijn} "
        f"{_tijdelement(consultatie.termijn, 'j F Y H:i')}"
        f"\n      {sluit}\n      \u00b7 {punten}</p>"
        '\n    <ul class="utrecht-unordered-list tk-werkvoorraad__lijst">\n      '
    ]
    if te_beoordelen := groep.te_beoordelen:
        n = len(te_beoordelen)
        tekst = ngettext("%(n)s reactie te beoordelen", "%(n)s reacties te beoordelen", n) % {
            "n": escape_html(localize(n))
        }
        url = context["reactie_url"]
        links = ", ".join(
            f'<a class="utrecht-link" href="{escape_html(met_pk(url, r.pk))}">'
            f"{escape_html(r.organisatie.afkorting)}</a>"
            for r in te_beoordelen
        )
        delen.append(
            f'\n      <li><a class="utrecht-link" href="{detail_url}?status=ingediend'
            f'#organisaties">{tekst}</a>:\n        {links}</li>\n      '
        )
    delen.append("\n      ")
    if verzoeken := groep.verzoeken:
        n = len(verzoeken)
        tekst = ngettext("%(n)s verzoek om verlenging", "%(n)s verzoeken om verlenging", n) % {
            "n": escape_html(localize(n))
        }
        url = context["verlenging_url"]
        links = []
        for v in verzoeken:
            link = (
                f'<a class="utrecht-link" href="{escape_html(met_pk(url, v.pk))}">'
                f"{escape_html(v.reactie.organisatie.afkorting)}</a>"
            )
            if v.gewenste_termijn:
                datum = escape_html(tijd(template_localtime(v.gewenste_termijn), "j M"))
                tot = gettext("tot %(datum)s") % {"datum": datum}
                link += f' <span class="tk-meta">({tot})</span>'
            links.append(link)
        delen.append(f"\n      <li>{tekst}:\n        {', '.join(links)}</li>\n      ")
    delen.append("\n      ")
    if groep.achter:
        n = len(groep.achter)
        tekst = ngettext(
            "%(n)s organisatie achter op de termijn", "%(n)s organisaties achter op de termijn", n
        ) % {"n": escape_html(localize(n))}
        delen.append(
            f'\n      <li><a class="utrecht-link" href="{detail_url}?status=lopend'
            f'#organisaties">{tekst}</a>\n        <ul class="utrecht-unordered-list">'
            "\n          "
        )
        labels = {"verlopen": t_verstreken, "kritiek": t_kritiek}
        for urgentie, regels in groep.achter_per_urgentie:
            wie = ", ".join(
                f'<abbr title="{escape_html(a["reactie"].organisatie.naam)}">'
                f"{escape_html(a['reactie'].organisatie.afkorting)}</abbr>"
                for a in regels
            )
            label = labels.get(urgentie, t_risico)
            delen.append(f"\n          <li>{label}: {wie}</li>\n          ")
        delen.append("\n        </ul></li>\n      ")
    delen.append("\n      ")
    url = context["rapport_url"]
    for rapport in groep.te_verzenden:
        tekst = gettext(
            "Position paper versie %(versie)s is definitief en klaar om te verzenden"
        ) % {"versie": escape_html(localize(rapport.versie))}
        delen.append(
            f'\n      <li><a class="utrecht-link" href="{escape_html(met_pk(url, rapport.pk))}">'
            f"{tekst}</a></li>\n      "
        )
    delen.append("\n      ")
    if not aantal:
        delen.append(f"<li>{t_niets}</li>")
    delen.append("\n    </ul>\n  </article>\n  ")
    return mark_safe("".join(delen))  # noqa: S308 (every value is escaped by escape_html)


@register.simple_tag(takes_context=True)
def kernpuntkaart(context, rij):
    """One kernpunt of ``reacties/_kernpunten.html`` (``rij`` from
    ``reacties.paginas.kernpuntrijen``): its number in the paper, dimension, severity,
    article and organisation, its text, endorsers and themes, and the forms the user may
    use (themes, endorse, merge). Reads from the page's context what is the same for every
    kernpunt: ``nummers`` (``kernpuntnummers``), ``themas`` (``themas_per_kernpunt``),
    ``csrf``, the URLs ``thema_url``, ``themas_url``, ``onderschrijven_url`` and
    ``samenvoegen_url`` (``url_met_pk``), ``user``, ``mag_samenvoegen`` and
    ``kernpuntrijen``. Built here rather than in the template: a consultation's
    kernpunten page lists 50-70 of them."""
    (
        t_wijziging,
        t_onderschreven,
        t_niemand,
        t_themas,
        t_themas_label,
        t_themas_opslaan,
        t_onderschrijven,
        t_samenvoegen,
    ) = vaste_teksten(
        get_language(),
        gettext_noop("Voorgestelde wijziging:"),
        gettext_noop("Onderschreven door:"),
        gettext_noop("nog niemand"),
        gettext_noop("Thema's:"),
        gettext_noop("Thema's (gescheiden door komma's)"),
        gettext_noop("Thema's opslaan"),
        gettext_noop("Onderschrijven"),
        gettext_noop("Samenvoegen met een ander kernpunt"),
        escapen=False,
    )
    nl = nl_tekst()
    pk = escape_html(rij["pk"])
    kort = escape_html(rij["kort"])
    verborgen = f'<span class="tk-visueel-verborgen"> \u2013 {kort}</span>'
    kernpunt_id = int(rij["pk"])
    kop = []
    if nummer := (context.get("nummers") or {}).get(kernpunt_id, ""):
        kop.append(f'<strong class="tk-kernpuntnummer">{escape_html(nummer)}</strong> \u00b7 ')
    kop.append(
        f"<strong>{escape_html(rij['dimensie'])}</strong> \u00b7 {escape_html(rij['ernst'])}"
    )
    if rij["artikel"]:
        kop.append(f" \u00b7 <span{nl}>{escape_html(rij['artikel'])}</span>")
    if rij["organisatie"]:
        kop.append(f" \u00b7 {escape_html(rij['organisatie'])}")
    wijziging = ""
    if rij["voorgestelde_wijziging"]:
        wijziging = (
            f'<p class="utrecht-paragraph tk-tekst"{nl}><em>{t_wijziging}</em> '
            f"{escape_html(rij['voorgestelde_wijziging'])}</p>"
        )
    onderschrijvers = escape_html(rij["onderschrijvers"]) if rij["onderschrijvers"] else t_niemand
    delen = [
        f'\n  <li class="tk-kaart" id="kernpunt-{pk}">\n    <p class="utrecht-paragraph">'
        f'{"".join(kop)}</p>\n    <p class="utrecht-paragraph tk-tekst"{nl}>'
        f"{escape_html(rij['tekst'])}</p>\n    {wijziging}"
        f'\n    <p class="utrecht-paragraph tk-meta">{t_onderschreven} {onderschrijvers}</p>'
        "\n    \n    "
    ]
    eigen_themas = (context.get("themas") or {}).get(kernpunt_id, [])
    if eigen_themas:
        thema_url = context["thema_url"]
        links = ", ".join(
            f'<a class="utrecht-link" href="{escape_html(met_pk(thema_url, t.pk))}">'
            f"{escape_html(t.name)}</a>"
            for t in eigen_themas
        )
        delen.append(f'<p class="utrecht-paragraph tk-meta">{t_themas} {links}</p>')
    delen.append("\n    \n    ")
    csrf = context["csrf"]
    if thema_permissions.kan_themas_geven(context["user"], rij["kernpunt"]):
        actie = escape_html(met_pk(context["themas_url"], rij["pk"]))
        namen = ", ".join(escape_html(t.name) for t in eigen_themas)
        delen.append(
            f'\n    <form method="post" action="{actie}" class="tk-inline-form">{csrf}'
            f'\n      <label class="utrecht-form-label" for="themas-{pk}">{t_themas_label}</label>'
            '\n      <input class="utrecht-textbox utrecht-textbox--html-input" type="text" '
            f'id="themas-{pk}" name="themas" value="{namen}" list="themanamen" '
            'maxlength="2000" autocomplete="off">'
            '\n      <button type="submit" class="utrecht-button utrecht-button--secondary-action '
            f'tk-button--klein">{t_themas_opslaan}{verborgen}</button>\n    </form>\n    '
        )
    delen.append("\n    ")
    if rij["mag_onderschrijven"]:
        actie = escape_html(met_pk(context["onderschrijven_url"], rij["pk"]))
        delen.append(
            f'\n    <form method="post" action="{actie}" class="tk-inline-form">{csrf}'
            '<button type="submit" class="utrecht-button utrecht-button--secondary-action '
            f'tk-button--klein">{t_onderschrijven}{verborgen}</button></form>\n    '
        )
    delen.append("\n    \n    ")
    if context.get("mag_samenvoegen") and len(context["kernpuntrijen"]) > 1:
        href = escape_html(met_pk(context["samenvoegen_url"], rij["pk"]))
        delen.append(
            f'\n    <p class="utrecht-paragraph tk-meta"><a class="utrecht-link" href="{href}">'
            f"{t_samenvoegen}{verborgen}</a></p>\n    "
        )
    delen.append("\n  </li>\n  ")
    return mark_safe("".join(delen))  # noqa: S308 (every value is escaped by escape_html)


@register.simple_tag(takes_context=True)
def achterstandrij(context, regel):
    """One row of the backlog (``regel`` from ``termijnen.overzichten``): the organisation,
    on the page of all open consultations also the consultation, the response's state, its
    termijn, working days left, urgency and the reminders sent. Reads from the page's
    context ``consultatie`` (the page of one consultation) and the URLs ``reactie_url``
    and ``consultatie_url`` (``url_met_pk``). Built here rather than in the template: a
    page has 25 rows."""
    t_verlengd, t_nog_geen = vaste_teksten(
        get_language(), gettext_noop("verlengd"), gettext_noop("nog geen"), escapen=False
    )
    reactie = regel["reactie"]
    cel = '\n      <td class="utrecht-table__cell">'
    consultatiecel = ""
    if not context.get("consultatie"):
        consultatie = reactie.consultatie
        url = escape_html(met_pk(context["consultatie_url"], consultatie.pk))
        consultatiecel = (
            f'<td class="utrecht-table__cell"><a class="utrecht-link" href="{url}"{nl_tekst()}>'
            f"{escape_html(consultatie.titel)}</a> ({escape_html(consultatie.kenmerk)})</td>"
        )
    verlengd = f" ({t_verlengd})" if reactie.termijn_verlengd_tot else ""
    herinneringen = "; ".join(escape_html(h) for h in regel["herinneringen"]) or t_nog_geen
    reactie_url = escape_html(met_pk(context["reactie_url"], reactie.pk))
    return mark_safe(  # noqa: S308 (every value is escaped by escape_html)
        f'\n    <tr class="utrecht-table__row urgentie-{escape_html(regel["urgentie"])}">'
        f'{cel}<a class="utrecht-link" href="{reactie_url}">'
        f"{escape_html(reactie.organisatie.naam)}</a></td>"
        f"\n      {consultatiecel}"
        f"{cel}{status_badge(reactie.status)}</td>"
        f"{cel}{_tijdelement(regel['termijn'], 'DATETIME_FORMAT')}{verlengd}</td>"
        f"{cel}{escape_html(localize(regel['werkdagen']))}</td>"
        f"{cel}{escape_html(regel['urgentie_label'])}</td>"
        f"{cel}{herinneringen}</td>\n    </tr>\n  "
    )


@register.simple_tag(takes_context=True)
def inboxrij(context, reactie):
    """One invitation on a member organisation's start page (``reactie`` from
    ``reacties.paginas.startpagina``): the termijn that holds for the organisation and, while
    it runs, the time left; the consultation, its ministry, the response's state and a link
    to it. Reads from the page's context ``lopende_statussen`` and the URL ``reactie_url``
    (``url_met_pk``). Built here rather than in the template: the page has up to 40 rows."""
    t_verlengd, t_openen = vaste_teksten(
        get_language(), gettext_noop("verlengd"), gettext_noop("Reactie openen"), escapen=False
    )
    consultatie = reactie.consultatie
    verlengd = (
        f' <span class="tk-meta">({t_verlengd})</span>' if reactie.termijn_verlengd_tot else ""
    )
    resterend = ""
    if reactie.status in context["lopende_statussen"] and consultatie.status == "open":
        resterend = (
            f'<br><span class="tk-meta">{escape_html(tijd_over(reactie.effectieve_termijn))}</span>'
        )
    titel = escape_html(consultatie.titel)
    url = escape_html(met_pk(context["reactie_url"], reactie.pk))
    cel = '\n      <td class="utrecht-table__cell">'
    return mark_safe(  # noqa: S308 (every value is escaped by escape_html)
        f'\n    <tr class="utrecht-table__row">{cel}'
        f"{_tijdelement(reactie.effectieve_termijn, 'j F Y H:i')}{verlengd}{resterend}</td>"
        f"{cel}<span{nl_tekst()}>{titel}</span><br>"
        f'<span class="tk-meta">{escape_html(consultatie.kenmerk)}</span></td>'
        f"{cel}{escape_html(consultatie.ministerie.afkorting)}</td>"
        f"{cel}{status_badge(reactie.status)}</td>"
        f'{cel}<a class="utrecht-link" href="{url}">{t_openen}'
        f'<span class="tk-visueel-verborgen"> \u2013 {titel}</span></a></td>\n    </tr>\n  '
    )


@register.simple_tag
def statusrij(rij):
    """One row of the state summary on the secretaris's consultation page (``rij`` from
    ``Reactie.objects.statusoverzicht``: a network, or the totals): per state the number of
    responses, each linked to the list filtered on it."""
    netwerk = quote(str(rij["netwerk"]), safe="/") if rij.get("netwerk") else ""
    label = escape_html(rij["label"])
    if netwerk:
        label = (
            f'<a class="utrecht-link" href="?netwerk={escape_html(netwerk)}#organisaties">'
            f"{label}</a>"
        )
    filter_netwerk = f"&amp;netwerk={escape_html(netwerk)}" if netwerk else ""
    cellen = []
    for cel in rij["cellen"]:
        if cel["aantal"]:
            inhoud = (
                f'<a class="utrecht-link" href="?status={escape_html(cel["status"])}'
                f'{filter_netwerk}#organisaties">{escape_html(localize(cel["aantal"]))}</a>'
            )
        else:
            inhoud = '<span class="tk-meta">0</span>'
        cellen.append(f'<td class="utrecht-table__cell utrecht-table__cell--numeric">{inhoud}</td>')
    return mark_safe(  # noqa: S308 (every value is escaped by escape_html)
        '<tr class="utrecht-table__row">\n  <th scope="row" class="utrecht-table__cell">'
        f"{label}</th>\n  {''.join(cellen)}"
        '\n  <td class="utrecht-table__cell utrecht-table__cell--numeric">'
        f"{escape_html(localize(rij['totaal']))}</td>\n</tr>\n"
    )


@register.simple_tag
def tijdlijnregel(gebeurtenis):
    """One event of an object's timeline (``partials/tijdlijn.html``, an ``AuditEvent``):
    when, what, the change of state, who (or the system) and the explanation. Built here
    rather than in the template: a paper's timeline has dozens of events."""
    (t_systeem,) = vaste_teksten(get_language(), gettext_noop("het systeem"), escapen=False)
    g = gebeurtenis
    overgang = ""
    if (g.van_status or g.naar_status) and g.van_status != g.naar_status:
        van = f"{escape_html(status_label(g.van_status))} \u2192 " if g.van_status else ""
        overgang = f'<span class="tk-meta">({van}{escape_html(status_label(g.naar_status))})</span>'
    if actor := g.actor:
        wie = escape_html(actor.get_full_name() or actor.username)
        if actor.organisatie:
            wie += f", {escape_html(actor.organisatie.afkorting)}"
    else:
        wie = t_systeem
    toelichting = ""
    if g.toelichting:
        toelichting = f'<p class="tk-tijdlijn__toelichting">{escape_html(g.toelichting)}</p>'
    return mark_safe(  # noqa: S308 (every value is escaped by escape_html)
        f"\n    <li>\n      {_tijdelement(g.tijdstip, 'j F Y, H:i')}"
        f"\n      <strong>{escape_html(actie_label(g.actie))}</strong>"
        f'\n      {overgang}\n      <span class="tk-meta">\u2014 {wie}</span>'
        f"\n      {toelichting}\n    </li>\n    "
    )


def _tijdelement(waarde, formaat: str) -> str:
    """``<time datetime="…">…</time>`` of a datetime in the active time zone, as the
    templates wrote it with ``|tijd:'c'`` and ``|tijd:formaat``."""
    lokaal = template_localtime(waarde)
    return (
        f'<time datetime="{escape_html(tijd(lokaal, "c"))}">'
        f"{escape_html(tijd(lokaal, formaat))}</time>"
    )


@register.filter
def tijd_over(termijn) -> str:
    """The time left until ``termijn`` ("nog 3 dagen, 5 uur"), or that it has passed. A
    consultation or an invitation past its termijn stays open until the minute job closes
    or expires it: ``timeuntil`` would call that "nog 0 minuten"."""
    if termijn is None:
        return ""
    over = termijn - timezone.now()
    if over <= datetime.timedelta(0):
        return gettext("termijn verstreken")
    if over < datetime.timedelta(minutes=1):
        return gettext("nog minder dan een minuut")
    return gettext("nog %(tijd)s") % {"tijd": timeuntil_filter(termijn)}


@register.filter
def levensgebeurtenis(waarde):
    from reacties.models import Levensgebeurtenis

    return dict(Levensgebeurtenis.choices).get(waarde, waarde)


@register.simple_tag
def nl_tekst():
    """` lang="nl"` on user-written text (titles, explanations) when the interface is not
    Dutch, so a screen reader pronounces it as Dutch (WCAG 3.1.2)."""
    from django.utils.html import mark_safe
    from django.utils.translation import get_language

    return "" if (get_language() or "nl").startswith("nl") else mark_safe(' lang="nl"')


#: What ``tijd`` formats itself; a format with any other letter goes to Django's filter.
_TIJDDELEN = {
    "c": lambda d: d.isoformat(),
    "j": lambda d: str(d.day),
    "F": lambda d: _maanden(get_language())[0][d.month],
    "M": lambda d: _maanden(get_language())[1][d.month],
    "Y": lambda d: f"{d.year:04d}",
    "H": lambda d: f"{d.hour:02d}",
    "i": lambda d: f"{d.minute:02d}",
}


@lru_cache(maxsize=8)
def _maanden(_taal) -> tuple[dict, dict]:
    """The month names (``F``) and their abbreviations (``M``) in the active language,
    translated once per language rather than once per value."""
    return (
        {nummer: str(naam) for nummer, naam in MONTHS.items()},
        {nummer: str(naam).title() for nummer, naam in MONTHS_3.items()},
    )


@lru_cache(maxsize=64)
def _tijdformaat(formaat: str):
    """The format as its literal pieces and parts, or None when Django's filter must do it."""
    if "\\" in formaat or any(t.isalpha() and t not in _TIJDDELEN for t in formaat):
        return None
    return tuple(_TIJDDELEN.get(teken, teken) for teken in formaat)


@register.filter(expects_localtime=True, is_safe=False)
def tijd(waarde, formaat):
    """The ``date`` filter's output for a datetime, for the formats of the lists' rows
    (``c``, ``j F Y H:i``, ``j M Y H:i``): without building a ``DateFormat`` for each
    value (a list of 25 rows formats 50 of them). A format's name (``DATETIME_FORMAT``)
    is the active language's format, as for ``date``."""
    if formaat in FORMAT_SETTINGS:  # a name; any other format get_format looks up in vain
        formaat = get_format(formaat)
    delen = _tijdformaat(formaat)
    if delen is None or not isinstance(waarde, datetime.datetime):
        return date_filter(waarde, formaat)
    return "".join(deel if isinstance(deel, str) else deel(waarde) for deel in delen)
