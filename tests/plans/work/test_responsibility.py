"""Every task has someone responsible (issue 21, point 4): a task the leadership or the steering
committee leads is prepared by its advising units; the items of a unit without a head are the ISO
secretary's (reminded, may close them on the unit's behalf)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.calendar_feed import items_of_person
from plans.work.reminders import plan_reminders
from plans.work.responsibility import answers_for
from plans.work.services import work_item_complete, work_item_reopen
from tests.factories import DepartmentFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date


def _approve(plan, secretary, director):
    plan_submit(plan=plan, user=secretary)
    return plan_approve(plan=plan, user=director)


def _holders(task):
    return sorted(
        (item.department.name if item.department_id else "", item.party)
        for item in task.work_items.select_related("department")
    )


# --- 1. the advising unit prepares what the leadership or the committee leads ------------------
def test_a_task_the_leadership_leads_is_prepared_by_its_advising_units(
    plan, secretary, director, department
):
    advised = add_task(
        plan,
        content="Họp xem xét của lãnh đạo",
        timing="Tháng 12/2022",
        leads=[UnitRef(party="leadership")],
        supports=[UnitRef(party="iso_secretary")],
    )
    committee = add_task(
        plan,
        content="Kiện toàn Ban Chỉ đạo ISO",
        timing="Tháng 3/2022",
        leads=[UnitRef(party="steering_committee")],
        supports=[UnitRef(department_id=department.pk)],
    )
    alone = add_task(
        plan, content="Phê duyệt MTCL", timing="Tháng 1/2022", leads=[UnitRef(party="leadership")]
    )
    shared = add_task(
        plan,
        content="Báo cáo",
        timing="Tháng 6/2022",
        leads=[UnitRef(party="leadership"), UnitRef(department_id=department.pk)],
        supports=[UnitRef(party="iso_secretary")],
    )
    _approve(plan, secretary, director)

    assert _holders(advised) == [("", "iso_secretary")]
    assert _holders(committee) == [(department.name, "")]
    assert _holders(alone) == [("", "leadership")]  # no advising unit: the lead's own
    assert _holders(shared) == [("", "leadership"), (department.name, "")]  # a unit leads too


# --- 3. a unit without a head: its items are the ISO secretary's --------------------------------
@pytest.fixture
def headless_item(plan, secretary, director, department):
    """An item of a unit nobody heads (overdue on 01/11/2022)."""
    add_task(plan, timing="Trước ngày 16/10/2022", leads=[UnitRef(department_id=department.pk)])
    _approve(plan, secretary, director)
    return WorkItem.objects.get()


def _reminded(organization):
    """Who is reminded of what on 01/11/2022 (every item is overdue by then)."""
    return {
        (p.recipient_id, item_id)
        for p in plan_reminders(today=D(2022, 11, 1), organizations=[organization])
        if p.kind == "digest"
        for item_id in p.item_ids
    }


def test_the_secretary_is_reminded_of_a_headless_units_items_until_it_has_a_head(
    headless_item, secretary, organization, department, make_member
):
    assert answers_for(secretary, headless_item)
    assert _reminded(organization) == {(secretary.pk, headless_item.pk)}
    assert list(items_of_person(secretary)) == [headless_item]

    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    secretary = type(secretary).objects.get(pk=secretary.pk)  # a new request: roles reloaded
    assert not answers_for(secretary, headless_item)
    assert _reminded(organization) == {(head.pk, headless_item.pk)}
    assert list(items_of_person(secretary)) == []

    # A head whose account was closed heads nothing: the secretary again.
    head.is_active = False
    head.save()
    assert _reminded(organization) == {(secretary.pk, headless_item.pk)}


def test_reminders_go_to_exactly_those_who_answer_for_each_item(
    plan, secretary, director, organization, make_member
):
    headed, headless = (DepartmentFactory(organization=organization) for _ in range(2))
    head = make_member(Role.DEPARTMENT_HEAD, department=headed)
    staff = make_member(Role.STAFF, department=headless)
    deputy = make_member(Role.DEPUTY_DIRECTOR)
    for unit in (
        UnitRef(department_id=headed.pk),
        UnitRef(department_id=headless.pk),
        UnitRef(party="leadership"),
        UnitRef(party="steering_committee"),
        UnitRef(party="all_departments"),
    ):
        add_task(plan, content=f"Việc của {unit}", timing="Tháng 3/2022", leads=[unit])
    _approve(plan, secretary, director)
    reminded = _reminded(organization)
    people = [secretary, director, head, staff, deputy]
    items = list(WorkItem.objects.all())
    assert len(items) == 6
    for person in people:
        for item in items:
            assert ((person.pk, item.pk) in reminded) == answers_for(person, item), (person, item)
        assert set(items_of_person(person)) == {i for i in items if answers_for(person, i)}


def test_closing_a_headless_units_item_is_recorded_on_its_behalf(
    headless_item, secretary, department, make_member
):
    """The secretary closes it for the unit; reopening clears the mark; a head closes their own."""
    with time_machine.travel(datetime.datetime(2022, 11, 1, 3, tzinfo=datetime.UTC)):
        work_item_complete(item=headless_item, user=secretary)
        headless_item.refresh_from_db()
        assert (headless_item.status, headless_item.on_behalf) == (WorkItemStatus.DONE, True)
        work_item_reopen(
            item=headless_item, user=secretary, is_secretary=True, reason="Thiếu hồ sơ"
        )
        headless_item.refresh_from_db()
        assert (headless_item.status, headless_item.on_behalf) == ("in_progress", False)

        head = make_member(Role.DEPARTMENT_HEAD, department=department)
        work_item_complete(item=headless_item, user=head)
    headless_item.refresh_from_db()
    assert (headless_item.status, headless_item.on_behalf) == (WorkItemStatus.DONE, False)


# --- a read-only item says why (issue 26, point 5) ----------------------------------------------
def test_a_read_only_item_says_whose_it_is_and_who_closes_it(
    client, plan, secretary, director, department, make_member
):
    add_task(
        plan, content="Rà soát", timing="Tháng 3/2022", leads=[UnitRef(department_id=department.pk)]
    )
    add_task(
        plan,
        content="Kiện toàn",
        timing="Tháng 3/2022",
        leads=[UnitRef(party="steering_committee")],
    )
    _approve(plan, secretary, director)
    unit_item = WorkItem.objects.get(department=department)
    party_item = WorkItem.objects.get(party="steering_committee")
    unit_page = reverse("plans:work_item_detail", args=[unit_item.pk])
    party_page = reverse("plans:work_item_detail", args=[party_item.pk])
    client.force_login(make_member(Role.STAFF, department=department))
    headless = client.get(unit_page).context["read_only_because"]
    assert department.name in headless  # no head yet: the ISO secretary closes it
    make_member(Role.DEPARTMENT_HEAD, department=department)
    page = client.get(unit_page)
    headed = page.context["read_only_because"]
    assert department.name in headed
    assert headed != headless
    assert headed in page.content.decode()
    client.force_login(director)  # sees every unit's work, closes the leadership's
    assert client.get(unit_page).context["read_only_because"] == headed
    assert client.get(party_page).context["read_only_because"]
    # who may close the item reads no reason
    client.force_login(secretary)
    assert client.get(party_page).context["read_only_because"] == ""
