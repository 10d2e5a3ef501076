from django.utils.functional import SimpleLazyObject


def notificaties(request):
    """``notificaties_ongelezen``: the user's unread count for the header, counted only
    when a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notificaties_ongelezen": 0}
    return {
        "notificaties_ongelezen": SimpleLazyObject(lambda: user.notificaties.ongelezen().count())
    }
