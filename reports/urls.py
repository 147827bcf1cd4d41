from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("ke-hoach/<int:pk>/tai-ve.pdf", views.plan_pdf, name="plan_pdf"),
    path("ke-hoach/<int:pk>/tai-ve.docx", views.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/tai-ve.xlsx", views.plan_xlsx, name="plan_xlsx"),
    path("muc-tieu/<int:pk>/bao-cao.pdf", views.objective_report_pdf, name="objective_report_pdf"),
    path(
        "muc-tieu/<int:pk>/bao-cao.xlsx", views.objective_report_xlsx, name="objective_report_xlsx"
    ),
]
