from django.utils.functional import SimpleLazyObject


def notificaties(request):
    """``notificaties_ongelezen``: the user's unread count for the header; for the
    secretaris also ``werkvoorraad_tellingen``, the counts of the work queue in the menu.
    Counted in one query, only when a template uses them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notificaties_ongelezen": 0, "werkvoorraad_tellingen": {}}
    from .werkvoorraad import menutellingen

    tellingen = SimpleLazyObject(lambda: menutellingen(user))
    return {
        "notificaties_ongelezen": SimpleLazyObject(lambda: tellingen["ongelezen"]),
        "werkvoorraad_tellingen": tellingen,
    }
