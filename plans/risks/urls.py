"""The pages of the risks domain. Included by plans/urls.py without a namespace of its own: the
names stay ``plans:risk_list``, ``plans:context_detail``…"""

from django.urls import path

from plans.risks.views import context, register

urlpatterns = [
    path("boi-canh/", context.context_today, name="context"),
    path("boi-canh/<int:year>/", context.context_detail, name="context_detail"),
    path("boi-canh/<int:year>/sao-chep/", context.context_copy, name="context_copy"),
    path(
        "boi-canh/<int:year>/them/<str:kind>/",
        context.context_entry_edit,
        name="context_entry_add",
    ),
    path("boi-canh/muc/<int:pk>/sua/", context.context_entry_edit, name="context_entry_edit"),
    path("boi-canh/muc/<int:pk>/xoa/", context.context_entry_remove, name="context_entry_remove"),
    path("rui-ro/", register.risk_list, name="risk_list"),
    path("rui-ro/them/", register.risk_edit, name="risk_create"),
    path("rui-ro/<int:pk>/", register.risk_detail, name="risk_detail"),
    path("rui-ro/<int:pk>/sua/", register.risk_edit, name="risk_edit"),
    path("rui-ro/<int:pk>/rut/", register.risk_withdraw, name="risk_withdraw"),
    path("rui-ro/<int:pk>/lich-su/", register.risk_history, name="risk_history"),
]
