from django.contrib.auth.decorators import login_not_required
from django.urls import path

from isoplan.sso.oidc import ProvinceLoginCallback, ProvinceLoginStart
from isoplan.sso.views import LoginView

# The names mozilla-django-oidc reverses. Both answer 404 while OIDC is off.
urlpatterns = [
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path(
        "dang-nhap/tinh/",
        login_not_required(ProvinceLoginStart.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "dang-nhap/tinh/tro-ve/",
        login_not_required(ProvinceLoginCallback.as_view()),
        name="oidc_authentication_callback",
    ),
]
