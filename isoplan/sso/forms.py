from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from isoplan.sso.accounts import NOT_PROVISIONED, REFUSED_ATTRIBUTE


class LoginForm(AuthenticationForm):
    """The usual login form; with the directory on, it also takes directory passwords (the LDAP
    backend) and says so when the directory knows the person but isoplan has no account."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, REFUSED_ATTRIBUTE, False):
                raise ValidationError(NOT_PROVISIONED, code="not_provisioned") from None
            raise
