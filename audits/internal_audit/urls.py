"""The pages of internal audits. Included by audits/urls.py: the names stay
``audits:audit_list``…"""

from django.urls import path

from . import views as audit

urlpatterns = [
    path("danh-gia-noi-bo/", audit.audit_list, name="audit_list"),
    path("danh-gia-noi-bo/tao/", audit.audit_edit, name="audit_create"),
    path("danh-gia-noi-bo/<int:pk>/", audit.audit_detail, name="audit_detail"),
    path("danh-gia-noi-bo/<int:pk>/sua/", audit.audit_edit, name="audit_edit"),
    path("danh-gia-noi-bo/<int:pk>/phe-duyet/", audit.audit_approve, name="audit_approve"),
    path("danh-gia-noi-bo/phat-hien/<int:pk>/sua/", audit.finding_edit, name="finding_edit"),
    path("danh-gia-noi-bo/phat-hien/<int:pk>/xoa/", audit.finding_delete, name="finding_delete"),
    path("danh-gia-noi-bo/buoi/<int:pk>/", audit.session_checklist, name="session_checklist"),
    path("danh-gia-noi-bo/<int:pk>/lich-su/", audit.audit_history, name="audit_history"),
    path(
        "danh-gia-noi-bo/chuong-trinh/<int:pk>/lich-su/",
        audit.audit_programme_history,
        name="audit_programme_history",
    ),
]
