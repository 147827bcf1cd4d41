"""Issue 21, points 5 and 6: an either/or timing is one obligation (its date is the event's
fallback), and a task timed from the completion of another task of the plan is linked to it by
itself, on approval and on import, and dated when that task is done."""

import datetime
from dataclasses import replace

import pytest
import time_machine
from django.urls import reverse

from plans.choices import EventKind
from plans.models import Event, PlanTask, TaskImport, WorkItem
from plans.planning.chains import best_match, chains_link
from plans.planning.services.plan import plan_approve, plan_start_revision, plan_submit
from plans.planning.services.task import UnitRef
from plans.planning.timing import Schedule, schedule_by_hand
from plans.work.services import event_record, work_item_complete
from tests.factories import DepartmentFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date

EITHER_OR = (
    "Trường hợp có văn bản hướng dẫn mới: sau 30 ngày làm việc kể từ ngày nhận được văn bản "
    "hướng dẫn mới; trường hợp không có: trước ngày 31/8"
)
CHAIN = "Sau 10 ngày làm việc kể từ ngày hoàn thành rà soát các TTHC/quy trình; trước ngày 15/9"


def _approve(plan, secretary, director):
    plan_submit(plan=plan, user=secretary)
    return plan_approve(plan=plan, user=director)


def _on(day):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 3, tzinfo=datetime.UTC)
    )


def _wait(task):
    task.refresh_from_db()
    return Schedule.from_dict(task.schedule).event


def _chained_plan(plan):
    review = add_task(plan, content="Rà soát các TTHC, quy trình nội bộ theo ISO", timing="Tháng 6")
    add_task(plan, content="Lập Kế hoạch đánh giá nội bộ", timing="Tháng 3")
    follow = add_task(plan, content="Cập nhật Danh mục tài liệu sau rà soát", timing=CHAIN)
    return review, follow


# --- point 5: either/or -----------------------------------------------------------------------
def test_either_or_is_one_item_per_unit_due_the_fallback_date_until_the_event(
    plan, secretary, director, department
):
    other = DepartmentFactory(organization=plan.organization)
    task = add_task(
        plan,
        content="Cập nhật quy trình",
        timing=EITHER_OR,
        leads=[UnitRef(department_id=department.pk), UnitRef(department_id=other.pk)],
    )
    _approve(plan, secretary, director)
    items = list(task.work_items.order_by("department__name"))
    assert len(items) == 2  # one per unit: not one dated and one waiting
    for item in items:
        assert (item.period_key, item.due_date, item.waiting_for) == (
            "e0-0",
            D(2022, 8, 31),
            EventKind.NEW_GUIDANCE,
        )
        assert item.period_label == "Hạn 31/08/2022, hoặc sau: Nhận văn bản hướng dẫn mới"

    event = event_record(
        organization=plan.organization,
        kind=EventKind.NEW_GUIDANCE,
        occurred_on=D(2022, 6, 1),
        user=secretary,
    )
    items = list(task.work_items.all())
    assert len(items) == 2  # no second item: the obligation was one
    for item in items:
        assert (item.due_date, item.event) == (D(2022, 7, 13), event)  # 30 working days
        assert item.period_label == "Sau sự kiện ngày 01/06/2022, thay hạn 31/08/2022"
        assert item.waiting_for == ""

    # A second guidance dates nothing and opens nothing.
    again = event_record(
        organization=plan.organization,
        kind=EventKind.NEW_GUIDANCE,
        occurred_on=D(2022, 9, 1),
        user=secretary,
    )
    assert not again.work_items.exists()
    assert task.work_items.count() == 2

    # Both units' items closed: the task is done, dated the last one.
    first, last = items
    with _on(D(2022, 7, 5)):
        work_item_complete(item=first, user=secretary, done_on=D(2022, 7, 1))
    assert not Event.objects.filter(kind=EventKind.TASK_DONE).exists()
    with _on(D(2022, 7, 12)):
        work_item_complete(item=last, user=secretary, done_on=D(2022, 7, 8))
    done = Event.objects.get(kind=EventKind.TASK_DONE)
    assert (done.task, done.occurred_on) == (task, D(2022, 7, 8))


def test_an_either_or_item_closed_by_its_date_is_not_reopened_by_a_later_event(
    plan, secretary, director
):
    task = add_task(plan, content="Cập nhật quy trình", timing=EITHER_OR)
    _approve(plan, secretary, director)
    item = task.work_items.get()
    with _on(D(2022, 8, 30)):
        work_item_complete(item=item, user=secretary)
    # Closing the fallback-dated item completes the task (it has a date).
    assert Event.objects.get(kind=EventKind.TASK_DONE).task == task
    event_record(
        organization=plan.organization,
        kind=EventKind.NEW_GUIDANCE,
        occurred_on=D(2022, 10, 3),
        user=secretary,
    )
    item.refresh_from_db()
    assert (item.status, item.due_date, item.event) == ("done", D(2022, 8, 31), None)
    assert task.work_items.count() == 1


def test_an_event_of_another_year_leaves_the_fallback_date(plan, secretary, director):
    task = add_task(plan, content="Cập nhật quy trình", timing=EITHER_OR)
    _approve(plan, secretary, director)
    event_record(
        organization=plan.organization,
        kind=EventKind.NEW_GUIDANCE,
        occurred_on=D(2023, 1, 10),
        user=secretary,
    )
    item = task.work_items.get()
    assert (item.due_date, item.event, item.waiting_for) == (D(2022, 8, 31), None, "new_guidance")


def test_event_driven_occurrences_count_for_the_task_being_done(plan, secretary, director):
    """Dated by its event, an item holds the task back until it is closed; the item waiting for
    the next event does not."""
    task = add_task(
        plan, content="Niêm yết TTHC", timing="Trong vòng 30 ngày sau khi TTHC được công bố"
    )
    _approve(plan, secretary, director)
    event_record(
        organization=plan.organization,
        kind=EventKind.PROCEDURES_PUBLISHED,
        occurred_on=D(2022, 6, 1),
        user=secretary,
    )
    dated = task.work_items.exclude(due_date=None).get()
    assert task.work_items.filter(due_date=None).count() == 1  # waits for the next one
    with _on(D(2022, 6, 20)):
        work_item_complete(item=dated, user=secretary, done_on=D(2022, 6, 15))
    done = Event.objects.get(kind=EventKind.TASK_DONE)
    assert (done.task, done.occurred_on) == (task, D(2022, 6, 15))


# --- point 6: chains --------------------------------------------------------------------------
def test_approval_links_a_chain_to_the_task_it_names_and_keeps_its_fallback(
    client, plan, secretary, director
):
    review, follow = _chained_plan(plan)
    assert _wait(follow).task_id is None  # a draft typed by hand: linked on approval
    _approve(plan, secretary, director)
    wait = _wait(follow)
    assert (wait.kind, wait.task_id, wait.fallback) == ("task_done", review.pk, D(2022, 9, 15))

    item = follow.work_items.get()
    assert (item.due_date, item.waiting_for) == (D(2022, 9, 15), EventKind.TASK_DONE)
    client.force_login(secretary)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Sau khi hoàn thành nhiệm vụ số 1: Rà soát các TTHC, quy trình nội bộ theo ISO" in page

    detail = client.get(reverse("plans:work_item_detail", args=[item.pk])).content.decode()
    assert "Sau khi hoàn thành nhiệm vụ số 1: Rà soát các TTHC" in detail

    # The task it follows is done on 20/06: due 10 working days later, instead of 15/09.
    with _on(D(2022, 6, 22)):
        work_item_complete(item=review.work_items.get(), user=secretary, done_on=D(2022, 6, 20))
    item = follow.work_items.get()  # still one item
    assert (item.due_date, item.period_label) == (
        D(2022, 7, 4),
        "Sau sự kiện ngày 20/06/2022, thay hạn 15/09/2022",
    )


def test_a_chain_not_followed_keeps_its_fallback_date(plan, secretary, director):
    review, follow = _chained_plan(plan)
    other = add_task(plan, content="Báo cáo kết quả", timing="Tháng 5")
    _approve(plan, secretary, director)
    with _on(D(2022, 5, 20)):
        work_item_complete(item=other.work_items.get(), user=secretary)  # another task's done
    assert follow.work_items.get().due_date == D(2022, 9, 15)
    assert review.work_items.get().is_open


def test_an_ambiguous_or_self_match_is_not_linked(plan, secretary, director):
    add_task(plan, content="Rà soát các TTHC", timing="Tháng 6")
    add_task(plan, content="Rà soát các quy trình", timing="Tháng 6")
    follow = add_task(plan, content="Cập nhật tài liệu", timing=CHAIN)
    _approve(plan, secretary, director)
    wait = _wait(follow)
    assert (wait.task_id, wait.fallback) == (None, D(2022, 9, 15))
    assert follow.work_items.get().due_date == D(2022, 9, 15)


def test_a_task_is_never_linked_to_itself(plan):
    follow = add_task(plan, content="Rà soát các TTHC/quy trình và cập nhật", timing=CHAIN)
    unrelated = add_task(plan, content="Báo cáo kết quả thực hiện", timing="Tháng 12")
    assert chains_link(plan) == 0
    assert _wait(follow).task_id is None
    assert best_match("rà soát các TTHC/quy trình", [unrelated]) is None
    assert best_match("rà soát các TTHC/quy trình", [follow]) == follow


def test_import_links_the_chains_of_the_imported_rows(client, secretary, plan):
    pasted = (
        "TT\tNội dung công việc\tĐơn vị thực hiện\tThời gian\tSản phẩm\r\n"
        "1\tRà soát các thủ tục hành chính, quy trình nội bộ\tThư ký ISO\tTháng 6\tBáo cáo\r\n"
        "2\tLập Kế hoạch đánh giá nội bộ\tThư ký ISO\tTháng 3\tKế hoạch\r\n"
        f"3\tCập nhật Danh mục tài liệu\tThư ký ISO\t{CHAIN}\tDanh mục\r\n"
    )
    client.force_login(secretary)
    client.post(reverse("plans:task_import_start", args=[plan.pk]), {"pasted": pasted})
    task_import = TaskImport.objects.get()
    form = client.get(reverse("plans:task_import_preview", args=[task_import.pk])).context["form"]
    data = {"confirm": "1"}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    client.post(reverse("plans:task_import_preview", args=[task_import.pk]), data)
    review, _plan, follow = plan.tasks.order_by("order")
    wait = _wait(follow)
    assert (wait.task_id, wait.fallback) == (review.pk, D(2022, 9, 15))
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Sau khi hoàn thành nhiệm vụ số 1: Rà soát các thủ tục hành chính" in page
    assert "hoặc hạn 15/09/2022 nếu không có" in page


def test_the_secretary_changes_the_link_by_hand_and_the_fallback_stays(client, secretary, plan):
    review, follow = _chained_plan(plan)
    chains_link(plan)
    planning = plan.tasks.get(order=2)
    client.force_login(secretary)
    url = reverse("plans:task_edit", args=[follow.pk])
    form = client.get(url).context["form"]
    assert form.initial["schedule_task"] == review.pk  # the link is shown, and changeable

    follow.refresh_from_db()
    base = {
        "content": follow.content,
        "leads": ["p:iso_secretary"],
        "supports": [],
        "responsibility_note": "",
        "timing_text": CHAIN,
        "output": "",
        "lock_version": follow.lock_version,
    }
    # "As read from the text", another task chosen: the reading's fallback stays.
    client.post(url, {**base, "schedule_mode": "", "schedule_task": planning.pk})
    wait = _wait(follow)
    assert (wait.task_id, wait.fallback, wait.amount) == (planning.pk, D(2022, 9, 15), 10)
    assert follow.schedule_manual

    # "After an event" chosen in full, no date typed: the text's fallback date stays too.
    client.post(
        url,
        {
            **base,
            "lock_version": follow.lock_version,
            "schedule_mode": "event",
            "schedule_event": "task_done",
            "schedule_amount": "5",
            "schedule_unit": "working_days",
            "schedule_task": review.pk,
        },
    )
    wait = _wait(follow)
    assert (wait.task_id, wait.fallback, wait.amount) == (review.pk, D(2022, 9, 15), 5)
    form = client.get(url).context["form"]
    assert (form.initial["schedule_mode"], form.initial["schedule_dates"]) == (
        "event",
        "15/09/2022",
    )
    # Linked by hand: linking again keeps the secretary's choice.
    assert chains_link(plan) == 0
    assert _wait(follow).task_id == review.pk


def test_schedule_by_hand_keeps_a_fallback_date():
    schedule = schedule_by_hand(
        "event", 2022, event="task_done", amount=10, unit="working_days", task_id=3,
        fallback=D(2022, 9, 15),
    )  # fmt: skip
    assert schedule.occurrences == []
    assert (schedule.event.task_id, schedule.event.fallback) == (3, D(2022, 9, 15))
    assert Schedule.from_dict(schedule.to_dict()) == schedule


def test_a_revision_links_to_the_revised_task_and_is_dated_by_it(plan, secretary, director):
    review, follow = _chained_plan(plan)
    _approve(plan, secretary, director)
    revision = plan_start_revision(plan=plan, user=secretary)
    new_review = revision.tasks.get(origin=review)
    new_follow = revision.tasks.get(origin=follow)
    assert _wait(new_follow).task_id == new_review.pk  # relinked in the draft already
    # Even a link left to the old version moves on approval.
    stale = Schedule.from_dict(new_follow.schedule)
    stale.events[0] = replace(stale.events[0], task_id=review.pk)
    PlanTask.objects.filter(pk=new_follow.pk).update(schedule=stale.to_dict())
    _approve(revision, secretary, director)
    wait = _wait(new_follow)
    assert (wait.task_id, wait.fallback) == (new_review.pk, D(2022, 9, 15))

    # The items moved to the revision: closing the review dates the follow-up.
    with _on(D(2022, 7, 4)):
        work_item_complete(item=new_review.work_items.get(), user=secretary, done_on=D(2022, 7, 1))
    item = WorkItem.objects.get(task=new_follow)
    assert item.due_date == D(2022, 7, 15)


def test_a_task_is_done_for_an_occurrence_when_every_unit_closed_it(
    plan, secretary, director, department
):
    """Quarterly work of two units: the first quarter is done when both closed it, dated the
    later closing; the quarters to come do not hold it back, and one unit's close is not enough."""
    other = DepartmentFactory(organization=plan.organization)
    task = add_task(
        plan,
        content="Báo cáo quý",
        timing="Hàng quý",
        leads=[UnitRef(department_id=department.pk), UnitRef(department_id=other.pk)],
    )
    _approve(plan, secretary, director)
    first, last = task.work_items.filter(period_key="q-1")
    with _on(D(2022, 3, 31)):
        work_item_complete(item=first, user=secretary, done_on=D(2022, 3, 30))
        assert not Event.objects.filter(kind=EventKind.TASK_DONE).exists()
        work_item_complete(item=last, user=secretary, done_on=D(2022, 3, 28))
    done = Event.objects.get(kind=EventKind.TASK_DONE)
    assert (done.task, done.occurred_on) == (task, D(2022, 3, 30))
