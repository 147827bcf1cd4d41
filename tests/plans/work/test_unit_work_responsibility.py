"""The work page and the item say who is responsible (issue 21, point 4): whom an advising unit
prepares for, the tasks a unit supports, the units without a head (the ISO secretary's) and what
the secretary closed on their behalf; by default the page shows the plans in force."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem
from plans.planning.services.plan import plan_approve, plan_start_revision, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.services import work_item_complete
from tests.factories import DepartmentFactory, PlanFactory, add_task, corrective_action

pytestmark = pytest.mark.django_db
D = datetime.date


def _approve(plan, secretary, director):
    plan_submit(plan=plan, user=secretary)
    return plan_approve(plan=plan, user=director)


# --- an advising unit's item shows whom it is prepared for -------------------------------------
def test_the_work_page_and_the_item_show_whom_the_advising_unit_prepares_for(
    client, plan, secretary, director
):
    task = add_task(
        plan,
        content="Họp xem xét của lãnh đạo",
        timing="Tháng 12/2022",
        leads=[UnitRef(party="leadership")],
        supports=[UnitRef(party="iso_secretary")],
    )
    add_task(plan, content="Việc của Thư ký", timing="Tháng 12/2022")
    _approve(plan, secretary, director)
    client.force_login(secretary)

    page = client.get(reverse("plans:unit_work"), {"group": "overdue"}).content.decode()
    assert page.count("Chủ trì: Lãnh đạo cơ quan — đơn vị tham mưu chuẩn bị") == 1
    detail = client.get(reverse("plans:work_item_detail", args=[task.work_items.get().pk]))
    assert "Chủ trì: Lãnh đạo cơ quan — đơn vị tham mưu chuẩn bị" in detail.content.decode()


# --- supporting units see the task ------------------------------------------------------------
@pytest.fixture
def two_units(organization):
    return (
        DepartmentFactory(organization=organization, name="Văn phòng Sở"),
        DepartmentFactory(organization=organization, name="Phòng Kế hoạch"),
    )


def test_a_supporting_unit_sees_the_task_on_its_work_page_marked_as_support(
    client, plan, secretary, director, two_units, make_member
):
    office, planning = two_units
    add_task(
        plan,
        content="Khảo sát sự hài lòng",
        timing="Quý III/2022",
        leads=[UnitRef(department_id=office.pk)],
        supports=[UnitRef(department_id=planning.pk)],
    )
    add_task(
        plan,
        content="Đánh giá nội bộ",
        timing="Tháng 9/2022",
        supports=[UnitRef(party="all_departments")],  # led by the ISO secretary
    )
    # The unit holds this one's item (it advises the committee): listed as its own, not here.
    add_task(
        plan,
        content="Kiện toàn Ban Chỉ đạo",
        timing="Tháng 3/2022",
        leads=[UnitRef(party="steering_committee")],
        supports=[UnitRef(department_id=planning.pk)],
    )
    _approve(plan, secretary, director)
    head = make_member(Role.DEPARTMENT_HEAD, department=planning)
    client.force_login(head)

    response = client.get(reverse("plans:unit_work"))
    rows = [(r.title, r.timing, r.lead, r.unit) for r in response.context["supported"]]
    assert rows == [
        ("Khảo sát sự hài lòng", "Quý III/2022", "Văn phòng Sở", "Phòng Kế hoạch"),
        ("Đánh giá nội bộ", "Tháng 9/2022", "Thư ký ISO", "Phòng Kế hoạch"),
    ]
    page = response.content.decode()
    assert "Phối hợp" in page
    assert "Khảo sát sự hài lòng" in page

    # The lead unit does not see its own task as support.
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=office))
    supported = client.get(reverse("plans:unit_work")).context["supported"]
    assert [(r.title, r.unit) for r in supported] == [("Đánh giá nội bộ", "Văn phòng Sở")]


def test_support_rows_follow_the_plan_in_force_and_the_years_asked_for(
    client, organization, secretary, director, two_units, make_member
):
    office, planning = two_units
    for year in (2022, 2023):
        plan = PlanFactory(organization=organization, year=year)
        add_task(
            plan,
            content=f"Báo cáo năm {year}",
            timing=f"Tháng 6/{year}",
            leads=[UnitRef(department_id=office.pk)],
            supports=[UnitRef(department_id=planning.pk)],
        )
        _approve(plan, secretary, director)
    client.force_login(make_member(Role.STAFF, department=planning))
    with time_machine.travel(datetime.datetime(2023, 5, 2, 3, tzinfo=datetime.UTC)):
        default = client.get(reverse("plans:unit_work")).context["supported"]
        every = client.get(reverse("plans:unit_work"), {"year": "all"}).context["supported"]
    assert [r.title for r in default] == ["Báo cáo năm 2023"]
    assert [r.title for r in every] == ["Báo cáo năm 2023", "Báo cáo năm 2022"]


def test_the_support_rows_do_not_grow_the_work_page_in_queries(
    client, plan, secretary, director, two_units, make_member, django_assert_max_num_queries
):
    office, planning = two_units
    add_task(plan, timing="Hàng tháng", leads=[UnitRef(department_id=planning.pk)])
    add_task(
        plan,
        content="Phối hợp 0",
        timing="Tháng 5/2022",
        leads=[UnitRef(department_id=office.pk)],
        supports=[UnitRef(department_id=planning.pk)],
    )
    _approve(plan, secretary, director)
    head = make_member(Role.DEPARTMENT_HEAD, department=planning)
    client.force_login(head)

    def count():
        with django_assert_max_num_queries(17) as captured:
            response = client.get(reverse("plans:unit_work"))
        return len(captured), len(response.context["supported"])

    few, listed = count()
    assert listed == 1
    revision = plan_start_revision(plan=plan, user=secretary)
    for n in range(1, 6):
        add_task(
            revision,
            content=f"Phối hợp {n}",
            timing="Tháng 5/2022",
            leads=[UnitRef(party="iso_secretary"), UnitRef(department_id=office.pk)],
            supports=[UnitRef(department_id=planning.pk), UnitRef(party="all_departments")],
        )
    _approve(revision, secretary, director)
    many, listed = count()
    assert listed == 6
    assert many == few


# --- a unit without a head: its items are the ISO secretary's --------------------------------
@pytest.fixture
def headless_item(plan, secretary, director, department):
    """An item of a unit nobody heads (overdue on 01/11/2022)."""
    add_task(plan, timing="Trước ngày 16/10/2022", leads=[UnitRef(department_id=department.pk)])
    _approve(plan, secretary, director)
    return WorkItem.objects.get()


def test_the_secretary_closes_a_headless_units_item_on_its_behalf(
    client, headless_item, secretary, department
):
    client.force_login(secretary)
    url = reverse("plans:work_item_detail", args=[headless_item.pk])
    assert client.get(url).context["can_complete"] is True
    with time_machine.travel(datetime.datetime(2022, 11, 1, 3, tzinfo=datetime.UTC)):
        client.post(url, {"note": "Đã nộp thay", "done_on": "2022-10-14"})
    headless_item.refresh_from_db()
    assert (headless_item.status, headless_item.on_behalf) == (WorkItemStatus.DONE, True)
    assert f"Thư ký ISO đóng thay cho {department.name}" in client.get(url).content.decode()

    client.post(
        reverse("plans:work_item_reopen", args=[headless_item.pk]), {"reason": "Thiếu hồ sơ"}
    )
    headless_item.refresh_from_db()
    assert (headless_item.status, headless_item.on_behalf) == (WorkItemStatus.IN_PROGRESS, False)
    assert "đóng thay cho" not in client.get(url).content.decode()


def test_a_unit_with_a_head_closes_its_own_items(
    client, headless_item, secretary, department, make_member
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(secretary)
    url = reverse("plans:work_item_detail", args=[headless_item.pk])
    assert client.get(url).context["can_complete"] is False
    assert client.post(url, {"note": "x"}).status_code == 403

    with time_machine.travel(datetime.datetime(2022, 11, 1, 3, tzinfo=datetime.UTC)):
        work_item_complete(item=headless_item, user=head)
    headless_item.refresh_from_db()
    assert (headless_item.status, headless_item.on_behalf) == (WorkItemStatus.DONE, False)


def test_the_secretary_finds_the_headless_units_work_on_the_work_page(
    client, headless_item, secretary, organization, make_member
):
    headed = DepartmentFactory(organization=organization, name="Phòng có trưởng")
    make_member(Role.DEPARTMENT_HEAD, department=headed)
    other = corrective_action(headed, secretary, due_on=D(2022, 12, 1), found_on=D(2022, 11, 1))
    client.force_login(secretary)
    response = client.get(reverse("plans:unit_work"), {"unit": "headless", "group": "overdue"})
    assert list(response.context["page"].object_list) == [headless_item]
    assert "chưa có trưởng" in response.content.decode()  # the row says why it is theirs
    everything = client.get(reverse("plans:unit_work"), {"group": "overdue"})
    assert set(everything.context["page"].object_list) == {headless_item, other}


# --- the work page shows the plans in force by default --------------------------------------
def test_the_work_page_shows_the_plans_in_force_and_older_years_on_request(
    client, organization, secretary, director, department
):
    for year in (2022, 2023):
        plan = PlanFactory(organization=organization, year=year)
        add_task(
            plan,
            content=f"Việc năm {year}",
            timing="Thường xuyên",
            leads=[UnitRef(department_id=department.pk)],
        )
        _approve(plan, secretary, director)
    client.force_login(secretary)
    url = reverse("plans:unit_work")

    def titles(**params):
        response = client.get(url, {"group": "undated", **params})
        return sorted(i.title for i in response.context["page"].object_list), response

    with time_machine.travel(datetime.datetime(2023, 5, 2, 3, tzinfo=datetime.UTC)):
        shown, response = titles()
        assert shown == ["Việc năm 2023"]
        assert "Xem các năm trước" in response.content.decode()
        assert titles(year="all")[0] == ["Việc năm 2022", "Việc năm 2023"]
        assert titles(year="2022")[0] == ["Việc năm 2022"]
    # In January, before the new year's plan is approved, last year's plan is still in force.
    with time_machine.travel(datetime.datetime(2024, 1, 10, 3, tzinfo=datetime.UTC)):
        assert titles()[0] == ["Việc năm 2023"]
