"""draft → submitted → approved → closed, returned with a comment, revised; who may do what."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.choices import PlanStatus, Role
from plans.models import Plan, PlanTask
from plans.planning.services.plan import (
    PlanWorkflowError,
    plan_approve,
    plan_close,
    plan_return,
    plan_start_revision,
    plan_submit,
)
from plans.planning.services.task import TaskData, task_update
from tests.factories import add_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(plan, secretary):
    add_task(plan)
    return plan_submit(plan=plan, user=secretary)


@pytest.fixture
def approved(submitted, director):
    return plan_approve(plan=submitted, user=director)


def test_the_secretary_submits_and_the_director_approves(client, plan, secretary, director):
    add_task(plan)
    client.force_login(secretary)
    response = client.post(reverse("plans:plan_submit", args=[plan.pk]), follow=True)
    assert "Đã trình kế hoạch" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED

    client.force_login(director)
    waiting = client.get(reverse("plans:plan_list")).context["waiting"]
    assert waiting == [plan]
    client.post(reverse("plans:plan_approve", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    steps = [(t.from_status, t.to_status, t.actor) for t in plan.transitions.all()]
    assert steps == [("draft", "submitted", secretary), ("submitted", "approved", director)]
    assert all(t.at is not None for t in plan.transitions.all())


def test_an_empty_plan_cannot_be_submitted(plan, secretary):
    with pytest.raises(PlanWorkflowError):
        plan_submit(plan=plan, user=secretary)


def test_a_draft_cannot_be_approved(client, plan, director):
    add_task(plan)
    with pytest.raises(PlanWorkflowError):
        plan_approve(plan=plan, user=director)
    client.force_login(director)
    response = client.post(reverse("plans:plan_approve", args=[plan.pk]), follow=True)
    assert "Không thể thực hiện khi kế hoạch đang ở trạng thái “Dự thảo”" in (
        response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_plan_cannot_be_approved_twice(approved, director):
    with pytest.raises(PlanWorkflowError):
        plan_approve(plan=approved, user=director)


@time_machine.travel(datetime.datetime(2023, 1, 9, 2, 14, tzinfo=datetime.UTC), tick=False)
def test_a_step_repeated_lands_on_the_plan_with_a_note_not_an_error(
    client, plan, secretary, director
):
    """A double click, the back button or a second tab repeats a step already taken."""
    add_task(plan)
    client.force_login(secretary)
    client.post(reverse("plans:plan_submit", args=[plan.pk]))
    response = client.post(reverse("plans:plan_submit", args=[plan.pk]), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == plan.get_absolute_url()
    assert "Đã thực hiện lúc 09:14 09/01/2023: Đã trình kế hoạch" in page
    assert "alert-danger" not in page
    assert "Không thể thực hiện" not in page
    assert plan.transitions.count() == 1  # one transition

    client.force_login(director)
    client.post(reverse("plans:plan_approve", args=[plan.pk]))
    again = client.post(reverse("plans:plan_approve", args=[plan.pk]), follow=True)
    assert "Đã thực hiện lúc 09:14 09/01/2023" in again.content.decode()
    assert plan.transitions.count() == 2


@pytest.mark.parametrize("role", [Role.DEPARTMENT_HEAD, Role.STAFF, Role.ISO_SECRETARY])
def test_only_the_leadership_approves(client, submitted, make_member, department, role):
    user = make_member(role, department=department)
    client.force_login(user)
    assert client.post(reverse("plans:plan_approve", args=[submitted.pk])).status_code == 403
    assert client.post(reverse("plans:plan_return", args=[submitted.pk])).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED


def test_the_director_returns_the_plan_with_a_comment(client, submitted, director, secretary):
    client.force_login(director)
    response = client.post(reverse("plans:plan_return", args=[submitted.pk]), {"comment": ""})
    assert "Trường này là bắt buộc" in response.content.decode()

    client.post(
        reverse("plans:plan_return", args=[submitted.pk]), {"comment": "Bổ sung mục tiêu quý"}
    )
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.DRAFT
    client.force_login(secretary)
    page = client.get(reverse("plans:plan_detail", args=[submitted.pk])).content.decode()
    assert "Bổ sung mục tiêu quý" in page


def test_a_long_return_comment_is_kept_whole_in_the_history(submitted, director):
    # Found by fuzzing on PostgreSQL: the history's reason column held 100 characters.
    comment = "Đề nghị bổ sung căn cứ pháp lý và tiến độ từng quý. " * 20
    plan_return(plan=submitted, user=director, comment=comment)
    assert submitted.history.first().history_change_reason == comment


def test_return_needs_a_reason(submitted, director):
    with pytest.raises(PlanWorkflowError):
        plan_return(plan=submitted, user=director, comment="  ")


def test_an_approved_plan_is_locked(client, approved, secretary):
    task = approved.tasks.get()
    with pytest.raises(PlanWorkflowError):
        task_update(task=task, data=TaskData(content="x", timing_text="y"), expected_version=0)
    client.force_login(secretary)
    response = client.get(reverse("plans:plan_edit", args=[approved.pk]), follow=True)
    assert "Chỉ kế hoạch dự thảo mới sửa được" in response.content.decode()
    response = client.post(
        reverse("plans:task_edit", args=[task.pk]),
        {"content": "Đổi", "leads": ["p:iso_secretary"], "timing_text": "Tháng 5"},
        follow=True,
    )
    assert "không thể sửa nội dung công việc" in response.content.decode()
    task.refresh_from_db()
    assert task.content == "Xây dựng Kế hoạch đánh giá nội bộ"


def test_a_revision_is_approved_again_while_the_approved_plan_stays_in_force(
    client, approved, secretary, director
):
    revision = plan_start_revision(plan=approved, user=secretary)
    assert (revision.version, revision.status, revision.revision_of) == (2, "draft", approved)
    assert revision.tasks.count() == 1
    approved.refresh_from_db()
    assert approved.status == PlanStatus.APPROVED
    with pytest.raises(PlanWorkflowError):
        plan_start_revision(plan=approved, user=secretary)

    client.force_login(secretary)
    page = client.get(reverse("plans:plan_detail", args=[approved.pk])).content.decode()
    assert "Đang soạn bản điều chỉnh" in page

    plan_submit(plan=revision, user=secretary)
    plan_approve(plan=revision, user=director)
    approved.refresh_from_db()
    assert approved.status == PlanStatus.SUPERSEDED
    assert approved.transitions.last().to_status == PlanStatus.SUPERSEDED


def test_revise_from_the_plan_page(client, approved, secretary):
    client.force_login(secretary)
    response = client.post(reverse("plans:plan_revise", args=[approved.pk]))
    revision = Plan.objects.get(revision_of=approved)
    assert response["Location"] == reverse("plans:plan_detail", args=[revision.pk])


def test_a_plan_is_closed_at_year_end(approved, director):
    with (
        time_machine.travel(datetime.datetime(2022, 11, 30, 12, tzinfo=datetime.UTC)),
        pytest.raises(PlanWorkflowError),
    ):
        plan_close(plan=approved, user=director)
    with time_machine.travel(datetime.datetime(2022, 12, 15, 12, tzinfo=datetime.UTC)):
        assert plan_close(plan=approved, user=director).status == PlanStatus.CLOSED


@pytest.mark.parametrize("role", [Role.DEPARTMENT_HEAD, Role.STAFF, Role.AUDITOR])
def test_department_heads_and_staff_read_but_do_not_change(
    client, plan, make_member, department, role
):
    add_task(plan)
    client.force_login(make_member(role, department=department))
    response = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    assert response.context["actions"] == set()
    task = plan.tasks.get()
    for url in [
        reverse("plans:plan_edit", args=[plan.pk]),
        reverse("plans:task_edit", args=[task.pk]),
        reverse("plans:task_delete", args=[task.pk]),
        reverse("plans:task_create", args=[plan.pk]),
        reverse("plans:plan_submit", args=[plan.pk]),
    ]:
        assert client.post(url, {"content": "x"}).status_code == 403, url
    assert PlanTask.objects.get().content == "Xây dựng Kế hoạch đánh giá nội bộ"


def test_another_organizations_plan_is_not_found(client, other_organization, make_member):
    from tests.factories import PlanFactory

    foreign = PlanFactory(organization=other_organization)
    task = add_task(foreign)
    client.force_login(make_member(Role.ISO_SECRETARY))
    for url in [
        reverse("plans:plan_detail", args=[foreign.pk]),
        reverse("plans:plan_edit", args=[foreign.pk]),
        reverse("plans:plan_history", args=[foreign.pk]),
        reverse("plans:task_edit", args=[task.pk]),
        reverse("plans:task_row", args=[task.pk]),
        reverse("plans:task_create", args=[foreign.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("plans:task_delete", args=[task.pk])).status_code == 404
    assert PlanTask.objects.filter(pk=task.pk).exists()


def test_the_director_sees_what_waits_for_approval_on_the_home_page(client, submitted, director):
    client.force_login(director)
    response = client.get(reverse("home"))
    assert [row.record for row in response.context["waiting"]] == [submitted]
    assert "Chờ bạn phê duyệt" in response.content.decode()
