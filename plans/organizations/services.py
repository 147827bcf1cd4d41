"""Password reset by email: who may get a link, the message itself, and the throttle on requests.

The page that asks for a link answers the same whatever was typed, so it must not reveal whether
an address belongs to an account: not by its text, and not by its timing either. The message is
therefore sent by a Celery task after the request (an SMTP conversation takes long enough to be
measured), and the throttle counts every request, for an address that exists or not.
"""

from __future__ import annotations

import ipaddress
import math

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from isoplan.security import client_address
from plans.organizations.models import User

THROTTLE_GROUP = "isoplan.password_reset"


def password_reset_valid_for() -> str:
    """How long a link works, in words of the active language ("2 giờ")."""
    minutes = max(1, settings.PASSWORD_RESET_TIMEOUT // 60)
    if minutes % 60:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = minutes // 60
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


def password_reset_link(*, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL.rstrip("/") + path


def password_reset_send(*, user_id: int) -> bool:
    """Send the reset message to one account. False if it may no longer get one (deactivated,
    address removed since the request). SMTP errors are raised: the task tries again."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or not user.has_usable_password():
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "link": password_reset_link(user=user),
            "login_url": settings.SITE_URL.rstrip("/") + reverse("login"),
            "valid_for": password_reset_valid_for(),
        }
        subject = render_to_string("registration/password_reset_subject.txt", context)
        body = render_to_string("registration/password_reset_email.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[user.email]).send()
    return True


def _address_key(group: str, request) -> str:
    """The client's address as the throttle counts it: an IPv6 client usually holds a whole /64,
    so it counts as one."""
    address = client_address(request) or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def password_reset_throttle(*, request, email: str) -> int | None:
    """Count one reset request from this client for this email address. Returns the minutes to
    wait when either limit is exceeded, else None. The same for every address, existing or not.
    """
    normalized = email.strip().lower()
    limits = (
        ("address", settings.PASSWORD_RESET_RATE_PER_ADDRESS, _address_key),
        ("email", settings.PASSWORD_RESET_RATE_PER_EMAIL, lambda group, request: normalized),
    )
    wait = None
    for name, rate, key in limits:
        usage = get_usage(
            request, group=f"{THROTTLE_GROUP}.{name}", key=key, rate=rate, increment=True
        )
        if usage is not None and usage["should_limit"]:
            # time_left is -1 when the cache could not be reached: django-ratelimit then refuses.
            minutes = max(1, math.ceil(usage["time_left"] / 60))
            wait = max(wait or 0, minutes)
    return wait
