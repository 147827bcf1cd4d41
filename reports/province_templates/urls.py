"""Included by reports/urls.py: the names are ``reports:province_templates``..."""

from django.urls import path

from . import views

urlpatterns = [
    path("toan-tinh/mau/", views.template_list, name="province_templates"),
    path("toan-tinh/mau/tao/", views.template_create, name="province_template_create"),
    path("toan-tinh/mau/<int:pk>/", views.template_detail, name="province_template"),
    path(
        "toan-tinh/mau/<int:pk>/cong-bo/",
        views.template_publish,
        name="province_template_publish",
    ),
    path(
        "toan-tinh/mau/<int:pk>/thu-hoi/",
        views.template_withdraw,
        name="province_template_withdraw",
    ),
    path("mau-cua-tinh/", views.agency_template_list, name="agency_templates"),
    path("mau-cua-tinh/<int:pk>/", views.agency_template, name="agency_template"),
]
