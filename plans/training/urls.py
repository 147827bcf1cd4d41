"""The pages of training and onboarding. Included by plans/urls.py without a namespace of its
own: the names stay ``plans:training_list``, ``plans:onboarding_detail``…"""

from django.urls import path

from plans.training import views

urlpatterns = [
    path("dao-tao/", views.training_list, name="training_list"),
    path("dao-tao/them/", views.training_edit, name="training_create"),
    path("dao-tao/<int:pk>/", views.training_detail, name="training_detail"),
    path("dao-tao/<int:pk>/sua/", views.training_edit, name="training_edit"),
    path("dao-tao/<int:pk>/xoa/", views.training_delete, name="training_delete"),
    path("dao-tao/<int:pk>/lich-su/", views.training_history, name="training_history"),
    path("dao-tao/tep/<int:pk>/", views.training_file, name="training_file"),
    path("dao-tao/nguoi/<int:pk>/", views.person_training, name="person_training"),
    path("huong-dan-htqlcl/", views.onboarding_list, name="onboarding_list"),
    path("huong-dan-htqlcl/<int:pk>/", views.onboarding_detail, name="onboarding_detail"),
    path("huong-dan-htqlcl/<int:pk>/lich-su/", views.onboarding_history, name="onboarding_history"),
    path("chung-chi-danh-gia/", views.certificate_list, name="certificate_list"),
    path("chung-chi-danh-gia/them/", views.certificate_edit, name="certificate_create"),
    path("chung-chi-danh-gia/<int:pk>/sua/", views.certificate_edit, name="certificate_edit"),
    path("chung-chi-danh-gia/<int:pk>/tep/", views.certificate_file, name="certificate_file"),
    path(
        "chung-chi-danh-gia/<int:pk>/lich-su/",
        views.certificate_history,
        name="certificate_history",
    ),
]
