from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("ke-hoach/<int:pk>/tai-ve.pdf", views.plan_pdf, name="plan_pdf"),
    path("ke-hoach/<int:pk>/tai-ve.docx", views.plan_docx, name="plan_docx"),
    path("ke-hoach/<int:pk>/tai-ve.xlsx", views.plan_xlsx, name="plan_xlsx"),
]
