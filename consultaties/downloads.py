"""Serving private files: only through these views, only to who may see the object."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from .models import Consultatie, Document


def bestand_antwoord(veld, naam, content_type):
    response = FileResponse(
        veld.open("rb"), as_attachment=True, filename=naam, content_type=content_type
    )
    # Never let a browser render an uploaded file in our origin.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_downloaden(request, pk, document_pk):
    consultatie = get_object_or_404(Consultatie.objects.zichtbaar_voor(request.user), pk=pk)
    document = get_object_or_404(Document, consultatie=consultatie, pk=document_pk)
    return bestand_antwoord(document.bestand, document.bestandsnaam, document.content_type)
