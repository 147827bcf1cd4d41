"""The pages of the organizations domain. Included by plans/urls.py without a namespace of its
own: the names stay ``plans:organization_detail``, ``plans:profile``… The password pages are
mounted at the top level (account_urls.py)."""

from django.urls import path

from plans.organizations.views import organization, profile

urlpatterns = [
    path("to-chuc/<int:pk>/", organization.organization_detail, name="organization_detail"),
    path("to-chuc/chon/", organization.organization_switch, name="organization_switch"),
    path("ca-nhan/", profile.profile, name="profile"),
    path("ca-nhan/lich/doi-ma/", profile.feed_token_renew, name="feed_token_renew"),
    path(
        "ca-nhan/lich/don-vi/<int:unit_pk>/doi-ma/",
        profile.feed_token_renew,
        name="unit_feed_token_renew",
    ),
]
