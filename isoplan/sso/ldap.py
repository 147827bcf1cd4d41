"""Login with the province directory's password (django-auth-ldap), into an existing account."""

from django.conf import settings
from django_auth_ldap.backend import LDAPBackend

from isoplan.sso.accounts import sso_account_match, sso_account_update, sso_refuse


def _first(attrs, name: str) -> str:
    values = (attrs or {}).get(name) or [""]
    return values[0]


class DirectoryBackend(LDAPBackend):
    """After ModelBackend in AUTHENTICATION_BACKENDS and after axes' backend, so a local
    password is tried first and a locked-out name never reaches the directory."""

    def get_or_build_user(self, username, ldap_user):
        attrs = ldap_user.attrs
        directory_name = _first(attrs, settings.LDAP_USERNAME_ATTRIBUTE)
        email = _first(attrs, settings.LDAP_EMAIL_ATTRIBUTE)
        user = sso_account_match(username=directory_name or username, email=email)
        if user is None:
            sso_refuse(ldap_user._request, via="ldap", who=username, reason="no matching account")
            raise ldap_user.AuthenticationFailed("no isoplan account for this person")
        sso_account_update(
            user=user, full_name=_first(attrs, settings.LDAP_FULL_NAME_ATTRIBUTE), email=email
        )
        return user, False

    def get_user(self, user_id):
        # django-auth-ldap's own returns a deactivated account too: its session would go on.
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
