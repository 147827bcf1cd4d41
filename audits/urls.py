from django.urls import path

from audits.views import audit, nonconformity, review

app_name = "audits"

urlpatterns = [
    path("danh-gia-noi-bo/", audit.audit_list, name="audit_list"),
    path("danh-gia-noi-bo/tao/", audit.audit_edit, name="audit_create"),
    path("danh-gia-noi-bo/<int:pk>/", audit.audit_detail, name="audit_detail"),
    path("danh-gia-noi-bo/<int:pk>/sua/", audit.audit_edit, name="audit_edit"),
    path("danh-gia-noi-bo/<int:pk>/phe-duyet/", audit.audit_approve, name="audit_approve"),
    path("danh-gia-noi-bo/buoi/<int:pk>/", audit.session_checklist, name="session_checklist"),
    path("diem-khong-phu-hop/", nonconformity.nonconformity_list, name="nonconformity_list"),
    path(
        "diem-khong-phu-hop/<int:pk>/",
        nonconformity.nonconformity_detail,
        name="nonconformity_detail",
    ),
    path("xem-xet-cua-lanh-dao/", review.review_list, name="review_list"),
    path("xem-xet-cua-lanh-dao/tao/", review.review_edit, name="review_create"),
    path("xem-xet-cua-lanh-dao/<int:pk>/", review.review_detail, name="review_detail"),
    path("xem-xet-cua-lanh-dao/<int:pk>/sua/", review.review_edit, name="review_edit"),
    path(
        "xem-xet-cua-lanh-dao/<int:pk>/<slug:action>/",
        review.review_action,
        name="review_action",
    ),
]
