"""A form typed in from paper is corrected by who typed it in (or the secretary) while the survey
collects, each change in its history; an online form is the citizen's and never changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from audits.survey.models import SurveyAnswer, SurveyResponse
from audits.survey.selectors import survey_tally
from audits.survey.services import SurveyError, response_change, response_submit, survey_close
from plans.choices import Role
from tests.audits.survey.conftest import form_data
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db


def _day(survey) -> datetime.date:
    day = timezone.localdate() - datetime.timedelta(days=1)
    return day if day.year == survey.year else timezone.localdate()


@pytest.fixture
def desk(make_member, department):
    return make_member(Role.STAFF, department=department)


def _typed(client, survey, desk, score=5, **extra) -> SurveyResponse:
    """A paper form typed in on the page by ``desk``."""
    client.force_login(desk)
    data = form_data(survey, score, submitted_on=f"{_day(survey):%d/%m/%Y}", **extra)
    assert client.post(reverse("audits:survey_paper", args=[survey.pk]), data).status_code == 302
    return SurveyResponse.objects.latest("pk")


def test_who_typed_a_paper_form_corrects_it_and_the_history_keeps_both(
    client, survey, desk, department
):
    comment = survey.questions.get(kind="text")
    response = _typed(client, survey, desk, 5, **{f"q{comment.pk}": "Chờ lâu"})
    paper = client.get(reverse("audits:survey_paper", args=[survey.pk])).content.decode()
    edit = reverse("audits:survey_response_edit", args=[response.pk])
    assert edit in paper  # the forms typed in so far, each to correct
    page = client.get(edit)
    assert page.status_code == 200
    form = page.context["form"]
    assert {form[f"q{q.pk}"].value() for q in survey.questions.filter(kind="scale")} == {5}
    assert "Chờ lâu" in page.content.decode()

    # The first question was ticked 2, not 5; the comment belonged to another form; the unit.
    first = survey.questions.filter(kind="scale").first()
    data = form_data(
        survey,
        5,
        submitted_on=f"{_day(survey):%d/%m/%Y}",
        department=department.pk,
        **{f"q{first.pk}": 2},
    )
    assert client.post(edit, data).status_code == 302
    response.refresh_from_db()
    assert response.department == department
    assert SurveyAnswer.objects.get(response=response, question=first).score == 2
    assert not SurveyAnswer.objects.filter(response=response, question=comment).exists()
    tally = survey_tally(survey)
    assert tally.responses == 1
    assert tally.comments == 0

    history = reverse("audits:survey_response_history", args=[response.pk])
    assert history in client.get(edit).content.decode()
    page = entries(client, history)
    assert all(entry.user == desk for entry in page)
    assert ("~", "5", "2") in changes(page, "Điểm")
    assert ("+", "", "5") in changes(page, "Điểm")  # as first typed in
    assert any(e.action == "-" and comment.text[:30] in e.subject for e in page)  # removed
    assert changes(page, label(SurveyResponse, "department")) == [("~", "", department.name)]


def test_the_secretary_corrects_any_paper_form_others_none_and_no_one_an_online_form(
    client, survey, desk, secretary, make_member, department
):
    response = _typed(client, survey, desk)
    edit = reverse("audits:survey_response_edit", args=[response.pk])
    client.force_login(make_member(Role.STAFF, department=department))  # a colleague
    assert client.get(edit).status_code == 403
    client.force_login(secretary)
    assert client.get(edit).status_code == 200
    online = response_submit(survey=survey, answers={}, channel="online")
    assert client.get(reverse("audits:survey_response_edit", args=[online.pk])).status_code == 403
    with pytest.raises(SurveyError):
        response_change(response=online, answers={}, submitted_on=_day(survey), user=secretary)


def test_a_closed_survey_keeps_its_forms_as_recorded(client, survey, desk, secretary):
    response = _typed(client, survey, desk, 4)
    survey_close(survey=survey, user=secretary)
    edit = reverse("audits:survey_response_edit", args=[response.pk])
    refused = client.post(edit, form_data(survey, 1, submitted_on=f"{_day(survey):%d/%m/%Y}"))
    assert refused.status_code == 200
    assert gettext("The survey is closed: reopen it to correct a form.") in (
        refused.content.decode()
    )
    assert set(response.answers.values_list("score", flat=True)) == {4}


def test_the_pages_read_a_fixed_number_of_queries(
    client, survey, desk, secretary, django_assert_max_num_queries
):
    response = _typed(client, survey, desk)
    edit = reverse("audits:survey_response_edit", args=[response.pk])
    with django_assert_max_num_queries(14):
        assert client.get(edit).status_code == 200
    history = reverse("audits:survey_response_history", args=[response.pk])
    first = survey.questions.filter(kind="scale").first()

    def more():
        for score in (1, 2, 3, 4, 5, 1, 2, 3):
            response_change(
                response=SurveyResponse.objects.get(pk=response.pk),
                answers={first.pk: score},
                submitted_on=_day(survey),
                user=desk,
            )

    assert_queries_do_not_grow(client, history, more, django_assert_max_num_queries)
    paper = reverse("audits:survey_paper", args=[survey.pk])
    client.force_login(secretary)
    with django_assert_max_num_queries(25) as captured:
        client.get(paper)
    few = len(captured.captured_queries)  # the next request empties the log
    for _n in range(5):
        _typed(client, survey, desk)
    client.force_login(secretary)
    with django_assert_max_num_queries(few):
        assert client.get(paper).content.decode().count("/sua/") == 6
