from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from isoplan.language import set_language
from plans.views.home import about
from reports.home import home

admin.site.site_header = _("isoplan administration")
admin.site.site_title = _("isoplan administration")
admin.site.index_title = _("Organizations, people and roles")


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin, a PDF): the site's
    icon, rather than a 404 logged as a refused access."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("gioi-thieu/", about, name="about"),
    path("", include("isoplan.sso.urls")),  # /dang-nhap/, and the province account's login
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("plans.organizations.account_urls")),
    # The language switch is on the login page too, before anyone has logged in.
    path("ngon-ngu/", login_not_required(set_language), name="set_language"),
    path("", include("plans.urls")),
    path("", include("reports.urls")),
    path("", include("audits.urls")),
    path("quan-tri/", admin.site.urls),
]
