"""The product's own "page not found" when DEBUG is on (the quick start, isoplan.settings.local).

With DEBUG on, Django answers every 404 with its technical page: in English, listing the URL
patterns, which is not what someone trying the demo with a wrong id should see. This middleware
answers with templates/404.html instead, as production does. Errors (500) are left to Django's
technical page, which is what a developer needs.
"""

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class NotFoundPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No URL pattern matched (Django's resolver raised before any view ran).
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        # A view raised Http404 (a wrong id, another agency's record).
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
