from django.urls import path

from plans.views import organization

app_name = "plans"

urlpatterns = [
    path("to-chuc/<int:pk>/", organization.organization_detail, name="organization_detail"),
    path("to-chuc/chon/", organization.organization_switch, name="organization_switch"),
]
