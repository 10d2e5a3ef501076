from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Consultatie


@login_required
def dashboard(request):
    consultaties = Consultatie.objects.zichtbaar_voor(request.user).select_related("ministerie")
    return render(request, "consultaties/dashboard.html", {"consultaties": consultaties[:50]})


@login_required
def consultatie_lijst(request):
    consultaties = Consultatie.objects.zichtbaar_voor(request.user).select_related("ministerie")
    return render(request, "consultaties/lijst.html", {"consultaties": consultaties})


@login_required
def consultatie_detail(request, pk):
    consultatie = get_object_or_404(Consultatie.objects.zichtbaar_voor(request.user), pk=pk)
    return render(request, "consultaties/detail.html", {"consultatie": consultatie})
