"""Vietnamese first: the page's language is the person's own choice, never the browser's.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English browser got
the English pages. Here the language is, in order: the logged-in person's saved choice
(``User.language``), the language cookie set by the switch in the footer (before logging in),
then ``settings.LANGUAGE_CODE`` (Vietnamese).
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.i18n import set_language as django_set_language


def _supported(code: str | None) -> str | None:
    return code if code in dict(settings.LANGUAGES) else None


def chosen_language(request) -> str:
    user = getattr(request, "user", None)
    saved = _supported(user.language) if user is not None and user.is_authenticated else None
    cookie = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    return saved or cookie or settings.LANGUAGE_CODE


class LanguageMiddleware:
    """In place of LocaleMiddleware, after AuthenticationMiddleware (it reads the person)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


def set_language(request):
    """Django's switch (the cookie), and the person's choice saved for their next sessions."""
    response = django_set_language(request)
    language = _supported(request.POST.get("language"))
    user = request.user
    if request.method == "POST" and user.is_authenticated and language not in (None, user.language):
        user.language = language
        user.save(update_fields=["language"])
    return response
