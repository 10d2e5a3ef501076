from django.contrib import admin

from kern.admin import AlleenLezenAdmin

from .models import Reactie


@admin.register(Reactie)
class ReactieAdmin(AlleenLezenAdmin):
    """Read-only overview: responses are written by organisations in the application."""

    list_display = ["consultatie", "organisatie", "status", "eindoordeel", "ingediend_op"]
    list_filter = ["status", "eindoordeel"]
    list_select_related = ["consultatie", "organisatie"]
    search_fields = ["consultatie__kenmerk", "organisatie__afkorting"]
