"""Session limits and the security log: logins, failed logins, lock-outs, refused accesses.

Every line goes to the ``isoplan.security`` logger with the time (from the log format), the user
name and the client address, so an administrator can answer "who tried what, when".
"""

import ipaddress
import logging
import time

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger("isoplan.security")

STARTED_AT = "isoplan_started_at"
LAST_SEEN = "isoplan_last_seen"
# The idle clock is written at most this often, so reading pages does not write a session row
# on every request.
TOUCH_EVERY = 60
# How a person logged in, by the backend that let them in (isoplan.sso.config's names).
LOGIN_VIA = {
    "isoplan.sso.ldap.DirectoryBackend": "ldap",
    "isoplan.sso.oidc.ProvinceOIDCBackend": "oidc",
}


def client_address(request) -> str | None:
    """The person's address, for the log and for django-axes (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT reverse proxies, REMOTE_ADDR is the nearest proxy: the address is
    the one the outermost trusted proxy appended to X-Forwarded-For (entries further left are
    whatever the client wrote, so they are never trusted). None when unknown (axes stores it in
    an address column, where a placeholder would not fit)."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies and _from_trusted_network(request.META.get("REMOTE_ADDR")):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _from_trusted_network(address: str | None) -> bool:
    """X-Forwarded-For counts only when the request comes from where the proxy lives (the
    compose network): someone reaching the app server directly cannot choose their address."""
    try:
        peer = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(peer in ipaddress.ip_network(net) for net in settings.TRUSTED_PROXY_NETWORKS)


def _ip(request) -> str:
    return client_address(request) or "-"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[STARTED_AT] = now
    request.session[LAST_SEEN] = now
    log.info(
        "login user=%s ip=%s via=%s",
        user.get_username(),
        _ip(request),
        LOGIN_VIA.get(getattr(user, "backend", ""), "password"),
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log.info("logout user=%s ip=%s", user.get_username(), _ip(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login failed user=%s ip=%s", credentials.get("username", "-"), _ip(request))


def session_expired(session, now: int) -> str | None:
    """Why the session must end now ("absolute" or "idle"), or None."""
    started = session.get(STARTED_AT)
    last_seen = session.get(LAST_SEEN)
    if started is None or now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
        return "absolute"
    if last_seen is None or now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


class SessionTimeoutMiddleware:
    """Ends a session after the idle or the absolute timeout; the person logs in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            reason = session_expired(request.session, now)
            if reason:
                username = request.user.get_username()
                logout(request)
                log.info("session ended (%s) user=%s ip=%s", reason, username, _ip(request))
                messages.info(request, _("Your session has ended. Please log in again."))
            elif now - request.session[LAST_SEEN] >= TOUCH_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class RefusalLogMiddleware:
    """Logs every refused access (403, and 404 for a signed-in person: an id of another
    organization gives 404 on purpose, so that is where IDOR probing shows)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403 or (
            response.status_code == 404 and request.user.is_authenticated
        ):
            log.warning(
                "refused %s user=%s ip=%s %s %s",
                response.status_code,
                request.user.get_username() or "-",
                _ip(request),
                request.method,
                request.get_full_path(),
            )
        return response


class ThrottlingHandler(AxesDatabaseHandler):
    """django-axes with a limit for each lock-out parameter (AXES_LOCKOUT_PARAMETERS in order):
    one user name from one address (AXES_FAILURE_LIMIT), one user name from any addresses
    (higher: an attacker rotating addresses), one address for any user names (higher still: a
    whole office may share one NAT address; this stops trying many accounts from one place)."""

    def get_failures(self, request, credentials=None) -> int:
        # axes compares the largest count with AXES_FAILURE_LIMIT: scale each count so that it
        # reaches that limit exactly when it reaches its own.
        limit = settings.AXES_FAILURE_LIMIT
        own_limits = (
            limit,
            settings.AXES_USERNAME_FAILURE_LIMIT,
            settings.AXES_ADDRESS_FAILURE_LIMIT,
        )
        attempts = self.get_user_attempts(request, credentials)
        return max(
            sum(rows.values_list("failures_since_start", flat=True)) * limit // own
            for rows, own in zip(attempts, own_limits, strict=True)
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A successful login clears that user name's failures only: logging into one's own
        # account must not wipe the count of an address that is trying other people's.
        username = get_client_username(request, credentials)
        return AccessAttempt.objects.filter(username=username).delete()[0]


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    log.warning("locked out user=%s ip=%s", username, ip_address)


def lockout_response(request, original_response=None, credentials=None):
    """The Vietnamese lock-out page (django-axes AXES_LOCKOUT_CALLABLE), status 429."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )


class RequestSizeMiddleware:
    """Refuses a request body over MAX_REQUEST_BYTES from its announced length, before anything
    reads it (Django limits form fields, not the files of one request). The forms give a
    friendlier message below this limit (isoplan.uploads: MAX_REQUEST_UPLOAD_BYTES)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            log.warning(
                "request too large (%s bytes) user=%s ip=%s %s %s",
                length,
                request.user.get_username() or "-",
                _ip(request),
                request.method,
                request.path,
            )
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return render(request, "413.html", {"limit": limit}, status=413)
        return self.get_response(request)


class BadInputMiddleware:
    """A number no database column can hold (an id of 2**63 typed into a request) makes SQLite
    raise OverflowError where PostgreSQL just finds no row: answer 400, not a server error. The
    request's transaction is already rolled back (ATOMIC_REQUESTS) when this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            log.warning("bad input (%s) %s %s", exception, request.method, request.path)
            return render(request, "400.html", status=400)
        return None
