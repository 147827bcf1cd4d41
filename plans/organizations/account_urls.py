"""Changing one's password and resetting a forgotten one. Included by isoplan/urls.py at the top
level, without a namespace: Django's authentication views and templates know these pages by the
names ``password_change``, ``password_reset_confirm``…"""

from django.contrib.auth import views as auth_views
from django.urls import path

from plans.organizations.views import account

urlpatterns = [
    path("doi-mat-khau/", account.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Resetting a forgotten password: no login (Django marks these views login_not_required).
    path("quen-mat-khau/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        account.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
