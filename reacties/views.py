from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Reactie


@login_required
def reactie_detail(request, pk):
    reactie = get_object_or_404(
        Reactie.objects.zichtbaar_voor(request.user).select_related("consultatie", "organisatie"),
        pk=pk,
    )
    return render(request, "reacties/detail.html", {"reactie": reactie})
