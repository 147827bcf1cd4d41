"""The history screen of a survey: its plan and its questionnaire, field by field."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.survey.models import Survey, SurveyQuestion
from audits.survey.services import question_add
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db


def test_the_plan_and_the_questionnaire_changed_on_the_pages_are_in_the_history(
    client, survey, secretary
):
    client.force_login(secretary)
    year = timezone.localdate().year
    edit = reverse("audits:survey_edit", args=[survey.pk])
    data = {
        "title": survey.title,
        "year": year,
        "period_start": f"01/01/{year}",
        "period_end": f"30/11/{year}",
        "method": "desk",
        "target_responses": 250,
        "departments": [d.pk for d in survey.departments.all()],
        "procedures": survey.procedures,
        "lock_version": survey.lock_version,
    }
    assert client.post(edit, data).status_code == 302
    question = survey.questions.first()
    client.post(
        reverse("audits:survey_question", args=[question.pk]),
        {"step": "change", "kind": "scale", "text": "Nơi tiếp nhận dễ tìm", "required": "on"},
    )
    client.post(reverse("audits:survey_action", args=[survey.pk, "close"]))

    url = reverse("audits:survey_history", args=[survey.pk])
    page = entries(client, url)
    assert all(entry.user == secretary for entry in page)
    assert changes(page, label(Survey, "target_responses")) == [
        ("~", "200", "250"),
        ("+", "", "200"),
    ]
    assert ("~", "31/12/" + str(year), "30/11/" + str(year)) in changes(
        page, label(Survey, "period_end")
    )
    assert changes(page, label(Survey, "status"))[0][2] == "Đã kết thúc"
    question_changes = changes(page, label(SurveyQuestion, "text"))
    assert question_changes[0][2] == "Nơi tiếp nhận dễ tìm"
    # The record's page links to it.
    assert url in client.get(survey.get_absolute_url()).content.decode()


def test_the_history_reads_a_fixed_number_of_queries(
    client, survey, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)
    url = reverse("audits:survey_history", args=[survey.pk])

    def more():
        for n in range(15):
            question_add(owner=survey, kind="text", text=f"Câu {n}", required=False)

    assert_queries_do_not_grow(client, url, more, django_assert_max_num_queries)
