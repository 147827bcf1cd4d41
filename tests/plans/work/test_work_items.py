"""Approving a plan creates its work items; revisions and events update them; units close them."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.choices import EventKind, Role, WorkItemStatus
from plans.models import Event, WorkItem
from plans.planning.services.plan import plan_approve, plan_start_revision, plan_submit
from plans.planning.services.task import TaskData, UnitRef, task_update
from plans.planning.timing import EventWait, Occurrence, Schedule, schedule_by_hand
from plans.work.services import event_record, work_item_complete
from tests.factories import DepartmentFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date


def _approve(plan, secretary, director):
    plan_submit(plan=plan, user=secretary)
    return plan_approve(plan=plan, user=director)


def _items(plan):
    return list(
        WorkItem.objects.filter(task__plan=plan)
        .order_by("task__order", "due_date", "department__name", "party")
        .values_list("task__order", "period_label", "due_date", "department__name", "party")
    )


def test_approval_creates_one_item_per_occurrence_and_lead_unit(
    plan, secretary, director, department, organization
):
    other = DepartmentFactory(organization=organization, name="Văn phòng Sở")
    add_task(plan, content="Báo cáo", timing="Trước ngày 20/10/2022")
    add_task(plan, content="MTCL", timing="Hàng quý", leads=[UnitRef(party="all_departments")])
    add_task(
        plan, content="Rà soát", timing="Thường xuyên", leads=[UnitRef(department_id=other.pk)]
    )
    add_task(plan, content="Công bố", timing="Trong vòng 30 ngày sau khi TTHC được công bố")
    assert WorkItem.objects.count() == 0  # a draft has no work items

    _approve(plan, secretary, director)
    items = _items(plan)
    assert items[0] == (1, "Hạn 20/10/2022", D(2022, 10, 20), None, "iso_secretary")
    quarterly = [i for i in items if i[0] == 2]
    assert len(quarterly) == 8  # 4 quarters × 2 departments
    assert {i[3] for i in quarterly} == {department.name, other.name}
    assert [i[1:3] for i in quarterly if i[3] == other.name] == [
        ("Quý I", D(2022, 3, 31)),
        ("Quý II", D(2022, 6, 30)),
        ("Quý III", D(2022, 9, 30)),
        ("Quý IV", D(2022, 12, 30)),
    ]
    assert [i for i in items if i[0] == 3] == [(3, "Thường xuyên", None, other.name, "")]
    waiting = WorkItem.objects.get(task__order=4)
    assert (waiting.due_date, waiting.waiting_for) == (None, EventKind.PROCEDURES_PUBLISHED)


def test_an_items_label_names_the_day_it_is_due(plan, secretary, director, organization):
    # 30/4/2022 is a Saturday and a holiday: due Friday 29/04, and the label says so.
    add_task(plan, content="Báo cáo", timing="Trước ngày 30/4/2022")
    # 31/07/2022 is a Sunday: the fallback is due Friday 29/07, the label says that date too.
    add_task(plan, content="BCĐ", timing="Khi có thay đổi thành viên BCĐ hoặc trong tháng 7")
    add_task(plan, content="Công bố", timing="Trong vòng 30 ngày sau khi TTHC được công bố")
    _approve(plan, secretary, director)
    items = _items(plan)
    assert items[0] == (1, "Hạn 29/04/2022", D(2022, 4, 29), None, "iso_secretary")
    assert items[1][1:3] == (
        "Hạn 29/07/2022, hoặc sau: Thay đổi thành viên BCĐ ISO",
        D(2022, 7, 29),
    )

    # Counted from an event: 08/09/2022 + 30 days is Saturday 08/10, so Monday 10/10 (Civil Code).
    event = event_record(
        organization=organization,
        kind=EventKind.PROCEDURES_PUBLISHED,
        occurred_on=D(2022, 9, 8),
        user=secretary,
    )
    assert WorkItem.objects.get(event=event).due_date == D(2022, 10, 10)


def test_a_task_without_a_lead_is_its_supporting_units_work(plan, secretary, director, department):
    """An imported row whose "Chính" cell was empty and whose "Tham mưu" names the ISO secretary
    and a department: both get the item instead of nobody."""
    add_task(
        plan,
        content="Cập nhật danh mục tài liệu",
        timing="Trước ngày 20/10/2022",
        leads=[],
        supports=[UnitRef(party="iso_secretary"), UnitRef(department_id=department.pk)],
    )
    add_task(
        plan,
        content="Có đơn vị chủ trì",
        timing="Trước ngày 20/10/2022",
        leads=[UnitRef(department_id=department.pk)],
        supports=[UnitRef(party="iso_secretary")],
    )
    _approve(plan, secretary, director)
    responsible = {(order, unit, party) for order, _label, _due, unit, party in _items(plan)}
    assert responsible == {
        (1, None, "iso_secretary"),
        (1, department.name, ""),
        (2, department.name, ""),  # a task with a lead: the lead's only
    }


def test_a_task_naming_no_unit_is_the_iso_secretarys(plan, secretary, director):
    """A row whose responsibility cells were all empty: the secretary holds it (and the approval
    page said so before confirming)."""
    add_task(plan, content="Cập nhật sổ tay chất lượng", timing="Tháng 6/2022", leads=[])
    _approve(plan, secretary, director)
    assert [(unit, party) for *_rest, unit, party in _items(plan)] == [(None, "iso_secretary")]


def test_recording_an_event_dates_the_waiting_items_and_opens_the_next(
    secretary, director, organization
):
    plan = PlanFactory(organization=organization, year=2023)
    add_task(plan, timing="sau 30 ngày làm việc kể từ ngày nhận được văn bản hướng dẫn mới")
    add_task(plan, content="Không liên quan", timing="Khi có thay đổi thành viên BCĐ")
    _approve(plan, secretary, director)

    event = event_record(
        organization=organization,
        kind=EventKind.NEW_GUIDANCE,
        occurred_on=D(2023, 1, 10),
        user=secretary,
    )
    dated = WorkItem.objects.get(event=event)
    assert dated.due_date == D(2023, 2, 28)  # 30 working days, Tết 2023 skipped
    waiting = WorkItem.objects.filter(task__order=1, due_date__isnull=True)
    assert waiting.count() == 1  # the next guidance will date this one
    assert WorkItem.objects.get(task__order=2).due_date is None  # other events are untouched


def test_an_event_dates_only_the_plan_of_its_year(secretary, director, organization):
    """Guidance received on 29/01/2024 starts the 2024 plan's task, not the same task of the
    2022 and 2023 plans (still approved, as when a year's plan is not closed)."""
    plans = {}
    for year in (2022, 2023, 2024):
        plans[year] = PlanFactory(organization=organization, year=year)
        add_task(
            plans[year], timing="sau 30 ngày làm việc kể từ ngày nhận được văn bản hướng dẫn mới"
        )
        _approve(plans[year], secretary, director)

    event = event_record(
        organization=organization,
        kind=EventKind.NEW_GUIDANCE,
        occurred_on=D(2024, 1, 29),
        user=secretary,
    )
    assert [item.task.plan.year for item in WorkItem.objects.filter(event=event)] == [2024]
    for year in (2022, 2023):
        waiting = WorkItem.objects.get(task__plan=plans[year])
        assert (waiting.due_date, waiting.event) == (None, None)


def test_a_revision_updates_open_items_and_keeps_done_ones(
    plan, secretary, director, django_capture_on_commit_callbacks
):
    task = add_task(plan, content="Báo cáo MTCL", timing="Hàng quý")
    _approve(plan, secretary, director)
    q1 = WorkItem.objects.get(task=task, period_key="q-1")
    evidence = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 report", "application/pdf")
    work_item_complete(item=q1, user=secretary, note="Đã nộp", files=[evidence])

    revision = plan_start_revision(plan=plan, user=secretary)
    revised = revision.tasks.get()
    task_update(
        task=revised,
        data=TaskData(
            content="Báo cáo MTCL",
            timing_text="Định kỳ 06 tháng",
            leads=[UnitRef(party="iso_secretary")],
        ),
        expected_version=revised.lock_version,
    )
    _approve(revision, secretary, director)

    items = {i.period_key: i for i in WorkItem.objects.filter(task__plan=revision)}
    assert set(items) == {"q-1", "h-1", "h-2"}  # q-2..q-4 were untouched: gone
    done = items["q-1"]
    assert (done.status, done.note, done.due_date) == ("done", "Đã nộp", D(2022, 3, 31))
    assert done.evidence.get().original_name == "bao-cao.pdf"
    assert items["h-1"].due_date == D(2022, 6, 30)


def test_a_task_done_can_be_the_event_a_later_task_waits_for(plan, secretary, director):
    review = add_task(plan, content="Rà soát quy trình", timing="Tháng 3")
    follow = add_task(plan, content="Cập nhật tài liệu", timing="sau 10 ngày làm việc")
    task_update(
        task=follow,
        data=TaskData(
            content=follow.content,
            timing_text="sau 10 ngày làm việc kể từ ngày hoàn thành rà soát",
            leads=[UnitRef(party="iso_secretary")],
            schedule=schedule_by_hand(
                "event", 2022, event="task_done", amount=10, unit="working_days", task_id=review.pk
            ),
        ),
        expected_version=follow.lock_version,
    )
    _approve(plan, secretary, director)
    with time_machine.travel(datetime.datetime(2022, 3, 25, 9, tzinfo=datetime.UTC)):
        work_item_complete(item=review.work_items.get(), user=secretary)
    dated = follow.work_items.exclude(due_date=None).get()
    assert dated.due_date == D(2022, 4, 8)


def test_a_task_is_done_when_its_dated_items_are_though_one_waits_for_the_next_event(
    plan, secretary, director, department
):
    """A review due in March that is also redone after each new guidance: closing the March items
    of both units completes it (the item waiting for the next guidance does not hold it back),
    dated the day the last one was closed."""
    both = Schedule(
        understood=True,
        occurrences=[Occurrence("m-2022-03", "Tháng 3", D(2022, 3, 31))],
        events=[EventWait(kind=EventKind.NEW_GUIDANCE, amount=30, unit="working_days")],
    )
    other = DepartmentFactory(organization=plan.organization)
    review = add_task(
        plan,
        content="Rà soát quy trình",
        leads=[UnitRef(department_id=department.pk), UnitRef(department_id=other.pk)],
        schedule=both,
    )
    _approve(plan, secretary, director)
    march = review.work_items.exclude(due_date=None)
    assert march.count() == 2
    assert review.work_items.filter(due_date=None, waiting_for=EventKind.NEW_GUIDANCE).count() == 2
    first, last = march
    with time_machine.travel(datetime.datetime(2022, 3, 21, 9, tzinfo=datetime.UTC)):
        work_item_complete(item=first, user=secretary)
    assert not Event.objects.filter(kind=EventKind.TASK_DONE).exists()
    with time_machine.travel(datetime.datetime(2022, 3, 25, 9, tzinfo=datetime.UTC)):
        work_item_complete(item=last, user=secretary)
    done = Event.objects.get(kind=EventKind.TASK_DONE)
    assert (done.task, done.occurred_on) == (review, D(2022, 3, 25))


def _pdf(name="bien-ban.pdf", content=b"%PDF-1.4 minutes"):
    return SimpleUploadedFile(name, content, "application/pdf")


@pytest.fixture
def unit_item(plan, secretary, director, department):
    add_task(plan, timing="Trước ngày 20/10/2022", leads=[UnitRef(department_id=department.pk)])
    _approve(plan, secretary, director)
    return WorkItem.objects.get()


def test_the_department_head_marks_an_item_done_with_evidence(
    client, unit_item, make_member, department
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    url = reverse("plans:work_item_detail", args=[unit_item.pk])
    response = client.post(
        url, {"note": "Đã xong", "files": [_pdf(), _pdf("anh.png", b"\x89PNG\r\n\x1a\n...")]}
    )
    assert response.status_code == 302
    unit_item.refresh_from_db()
    assert (unit_item.status, unit_item.completed_by, unit_item.note) == ("done", head, "Đã xong")
    assert sorted(unit_item.evidence.values_list("original_name", flat=True)) == [
        "anh.png",
        "bien-ban.pdf",
    ]
    evidence = unit_item.evidence.first()
    download = client.get(reverse("plans:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith((b"%PDF", b"\x89PNG"))

    # Reopened the same day by the person who closed it, who must say why.
    url = reverse("plans:work_item_reopen", args=[unit_item.pk])
    refused = client.post(url, {"reason": "  "}, follow=True)
    assert "Hãy cho biết lý do mở lại." in refused.content.decode()
    unit_item.refresh_from_db()
    assert unit_item.status == WorkItemStatus.DONE
    page = client.post(url, {"reason": "Thiếu biên bản có chữ ký"}, follow=True)
    unit_item.refresh_from_db()
    assert unit_item.status == WorkItemStatus.IN_PROGRESS
    assert "Thiếu biên bản có chữ ký" in page.content.decode()  # kept and shown


def test_an_item_is_closed_on_the_day_the_work_was_done(client, unit_item, make_member, department):
    """The head closes in December the report that was sent on 18/10: the item says 18/10, and
    who recorded it when; a day in the future or before the plan's year is refused with the
    note kept."""
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    url = reverse("plans:work_item_detail", args=[unit_item.pk])
    with time_machine.travel(datetime.datetime(2022, 12, 5, 3, tzinfo=datetime.UTC)):
        for day, message in [
            ("2022-12-06", "không thể là một ngày trong tương lai"),
            ("2021-12-31", "không thể được thực hiện trước năm đó"),
        ]:
            refused = client.post(url, {"done_on": day, "note": "Đã gửi báo cáo số 12"})
            assert refused.status_code == 200
            page = refused.content.decode()
            assert message in page
            assert "Đã gửi báo cáo số 12" in page
            unit_item.refresh_from_db()
            assert unit_item.is_open
        client.post(url, {"done_on": "2022-10-18", "note": "Đã gửi báo cáo số 12"})
    unit_item.refresh_from_db()
    assert (unit_item.status, unit_item.done_on) == ("done", D(2022, 10, 18))
    assert (unit_item.completed_by, unit_item.completed_at.date()) == (head, D(2022, 12, 5))
    page = client.get(url).content.decode()
    assert "18/10/2022" in page
    assert "05/12/2022" in page  # when it was recorded


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ....", "application/octet-stream"), "chỉ nhận tệp"),
        (SimpleUploadedFile("fake.pdf", b"MZ....", "application/pdf"), "không thực sự là tệp PDF"),
        (SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), ""), "lớn hơn 10 MB"),
    ],
)
def test_evidence_is_checked_for_type_and_size(
    client, unit_item, make_member, department, upload, message
):
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=department))
    response = client.post(
        reverse("plans:work_item_detail", args=[unit_item.pk]),
        {"note": "Ghi chú giữ lại", "files": [upload]},
    )
    content = response.content.decode()
    assert message in content
    assert "Ghi chú giữ lại" in content
    unit_item.refresh_from_db()
    assert unit_item.status == WorkItemStatus.NOT_STARTED


def test_only_the_secretary_reopens_after_the_day(
    client, unit_item, make_member, department, secretary
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    with time_machine.travel(datetime.datetime(2022, 10, 10, 3, tzinfo=datetime.UTC)):
        work_item_complete(item=unit_item, user=head)
    client.force_login(head)
    response = client.post(
        reverse("plans:work_item_reopen", args=[unit_item.pk]),
        {"reason": "Thiếu hồ sơ"},
        follow=True,
    )
    assert "chỉ Thư ký ISO mới mở lại được" in response.content.decode()
    unit_item.refresh_from_db()
    assert unit_item.status == WorkItemStatus.DONE

    client.force_login(secretary)
    client.post(reverse("plans:work_item_reopen", args=[unit_item.pk]), {"reason": "Thiếu hồ sơ"})
    unit_item.refresh_from_db()
    assert unit_item.status == WorkItemStatus.IN_PROGRESS


def test_staff_read_their_units_work_but_cannot_close_it(
    client, unit_item, make_member, department
):
    staff = make_member(Role.STAFF, department=department)
    client.force_login(staff)
    page = client.get(reverse("plans:unit_work"))
    assert unit_item in page.context["page"].object_list
    detail = client.get(reverse("plans:work_item_detail", args=[unit_item.pk]))
    assert detail.context["can_complete"] is False
    response = client.post(reverse("plans:work_item_detail", args=[unit_item.pk]), {"note": "x"})
    assert response.status_code == 403


def test_another_units_head_does_not_see_the_item(client, unit_item, make_member, organization):
    other_unit = DepartmentFactory(organization=organization)
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=other_unit))
    assert client.get(reverse("plans:work_item_detail", args=[unit_item.pk])).status_code == 404
    assert unit_item not in client.get(reverse("plans:unit_work")).context["page"].object_list


def test_another_organization_cannot_reach_items_or_evidence(
    client, unit_item, make_member, other_organization, secretary
):
    work_item_complete(item=unit_item, user=secretary, files=[_pdf()])
    stranger = make_member(Role.ISO_SECRETARY, org=other_organization)
    client.force_login(stranger)
    evidence = unit_item.evidence.get()
    assert client.get(reverse("plans:work_item_detail", args=[unit_item.pk])).status_code == 404
    assert client.get(reverse("plans:evidence_download", args=[evidence.pk])).status_code == 404


def test_the_unit_page_groups_by_due_status(client, plan, secretary, director, department):
    for timing in ["Tháng 1", "Tháng 11", "Hàng quý", "Thường xuyên"]:
        add_task(plan, timing=timing, leads=[UnitRef(department_id=department.pk)])
    _approve(plan, secretary, director)
    client.force_login(secretary)
    with time_machine.travel(datetime.datetime(2022, 11, 20, 3, tzinfo=datetime.UTC)):
        response = client.get(reverse("plans:unit_work"))
    counts = {key: count for key, _label, count in response.context["groups"]}
    # overdue: Tháng 1, Q1–Q3; soon (≤14 days): Tháng 11 (30/11); later: Q4; undated: continuous
    assert counts == {"overdue": 4, "soon": 1, "later": 1, "undated": 1, "done": 0}


def test_the_unit_page_does_not_grow_in_queries_with_items(
    client, plan, secretary, director, department, make_member, django_assert_max_num_queries
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    add_task(plan, timing="Hàng tháng", leads=[UnitRef(department_id=department.pk)])
    _approve(plan, secretary, director)
    client.force_login(head)

    def count():
        with django_assert_max_num_queries(14) as captured:
            response = client.get(reverse("plans:unit_work"), {"group": "overdue"})
        assert response.status_code == 200
        return len(captured)

    few = count()
    next_year = PlanFactory(organization=plan.organization, year=2023)
    for n in range(5):
        add_task(
            next_year,
            content=f"Việc {n}",
            timing="Hàng tháng",
            leads=[UnitRef(department_id=department.pk)],
        )
    _approve(next_year, secretary, director)
    assert WorkItem.objects.count() == 72
    assert count() == few


def test_the_secretary_records_an_event_from_the_events_page(
    client, plan, secretary, director, organization
):
    add_task(plan, timing="Trong vòng 30 ngày sau khi TTHC được công bố")
    _approve(plan, secretary, director)
    client.force_login(secretary)
    response = client.post(
        reverse("plans:event_list"),
        {"kind": "procedures_published", "occurred_on": "2022-06-01", "description": "QĐ 12"},
        follow=True,
    )
    assert "1 việc đang chờ đã có hạn" in response.content.decode()
    assert WorkItem.objects.exclude(due_date=None).get().due_date == D(2022, 7, 1)


def test_department_heads_cannot_record_events(client, make_member, department):
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=department))
    assert client.get(reverse("plans:event_list")).status_code == 403


def test_the_plan_page_shows_progress_per_task_and_unit(client, unit_item, secretary):
    work_item_complete(item=unit_item, user=secretary)
    client.force_login(secretary)
    response = client.get(reverse("plans:plan_detail", args=[unit_item.task.plan_id]))
    [row] = response.context["progress_units"]
    assert (row["label"], row["done"], row["overdue"]) == ("Phòng Người có công", 1, 0)


def test_the_unit_page_is_paginated_and_keeps_its_filters(
    client, plan, secretary, director, department
):
    for n in range(3):
        add_task(
            plan,
            content=f"Báo cáo tháng {n}",
            timing="Hàng tháng",
            leads=[UnitRef(department_id=department.pk)],
        )
    _approve(plan, secretary, director)
    client.force_login(secretary)
    with time_machine.travel(datetime.datetime(2023, 3, 1, 3, tzinfo=datetime.UTC)):
        first = client.get(
            reverse("plans:unit_work"), {"group": "overdue", "unit": f"d:{department.pk}"}
        )
        assert first.context["page"].paginator.count == 36
        assert len(first.context["page"].object_list) == 30
        assert (
            f"?group=overdue&amp;unit=d%3A{department.pk}&amp;year=&amp;q=&amp;page=2"
            in first.content.decode()
        )
        second = client.get(
            reverse("plans:unit_work"),
            {"group": "overdue", "unit": f"d:{department.pk}", "page": 2},
        )
    assert len(second.context["page"].object_list) == 6
