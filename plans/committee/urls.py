"""The pages of the steering committee. Included by plans/urls.py without a namespace of its
own: the names stay ``plans:committee``, ``plans:committee_detail``…"""

from django.urls import path

from . import views

urlpatterns = [
    path("ban-chi-dao/", views.committee, name="committee"),
    path("ban-chi-dao/kien-toan/", views.composition_start_view, name="committee_start"),
    path("ban-chi-dao/<int:pk>/", views.composition_detail, name="committee_detail"),
    path("ban-chi-dao/<int:pk>/sua/", views.composition_edit, name="committee_edit"),
    path("ban-chi-dao/<int:pk>/ban-hanh/", views.composition_issue_view, name="committee_issue"),
    path("ban-chi-dao/<int:pk>/huy/", views.composition_discard_view, name="committee_discard"),
    path("ban-chi-dao/<int:pk>/lich-su/", views.composition_history, name="committee_history"),
    path("ban-chi-dao/<int:pk>/thanh-vien/", views.member_edit, name="committee_member_add"),
    path("ban-chi-dao/thanh-vien/<int:pk>/", views.member_edit, name="committee_member_edit"),
    path(
        "ban-chi-dao/thanh-vien/<int:pk>/xoa/",
        views.member_remove_view,
        name="committee_member_remove",
    ),
]
