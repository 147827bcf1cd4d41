from django.urls import include, path

app_name = "plans"

urlpatterns = [
    path("", include("plans.organizations.urls")),
    path("", include("plans.planning.urls")),
    path("", include("plans.objectives.urls")),
    path("", include("plans.documents.urls")),
    path("", include("plans.risks.urls")),
    path("", include("plans.work.urls")),
    path("", include("plans.committee.urls")),
    path("", include("plans.training.urls")),
]
