"""The work tally the province view reads: kept by the database's triggers, whatever writes the
items, it always says what counting the items says — on the day it is read."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count

from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem, WorkTally
from plans.planning.services.plan import plan_approve, plan_close, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.models import progress_counts, tally_counts
from plans.work.services import work_item_complete, work_item_reopen
from reports.province import province_overview
from tests.factories import DepartmentFactory, OrganizationFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2023, 6, 15)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _counted(organization, year, today):
    """What counting the items says (the province view's figures before the tally)."""
    counts = WorkItem.objects.filter(organization=organization, year=year).aggregate(
        items=Count("pk"),
        **progress_counts(today),
    )
    return counts["items"], counts["done"], counts["overdue"]


def _tallied(organization, year, today):
    rows = list(tally_counts([organization.pk], year, today))
    if not rows:
        return 0, 0, 0
    return rows[0]["all_items"], rows[0]["done"], rows[0]["overdue"]


@pytest.fixture
def agency(make_member):
    organization = OrganizationFactory(name="Sở Tư pháp", province="Đồng Tháp")
    unit = DepartmentFactory(organization=organization)
    secretary = make_member(Role.ISO_SECRETARY, org=organization)
    head = make_member(Role.DEPARTMENT_HEAD, org=organization, department=unit)
    director = make_member(Role.DIRECTOR, org=organization)
    plan = PlanFactory(organization=organization, year=2023)
    for timing in ("Trước ngày 15/03/2023", "Hằng tháng", "Trước ngày 20/10/2023"):
        add_task(
            plan, content=f"Việc {timing}", timing=timing, leads=[UnitRef(department_id=unit.pk)]
        )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    return {
        "organization": organization,
        "plan": plan,
        "head": head,
        "secretary": secretary,
        "director": director,
    }


def test_the_tally_follows_every_change_of_the_items(agency):
    organization = agency["organization"]
    assert connection.vendor == "postgresql"  # the triggers are PostgreSQL's
    first = _counted(organization, 2023, TODAY)
    # 1 + 12 monthly + 1 items; overdue: January to May and 15 March.
    assert first == (14, 0, 6)
    assert _tallied(organization, 2023, TODAY) == first

    item = WorkItem.objects.filter(organization=organization, due_date__lt=TODAY).first()
    work_item_complete(item=item, user=agency["head"])
    assert _tallied(organization, 2023, TODAY) == _counted(organization, 2023, TODAY)
    assert _tallied(organization, 2023, TODAY)[1:] == (1, 5)

    work_item_reopen(item=item, user=agency["secretary"], is_secretary=True, reason="Thiếu hồ sơ")
    assert _tallied(organization, 2023, TODAY) == first

    # Written around the services: a bulk update, a moved date, a deletion.
    WorkItem.objects.filter(organization=organization, period_key="m-01").update(
        status=WorkItemStatus.DONE
    )
    WorkItem.objects.filter(organization=organization, period_key="m-12").update(
        due_date=datetime.date(2023, 1, 2)
    )
    WorkItem.objects.filter(organization=organization, period_key="m-11").delete()
    assert _tallied(organization, 2023, TODAY) == _counted(organization, 2023, TODAY)
    assert _tallied(organization, 2023, TODAY) == (13, 1, 6)  # January done, December moved


def test_overdue_is_read_on_the_day(agency):
    """The tally keeps open items by due date: a later day sees more of them overdue."""
    organization = agency["organization"]
    later = datetime.date(2023, 11, 1)
    assert _tallied(organization, 2023, later) == _counted(organization, 2023, later)
    assert _tallied(organization, 2023, later)[2] == 12  # 10 months, 15 March and 20 October
    assert _tallied(organization, 2023, TODAY)[2] == 6


def test_closing_the_plan_and_deleting_it_leave_the_tally_right(agency):
    organization, plan = agency["organization"], agency["plan"]
    plan_close(plan=plan, user=agency["director"], today=datetime.date(2023, 12, 1))
    # Not done when the plan closed: lapsed, overdue in the year's figures whatever the day.
    lapsed = _counted(organization, 2023, TODAY)
    assert lapsed[2] == 14
    assert _tallied(organization, 2023, TODAY) == lapsed
    plan.delete()  # the tasks and their items go by cascade
    assert _tallied(organization, 2023, TODAY) == (0, 0, 0)
    assert not WorkTally.objects.filter(organization=organization, items__gt=0).exists()


def test_the_province_view_shows_the_tally(agency, make_member):
    organization = agency["organization"]
    item = WorkItem.objects.filter(organization=organization, due_date__lt=TODAY).first()
    work_item_complete(item=item, user=agency["head"])
    (row,) = province_overview("Đồng Tháp", 2023, TODAY)
    assert (row.items, row.done, row.overdue) == (14, 1, 5)
    assert row.progress == 7
