"""The pages of the planning domain: the plan, its task table and task imports. Included by
plans/urls.py without a namespace of its own: the names stay ``plans:plan_detail``,
``plans:task_edit``…"""

from django.urls import path

from plans.planning.views import plan, task, task_import

urlpatterns = [
    path("ke-hoach/", plan.plan_list, name="plan_list"),
    path("ke-hoach/tao/", plan.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", plan.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", plan.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/tra-lai/", plan.plan_return, name="plan_return"),
    path("ke-hoach/<int:pk>/lich-su/", plan.plan_history, name="plan_history"),
    path("ke-hoach/<int:pk>/trinh/", plan.plan_action, {"action": "submit"}, name="plan_submit"),
    path(
        "ke-hoach/<int:pk>/phe-duyet/", plan.plan_action, {"action": "approve"}, name="plan_approve"
    ),
    path(
        "ke-hoach/<int:pk>/dieu-chinh/", plan.plan_action, {"action": "revise"}, name="plan_revise"
    ),
    path("ke-hoach/<int:pk>/ket-thuc/", plan.plan_action, {"action": "close"}, name="plan_close"),
    path("ke-hoach/<int:plan_pk>/cong-viec/them/", task.task_create_view, name="task_create"),
    path("ke-hoach/<int:plan_pk>/thoi-gian/", task.timing_explain, name="timing_explain"),
    path(
        "ke-hoach/<int:plan_pk>/nhap-tu-tep/",
        task_import.task_import_start_view,
        name="task_import_start",
    ),
    path("nhap-tu-tep/<int:pk>/", task_import.task_import_preview, name="task_import_preview"),
    path(
        "nhap-tu-tep/<int:pk>/hoan-tac/", task_import.task_import_undo_view, name="task_import_undo"
    ),
    path("cong-viec/<int:pk>/", task.task_row, name="task_row"),
    path("cong-viec/<int:pk>/sua/", task.task_edit, name="task_edit"),
    path("cong-viec/<int:pk>/xoa/", task.task_delete_view, name="task_delete"),
    path("cong-viec/<int:pk>/di-chuyen/", task.task_move_view, name="task_move"),
    path("cong-viec/<int:pk>/hoan-thanh-khi/", task.task_fulfilment, name="task_fulfilment"),
    path("cong-viec/<int:pk>/khong-co-han/", task.task_no_deadline_view, name="task_no_deadline"),
]
