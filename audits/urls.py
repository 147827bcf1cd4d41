from django.urls import path

from audits.views import nonconformity

app_name = "audits"

urlpatterns = [
    path("diem-khong-phu-hop/", nonconformity.nonconformity_list, name="nonconformity_list"),
    path(
        "diem-khong-phu-hop/<int:pk>/",
        nonconformity.nonconformity_detail,
        name="nonconformity_detail",
    ),
]
