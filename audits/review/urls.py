"""The pages of management reviews. Included by audits/urls.py: the names stay
``audits:review_list``…"""

from django.urls import path

from . import views as review

urlpatterns = [
    path("xem-xet-cua-lanh-dao/", review.review_list, name="review_list"),
    path("xem-xet-cua-lanh-dao/tao/", review.review_edit, name="review_create"),
    path("xem-xet-cua-lanh-dao/<int:pk>/", review.review_detail, name="review_detail"),
    path("xem-xet-cua-lanh-dao/<int:pk>/sua/", review.review_edit, name="review_edit"),
    # before the workflow's actions, whose address would take "lich-su" for an action's name
    path("xem-xet-cua-lanh-dao/<int:pk>/lich-su/", review.review_history, name="review_history"),
    path(
        "xem-xet-cua-lanh-dao/<int:pk>/<slug:action>/",
        review.review_action,
        name="review_action",
    ),
]
