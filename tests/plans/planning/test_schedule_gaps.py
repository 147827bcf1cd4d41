"""Nothing unscheduled slips through (issue 22, point 4): submit and approve list the tasks whose
timing is not understood, names a date that does not exist or lies outside the plan year; the
secretary chooses their schedule by hand or confirms "no deadline" (on request); approval is
refused while a task has neither."""

import datetime

import pytest
from django.urls import reverse

from plans.choices import PlanStatus, Role
from plans.models import PlanTransition, WorkItem
from plans.planning.selectors import schedule_gaps
from plans.planning.services.plan import PlanWorkflowError, plan_approve, plan_submit
from plans.planning.services.task import TaskData, UnitRef, task_no_deadline, task_update
from plans.planning.timing import Schedule, parse_timing, schedule_by_hand
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("timing", "reason"),
    [
        ("Trước ngày 31/02/2022", "31/02/2022 không tồn tại."),
        ("ngày 30/2", "30/2 không tồn tại."),
        ("Tháng 13", "tháng 13 không tồn tại."),
        ("từ 01/6 đến 31/6", "31/6 không tồn tại."),
        ("Trước ngày 15/3/2021", "15/3/2021 không thuộc năm kế hoạch 2022."),
        ("Quý III/2021", "Quý III/2021 không thuộc năm kế hoạch 2022."),
        # Beside a date that was read, the impossible or foreign one is not dropped silently.
        ("Trước ngày 15/3/2022 và trước ngày 31/02/2022", "31/02/2022 không tồn tại."),
        ("Tháng 3/2022; tháng 12/2021", "12/2021 không thuộc năm kế hoạch 2022."),
        ("Khi nào rảnh thì làm", "Không đọc được thời gian thực hiện."),
    ],
)
def test_a_timing_nothing_can_date_is_listed_with_why(plan, timing, reason):
    add_task(plan, content="Việc đã rõ lịch", timing="Tháng 3/2022")
    task = add_task(plan, content="Việc chưa rõ lịch", timing=timing)
    add_task(plan, content="Việc thường xuyên", timing="Thường xuyên")
    add_task(plan, content="Việc theo yêu cầu", timing="Đột xuất khi có yêu cầu")

    gaps = schedule_gaps(plan)

    assert [(gap.task.pk, gap.reason) for gap in gaps] == [(task.pk, reason)]


def test_the_parser_says_why_an_impossible_date_is_not_understood():
    schedule = parse_timing("Trước ngày 31/02/2023", 2023)
    assert not schedule.understood
    assert schedule.occurrences == []
    assert "31/02/2023" in schedule.note


def test_a_schedule_chosen_by_hand_clears_the_task(plan):
    task = add_task(plan, timing="Trước ngày 31/02/2022")
    task_update(
        task=task,
        data=TaskData(
            content=task.content,
            timing_text=task.timing_text,  # printed as the agency wrote it
            leads=[UnitRef(party="iso_secretary")],
            schedule=schedule_by_hand("dates", 2022, dates=[datetime.date(2022, 2, 28)]),
        ),
        expected_version=task.lock_version,
    )
    assert schedule_gaps(plan) == []


def test_no_deadline_clears_the_task_and_is_chosen_by_hand(plan, secretary):
    task = add_task(plan, timing="Trước ngày 15/3/2021")
    version = task.lock_version

    task_no_deadline(task=task, user=secretary)

    task.refresh_from_db()
    assert task.schedule_manual
    schedule = Schedule.from_dict(task.schedule)
    assert schedule.understood
    assert schedule.on_request
    assert not schedule.occurrences
    assert task.timing_text == "Trước ngày 15/3/2021"
    assert task.lock_version == version + 1  # an edit form opened before is now stale
    assert task.history.latest().history_user == secretary
    assert schedule_gaps(plan) == []


def _submitted(plan, secretary):
    add_task(plan, content="Việc đã rõ lịch", timing="Tháng 3/2022")
    impossible = add_task(plan, content="Rà soát quy trình", timing="Trước ngày 31/02/2022")
    foreign = add_task(plan, content="Báo cáo năm trước", timing="Trước ngày 15/3/2021")
    return impossible, foreign


def test_submit_lists_the_tasks_with_both_ways_out_and_still_submits(client, plan, secretary):
    impossible, foreign = _submitted(plan, secretary)
    client.force_login(secretary)

    response = client.get(reverse("plans:plan_submit", args=[plan.pk]))

    assert [gap.task for gap in response.context["unscheduled"]] == [impossible, foreign]
    page = response.content.decode()
    assert "Nhiệm vụ chưa có lịch thực hiện" in page
    assert "31/02/2022 không tồn tại." in page
    assert "15/3/2021 không thuộc năm kế hoạch 2022." in page
    for task in (impossible, foreign):
        assert reverse("plans:task_edit", args=[task.pk]) + "#schedule-by-hand" in page
        assert f'action="{reverse("plans:task_no_deadline", args=[task.pk])}"' in page
    assert "Không có hạn (theo yêu cầu)" in page

    client.post(reverse("plans:plan_submit", args=[plan.pk]))  # a warning, not a refusal
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_approval_is_refused_while_a_task_has_no_schedule(client, plan, secretary, director):
    impossible, _foreign = _submitted(plan, secretary)
    plan_submit(plan=plan, user=secretary)
    client.force_login(director)

    page = client.get(reverse("plans:plan_approve", args=[plan.pk])).content.decode()
    assert "Rà soát quy trình" in page
    assert "Báo cáo năm trước" in page
    # The director cannot edit a submitted plan's tasks: only "no deadline", or return it.
    assert reverse("plans:task_edit", args=[impossible.pk]) not in page
    assert reverse("plans:task_no_deadline", args=[impossible.pk]) in page

    with pytest.raises(PlanWorkflowError) as refused:
        plan_approve(plan=plan, user=director)
    assert str(refused.value) == (
        "Nội dung công việc 2, 3 chưa có lịch thực hiện: chọn lịch bằng tay hoặc xác nhận "
        "“không có hạn” trước khi phê duyệt kế hoạch."
    )
    response = client.post(reverse("plans:plan_approve", args=[plan.pk]), follow=True)
    assert str(refused.value) in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert not WorkItem.objects.filter(task__plan=plan).exists()
    assert not PlanTransition.objects.filter(plan=plan, to_status=PlanStatus.APPROVED).exists()


def test_the_director_confirms_no_deadline_then_approves(client, plan, secretary, director):
    impossible, foreign = _submitted(plan, secretary)
    plan_submit(plan=plan, user=secretary)
    client.force_login(director)

    for task in (impossible, foreign):
        response = client.post(reverse("plans:task_no_deadline", args=[task.pk]))
        assert response.url == reverse("plans:plan_approve", args=[plan.pk])
    assert client.get(response.url).context["unscheduled"] == []

    client.post(reverse("plans:plan_approve", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    item = WorkItem.objects.get(task=impossible)
    assert item.due_date is None
    assert item.period_label == "Theo yêu cầu"


def test_the_secretary_chooses_the_schedule_then_the_plan_is_approved(
    client, plan, secretary, director
):
    impossible, foreign = _submitted(plan, secretary)
    client.force_login(secretary)
    client.post(reverse("plans:task_no_deadline", args=[foreign.pk]))
    task_update(
        task=impossible,
        data=TaskData(
            content=impossible.content,
            timing_text=impossible.timing_text,
            leads=[UnitRef(party="iso_secretary")],
            schedule=schedule_by_hand("dates", 2022, dates=[datetime.date(2022, 2, 28)]),
        ),
        expected_version=impossible.lock_version,
    )
    plan_submit(plan=plan, user=secretary)

    plan_approve(plan=plan, user=director)

    assert plan.status == PlanStatus.APPROVED
    assert WorkItem.objects.get(task=impossible).due_date == datetime.date(2022, 2, 28)


def test_who_may_confirm_no_deadline(client, plan, secretary, director, make_member):
    task = add_task(plan, timing="Trước ngày 31/02/2022")
    url = reverse("plans:task_no_deadline", args=[task.pk])
    staff = make_member(Role.STAFF)

    client.force_login(secretary)
    assert client.get(url).status_code == 405  # a button, never a link
    for person in (director, staff):  # a draft is the secretary's
        client.force_login(person)
        assert client.post(url).status_code == 403

    plan_submit(plan=plan, user=secretary)
    for person in (secretary, staff):  # a submitted plan is the director's to decide
        client.force_login(person)
        assert client.post(url).status_code == 403
    task.refresh_from_db()
    assert not task.schedule_manual

    outsider = make_member(Role.DIRECTOR, org=PlanFactory().organization)
    client.force_login(outsider)
    assert client.post(url).status_code == 404


def test_an_approved_plan_is_revised_rather_than_confirmed(plan, secretary, director):
    task = add_task(plan, timing="Tháng 3/2022")
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    with pytest.raises(PlanWorkflowError):
        task_no_deadline(task=task, user=director)
    task.refresh_from_db()
    assert not task.schedule_manual
