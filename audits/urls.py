from django.urls import include, path

app_name = "audits"

# Each domain package's pages, without a namespace of their own: the names stay audits:audit_list…
urlpatterns = [
    path("", include("audits.internal_audit.urls")),
    path("", include("audits.nonconformity.urls")),
    path("", include("audits.review.urls")),
    path("", include("audits.improvement.urls")),
    path("", include("audits.survey.urls")),
]
