"""The pages of the nonconformity register. Included by audits/urls.py: the names stay
``audits:nonconformity_list``…"""

from django.urls import path

from . import views as nonconformity

urlpatterns = [
    path("diem-khong-phu-hop/", nonconformity.nonconformity_list, name="nonconformity_list"),
    path(
        "diem-khong-phu-hop/<int:pk>/mo-lai/",
        nonconformity.nonconformity_reopen,
        name="nonconformity_reopen",
    ),
    path(
        "diem-khong-phu-hop/<int:pk>/",
        nonconformity.nonconformity_detail,
        name="nonconformity_detail",
    ),
    path(
        "diem-khong-phu-hop/<int:pk>/lich-su/",
        nonconformity.nonconformity_history,
        name="nonconformity_history",
    ),
]
