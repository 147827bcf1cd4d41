"""Two people edit the same controlled record: the second save is refused, never silently
applied; the form keeps what they typed and shows what is saved now; saving again overwrites."""

import pytest
from django.test import Client
from django.urls import reverse

from audits.models import Audit, ManagementReview, Nonconformity
from plans.models import Objective, ObjectiveResult, ObjectiveSet, Plan, PlanTask, User
from tests.security.forms import form_with

pytestmark = pytest.mark.django_db
NOTICE = "Người khác đã lưu"


def _objective(world):
    ObjectiveSet.objects.filter(pk=world.ids["objective_set"]).update(status="draft")
    return reverse(
        "plans:objective_edit", args=[world.ids["objective_set"], world.ids["objective"]]
    )


def _review(world):
    ManagementReview.objects.filter(pk=world.ids["review"]).update(status="planned")
    return reverse("audits:review_edit", args=[world.ids["review"]])


# (what, page, the field both people change, who edits, the saved value)
CASES = {
    "plan document": (
        lambda w: reverse("plans:plan_edit", args=[w.ids["draft_plan"]]),
        "title",
        "thuky",
        lambda w: Plan.objects.get(pk=w.ids["draft_plan"]).title,
    ),
    "task": (
        lambda w: reverse("plans:task_edit", args=[w.ids["task"]]),
        "content",
        "thuky",
        lambda w: PlanTask.objects.get(pk=w.ids["task"]).content,
    ),
    "objective": (
        _objective,
        "statement",
        "thuky",
        lambda w: Objective.objects.get(pk=w.ids["objective"]).statement,
    ),
    "objective result": (
        lambda w: reverse("plans:result_edit", args=[w.ids["objective"], w.ids["period"]]),
        "comment",
        "thuky",
        lambda w: (
            ObjectiveResult.objects.get(
                objective=w.ids["objective"], period_key=w.ids["period"]
            ).comment
        ),
    ),
    "nonconformity analysis": (
        lambda w: reverse("audits:nonconformity_detail", args=[w.ids["nonconformity"]]),
        "root_cause",
        "thuky",
        lambda w: Nonconformity.objects.get(pk=w.ids["nonconformity"]).root_cause,
    ),
    "internal audit plan": (
        lambda w: reverse("audits:audit_edit", args=[w.ids["audit"]]),
        "processes",
        "thuky",
        lambda w: Audit.objects.get(pk=w.ids["audit"]).processes,
    ),
    "management review notice": (
        _review,
        "title",
        "thuky",
        lambda w: ManagementReview.objects.get(pk=w.ids["review"]).title,
    ),
}


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("case", CASES)
def test_the_second_of_two_saves_is_refused_and_keeps_what_was_typed(world, case):
    page, field, username, saved = CASES[case]
    url = page(world)
    if case == "objective result":  # a result must exist for there to be two edits of it
        _client(username).post(url, form_with(_client(username).get(url).content.decode(), field))
    first, second = _client(username), _client(username)
    first_data = form_with(first.get(url).content.decode(), field)
    second_data = form_with(second.get(url).content.decode(), field)
    assert first_data["lock_version"] == second_data["lock_version"]

    second_data[field] = ["Bản của người lưu trước"]
    assert second.post(url, second_data).status_code == 302
    first_data[field] = ["Bản của người lưu sau"]
    refused = first.post(url, first_data)

    assert refused.status_code == 200
    page_text = refused.content.decode()
    assert NOTICE in page_text
    assert "Bản của người lưu sau" in page_text  # what they typed is kept
    assert "Bản của người lưu trước" in page_text  # and what is saved now is shown
    assert saved(world) == "Bản của người lưu trước"

    again = form_with(page_text, field)  # a deliberate second save replaces it
    assert first.post(url, again).status_code == 302
    assert saved(world) == "Bản của người lưu sau"
