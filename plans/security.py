"""Session limits and the security log: logins, failed logins, lock-outs, refused accesses.

Every line goes to the ``isoplan.security`` logger with the time (from the log format), the user
name and the client address, so an administrator can answer "who tried what, when".
"""

import logging
import time

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


def client_address(request) -> str | None:
    """The person's address, for the log and for django-axes (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT reverse proxies, REMOTE_ADDR is the nearest proxy: the address is
    the one the outermost trusted proxy appended to X-Forwarded-For (entries further left are
    whatever the client wrote, so they are never trusted). None when unknown (axes stores it in
    an address column, where a placeholder would not fit)."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def _ip(request) -> str:
    return client_address(request) or "-"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[STARTED_AT] = now
    request.session[LAST_SEEN] = now
    log.info("login user=%s ip=%s", user.get_username(), _ip(request))


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
