"""The pages of the documents domain. Included by plans/urls.py without a namespace of its own:
the names stay ``plans:document_list``, ``plans:edition_submit``, ``plans:external_list``…"""

from django.urls import path

from plans.documents import views

urlpatterns = [
    path("tai-lieu/", views.document_list, name="document_list"),
    path("tai-lieu/them/", views.document_create, name="document_create"),
    path("tai-lieu/<int:pk>/", views.document_detail, name="document_detail"),
    path("tai-lieu/<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("tai-lieu/<int:pk>/lich-su/", views.document_history, name="document_history"),
    path(
        "tai-lieu/<int:pk>/ban-moi/",
        views.document_action,
        {"action": "new_edition"},
        name="document_new_edition",
    ),
    path(
        "tai-lieu/<int:pk>/thu-hoi/",
        views.document_action,
        {"action": "withdraw"},
        name="document_withdraw",
    ),
    path("tai-lieu/ban/<int:pk>/sua/", views.edition_edit, name="edition_edit"),
    path(
        "tai-lieu/ban/<int:pk>/trinh/",
        views.edition_action,
        {"action": "submit"},
        name="edition_submit",
    ),
    path(
        "tai-lieu/ban/<int:pk>/phe-duyet/",
        views.edition_action,
        {"action": "approve"},
        name="edition_approve",
    ),
    path("tai-lieu/ban/<int:pk>/tra-lai/", views.edition_return, name="edition_return"),
    path("tai-lieu/tep/<int:pk>/", views.document_file, name="document_file"),
    path("van-ban-ben-ngoai/", views.external_list, name="external_list"),
    path("van-ban-ben-ngoai/<int:pk>/", views.external_detail, name="external_detail"),
]
