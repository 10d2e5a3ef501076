from django.utils.cache import add_never_cache_headers
from django.utils.functional import LazyObject, empty


class NederlandsTenzijGekozenMiddleware:
    """Dutch unless the user picked English with the language switch (a cookie).

    Django's LocaleMiddleware would otherwise follow the browser's Accept-Language, and a
    civil servant with an English browser would unexpectedly get an English interface.
    The API does follow Accept-Language, so a client can ask for English error messages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The API is for other systems: it follows their Accept-Language (Dutch by default).
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class GeenCacheMiddleware:
    """``Cache-Control: no-store`` on everything the application itself serves.

    Pages, API answers, exports (PDF, XLSX, CSV, iCal) and downloads hold confidential
    content; a shared computer's browser cache or a proxy must keep none of it. Static
    assets never reach this middleware: WhiteNoise, before it, answers them (cacheable).
    A view's own cache header (e.g. ``max-age``) is overridden on purpose: one rule, here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class GebruikerMiddleware:
    """``request.user`` as the user object itself, not in the lazy wrappers of Django's
    and django-otp's middleware (two, one in the other). Every read of an attribute of a
    wrapper raises and catches an AttributeError on its way to the user, and a page reads
    the user hundreds of times (permissions, menus): a few percent of its CPU. Placed after
    django-otp's middleware; the session timeouts after it load the user on every request
    anyway, so unwrapping here costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gebruiker = getattr(request, "user", None)
        while isinstance(gebruiker, LazyObject):
            if gebruiker._wrapped is empty:
                gebruiker._setup()
            gebruiker = gebruiker._wrapped
        if gebruiker is not None:
            request.user = gebruiker
        return self.get_response(request)
