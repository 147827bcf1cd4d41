from django.conf import settings
from django.contrib.auth import views as auth_views

from isoplan.sso.forms import LoginForm


class LoginView(auth_views.LoginView):
    """/dang-nhap/: the password form, and the province account's button when OIDC is on."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=settings.OIDC_ENABLED, **kwargs)
