"""Login through the province's OpenID Connect provider (mozilla-django-oidc), into an existing
account. The provider's endpoints are read from its discovery document, once per process."""

import logging
import time

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from isoplan.sso.accounts import (
    NOT_PROVISIONED,
    REFUSED_ATTRIBUTE,
    sso_account_match,
    sso_account_update,
    sso_refuse,
)

log = logging.getLogger("isoplan.security")

PROVIDER_FAILED = _(
    "Logging in with the province account did not succeed. Please try again, or log in with "
    "your password."
)
# mozilla-django-oidc setting → discovery document key (OpenID Connect Discovery 1.0).
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_TTL = 60 * 60
_discovered: dict[str, tuple[float, dict]] = {}


def discovery(issuer: str) -> dict:
    """The provider's discovery document, refetched hourly (keys rotate, endpoints rarely move).
    Its issuer must be the configured one, as the specification requires."""
    now = time.monotonic()
    cached = _discovered.get(issuer)
    if cached and now - cached[0] < DISCOVERY_TTL:
        return cached[1]
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
    )
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise SuspiciousOperation("The provider's discovery document names another issuer.")
    _discovered[issuer] = (now, document)
    return document


def oidc_setting(attr, *default):
    if attr in ENDPOINTS and not getattr(settings, attr, ""):
        return discovery(settings.OIDC_ISSUER)[ENDPOINTS[attr]]
    return import_from_settings(attr, *default)


class ProvinceOIDCBackend(OIDCAuthenticationBackend):
    """Endpoints are looked up when a login needs them, not when the backend is built: Django
    builds it on every request of a person logged in this way (get_user)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def __getattr__(self, name):
        # The base class reads its configuration as attributes (self.OIDC_OP_TOKEN_ENDPOINT…).
        if name.startswith("OIDC_"):
            return oidc_setting(name, None)
        raise AttributeError(name)

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # The library checks signature and nonce; the token must also be the configured
        # provider's, issued to this application.
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss", "").rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer.")
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token issued to another client.")
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("Claims verification failed")
        username = claims.get(settings.OIDC_USERNAME_CLAIM) or ""
        # An address the provider says it has not verified identifies nobody.
        email = claims.get("email") if claims.get("email_verified") is not False else ""
        user = sso_account_match(username=username, email=email or "")
        if user is None:
            sso_refuse(
                self.request,
                via="oidc",
                who=username or email or claims["sub"],
                reason="no matching account",
            )
            return None
        sso_account_update(user=user, full_name=claims.get("name") or "", email=email or "")
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


class _Enabled(View):
    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ProvinceLoginStart(_Enabled, OIDCAuthenticationRequestView):
    """Sends the browser to the provider with a fresh state, nonce and PKCE challenge."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError, SuspiciousOperation) as error:
            log.warning("sso provider unreachable via=oidc reason=%s", error)
            messages.error(request, PROVIDER_FAILED)
            return HttpResponseRedirect(reverse("login"))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class ProvinceLoginCallback(_Enabled, OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back. A state that is not this browser's, a bad
    token or a provider error ends on the login page with a message and a security log line."""

    get_settings = staticmethod(oidc_setting)

    @property
    def failure_url(self):
        return reverse("login")

    def get(self, request):
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException, ValueError) as error:
            sso_refuse(request, via="oidc", who="", reason=str(error) or type(error).__name__)
            messages.error(request, PROVIDER_FAILED)
            return HttpResponseRedirect(self.failure_url)

    def login_failure(self):
        if getattr(self.request, REFUSED_ATTRIBUTE, False):
            messages.error(self.request, NOT_PROVISIONED)
        else:
            if self.request.GET.get("error"):
                sso_refuse(self.request, via="oidc", who="", reason=self.request.GET["error"][:100])
            messages.error(self.request, PROVIDER_FAILED)
        return super().login_failure()
