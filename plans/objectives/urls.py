"""The pages of the objectives domain. Included by plans/urls.py without a namespace of its own:
the names stay ``plans:objective_set_list``, ``plans:result_edit``…"""

from django.urls import path

from plans.objectives import views

urlpatterns = [
    path("muc-tieu/", views.objective_set_list, name="objective_set_list"),
    path("muc-tieu/<int:pk>/", views.objective_set_detail, name="objective_set_detail"),
    path("muc-tieu/<int:pk>/bao-cao/", views.objective_report, name="objective_report"),
    path("muc-tieu/<int:pk>/lich-su/", views.objective_set_history, name="objective_set_history"),
    path("muc-tieu/<int:set_pk>/them/", views.objective_edit, name="objective_add"),
    path("muc-tieu/<int:set_pk>/<int:pk>/sua/", views.objective_edit, name="objective_edit"),
    path("muc-tieu/<int:set_pk>/<int:pk>/xoa/", views.objective_delete, name="objective_delete"),
    path(
        "muc-tieu/<int:pk>/trinh/",
        views.objective_set_action,
        {"action": "submit"},
        name="objective_set_submit",
    ),
    path(
        "muc-tieu/<int:pk>/phe-duyet/",
        views.objective_set_action,
        {"action": "approve"},
        name="objective_set_approve",
    ),
    path("muc-tieu/<int:pk>/tra-lai/", views.objective_set_return, name="objective_set_return"),
    path("muc-tieu/ket-qua/<int:pk>/<str:period>/", views.result_edit, name="result_edit"),
]
