"""The pages of the improvement register. Included by audits/urls.py: the names stay
``audits:improvement_list``…"""

from django.urls import path

from . import views as improvement

urlpatterns = [
    path("de-xuat-cai-tien/", improvement.improvement_list, name="improvement_list"),
    path("de-xuat-cai-tien/moi/", improvement.improvement_create, name="improvement_create"),
    path("de-xuat-cai-tien/<int:pk>/", improvement.improvement_detail, name="improvement_detail"),
    path(
        "de-xuat-cai-tien/<int:pk>/chap-nhan/",
        improvement.improvement_accept,
        name="improvement_accept",
    ),
    path("de-xuat-cai-tien/<int:pk>/gop/", improvement.improvement_merge, name="improvement_merge"),
    path(
        "de-xuat-cai-tien/<int:pk>/khong-chap-nhan/",
        improvement.improvement_decline,
        name="improvement_decline",
    ),
    path(
        "de-xuat-cai-tien/<int:pk>/lich-su/",
        improvement.improvement_history,
        name="improvement_history",
    ),
    path(
        "de-xuat-cai-tien/tep/<int:pk>/",
        improvement.improvement_attachment,
        name="improvement_attachment",
    ),
]
