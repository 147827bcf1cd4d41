"""The pages of satisfaction surveys. Included by audits/urls.py: the names stay
``audits:survey_list``…"""

from django.urls import path

from . import views as survey

urlpatterns = [
    path("khao-sat/", survey.survey_list, name="survey_list"),
    path("khao-sat/tao/", survey.survey_edit, name="survey_create"),
    path("khao-sat/mau-phieu/", survey.survey_template, name="survey_template"),
    path("khao-sat/mau-phieu/<int:pk>/", survey.template_question, name="template_question"),
    path("khao-sat/cau-hoi/<int:pk>/", survey.survey_question, name="survey_question"),
    path("khao-sat/<int:pk>/", survey.survey_detail, name="survey_detail"),
    path("khao-sat/<int:pk>/sua/", survey.survey_edit, name="survey_edit"),
    path("khao-sat/<int:pk>/cau-hoi/", survey.survey_questions, name="survey_questions"),
    path("khao-sat/<int:pk>/phieu-giay/", survey.survey_paper, name="survey_paper"),
    path("khao-sat/phieu/<int:pk>/sua/", survey.survey_response_edit, name="survey_response_edit"),
    path(
        "khao-sat/phieu/<int:pk>/lich-su/",
        survey.survey_response_history,
        name="survey_response_history",
    ),
    path("khao-sat/<int:pk>/phieu-co-ma/", survey.survey_tokens, name="survey_tokens"),
    path("khao-sat/<int:pk>/ma-qr/", survey.survey_qr, name="survey_qr"),
    # before the workflow's actions, whose address would take "lich-su" for an action's name
    path("khao-sat/<int:pk>/lich-su/", survey.survey_history, name="survey_history"),
    path("khao-sat/<int:pk>/<slug:action>/", survey.survey_action, name="survey_action"),
    # The public page (no login): the address is the survey's unguessable key.
    path("y-kien/<str:token>/", survey.survey_public, name="survey_public"),
]
