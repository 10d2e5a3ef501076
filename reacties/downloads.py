"""A response's attachments: served only through this view, only to who may see the response."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from consultaties.downloads import bestand_antwoord

from .models import Bijlage, Reactie


@login_required
def bijlage_downloaden(request, pk, bijlage_pk):
    reactie = get_object_or_404(Reactie.objects.zichtbaar_voor(request.user), pk=pk)
    bijlage = get_object_or_404(Bijlage, reactie=reactie, pk=bijlage_pk)
    return bestand_antwoord(bijlage.bestand, bijlage.bestandsnaam, bijlage.content_type)
