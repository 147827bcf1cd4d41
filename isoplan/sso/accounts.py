"""Which existing account a directory or provider identity logs into, and what it may update."""

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from isoplan.security import client_address

log = logging.getLogger("isoplan.security")

NOT_PROVISIONED = _(
    "This account has not been set up in isoplan; please contact the administrator."
)
# Set on the request when the directory knew the person but isoplan does not: the login form
# then says so instead of "wrong user name or password".
REFUSED_ATTRIBUTE = "sso_not_provisioned"


def sso_account_match(*, username: str, email: str):
    """The one active account whose user name, or else whose email, is the identity's (case is
    ignored); None when there is none or the email is shared by several accounts.

    Superusers are never matched: the administrator logs in with the local password only, so
    whoever controls a directory or provider account of the same name cannot become one."""
    active = get_user_model().objects.filter(is_active=True, is_superuser=False)
    for field, value in (("username", username), ("email", email)):
        if value:
            found = list(active.filter(**{f"{field}__iexact": value})[:2])
            if len(found) == 1:
                return found[0]
    return None


def sso_account_update(*, user, full_name: str, email: str) -> None:
    """The directory is the source of a person's name and email: copy them when given. An email
    another account already uses is left alone (it would make that person's match ambiguous).
    Roles, memberships and flags are never touched."""
    changed = []
    if full_name and user.full_name != full_name:
        user.full_name = full_name
        changed.append("full_name")
    if email and user.email.lower() != email.lower():
        taken = type(user).objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
        if not taken:
            user.email = email
            changed.append("email")
    if changed:
        user.save(update_fields=changed)


def sso_refuse(request, *, via: str, who: str, reason: str) -> None:
    """Marks the request and writes the security log line for a refused single sign-on."""
    if request is not None:
        setattr(request, REFUSED_ATTRIBUTE, True)
    log.warning(
        "sso refused via=%s user=%s ip=%s reason=%s",
        via,
        who or "-",
        client_address(request) or "-",
        reason,
    )


def not_a_password_attempt(request, credentials=None) -> bool:
    """django-axes' AXES_WHITELIST_CALLABLE: the provider's callback is no password attempt (the
    provider checked the password and throttles its own logins). Counted, its refusals would
    all fall under one empty user name, and a few from anyone would lock the province login
    for everyone. Directory passwords go through the login form and stay counted."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "oidc_authentication_callback"
