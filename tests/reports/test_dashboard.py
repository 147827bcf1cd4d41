"""The dashboard of the director and the secretary: its figures, its scope, its queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from audits.nonconformity.services import nonconformity_register
from plans.choices import OPEN_WORK_ITEM_STATUSES, Role, WorkItemStatus
from plans.models import Objective, ObjectiveResult, ObjectiveSet, WorkItem
from plans.objectives.choices import Comparison
from plans.objectives.services import objectives_approve, objectives_submit
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from reports.dashboard import organization_dashboard
from reports.province import province_overview
from tests.factories import DepartmentFactory, PlanFactory, add_task, corrective_action

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2023, 6, 15)


def _approved_plan(organization, secretary, director, units):
    plan = PlanFactory(organization=organization, year=2023)
    for unit in units:
        add_task(
            plan,
            content=f"Báo cáo của {unit.name}",
            timing="Hàng quý",
            leads=[UnitRef(department_id=unit.pk)],
        )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    return plan


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY


def test_the_figures_equal_counts_made_independently(
    client, organization, department, secretary, director, today
):
    second = DepartmentFactory(organization=organization, name="Phòng Kế hoạch – Tài chính")
    _approved_plan(organization, secretary, director, [department, second])
    first_quarter = WorkItem.objects.filter(department=department, due_date__lt=D(2023, 4, 30))
    first_quarter.update(status=WorkItemStatus.DONE)
    nonconformity_register(
        organization=organization,
        user=secretary,
        source="complaint",
        severity="minor",
        department=department,
        found_on=D(2023, 5, 2),
        description="Trả kết quả trễ hạn",
    )

    client.force_login(director)
    page = client.get(reverse("home"))
    dashboard = page.context["dashboard"]

    items = list(WorkItem.objects.filter(organization=organization, year=2023))
    done = sum(1 for i in items if i.status == WorkItemStatus.DONE)
    overdue = sum(
        1
        for i in items
        if i.status in OPEN_WORK_ITEM_STATUSES and i.due_date and i.due_date < today
    )
    assert (dashboard.totals.done, dashboard.totals.overdue) == (done, overdue)
    assert dashboard.totals.total == len(items)
    rows = {u.label: u for u in dashboard.units}
    assert rows[second.name].overdue == overdue  # only the second unit has not reported Q1
    assert [u.label for u in dashboard.most_behind] == [second.name]
    assert sum(band["count"] for band in dashboard.ageing) == 1
    assert dashboard.ageing[1]["count"] == 1  # found 44 days ago: the 31–90 band
    assert all(i.due_date >= today for i in dashboard.next_deadlines)
    html = page.content.decode()
    assert f'data-figure="overdue">{overdue}<' in html
    assert "Tiến độ kế hoạch theo đơn vị" in html


def test_each_role_lands_on_its_page(client, organization, department, make_member, secretary):
    client.force_login(secretary)
    assert "dashboard" in client.get(reverse("home")).context
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    assert client.get(reverse("home")).url == reverse("plans:unit_work")
    staff = make_member(Role.STAFF, department=department)
    client.force_login(staff)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "dashboard" not in response.context


def test_a_director_sees_only_their_organization(
    client, organization, other_organization, department, secretary, director, make_member, today
):
    _approved_plan(organization, secretary, director, [department])
    other_director = make_member(Role.DIRECTOR, org=other_organization)
    client.force_login(other_director)
    dashboard = client.get(reverse("home")).context["dashboard"]
    assert dashboard.units == []
    assert dashboard.next_deadlines == []


def test_the_dashboard_does_not_grow_in_queries(
    client, organization, secretary, director, django_assert_max_num_queries, today
):
    units = [DepartmentFactory(organization=organization) for _ in range(2)]
    _approved_plan(organization, secretary, director, units)
    # A corrective action due first, among the next deadlines from the start: the items of a
    # kind whose record points to them cost one query for all of them.
    corrective_action(units[0], director, found_on=D(2023, 6, 1), due_on=D(2023, 6, 16))
    client.force_login(director)
    with django_assert_max_num_queries(30) as captured:
        client.get(reverse("home"))
    for number in range(10):  # ten more units, each with a corrective action due
        corrective_action(
            DepartmentFactory(organization=organization),
            director,
            action=f"Khắc phục {number}",
            found_on=D(2023, 6, 1),
            due_on=D(2023, 7, 1 + number),
        )
    with django_assert_max_num_queries(len(captured)):
        assert len(client.get(reverse("home")).context["dashboard"].units) == 12


def test_the_year_shown_first_is_that_of_the_plan_in_force(
    client, organization, department, secretary, director, today
):
    plan = PlanFactory(organization=organization, year=2022)
    add_task(
        plan, content="Rà soát", timing="Hàng quý", leads=[UnitRef(department_id=department.pk)]
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    # an action due next year must not pull the page to 2024
    corrective_action(
        department, secretary, "Trang bị máy scan", found_on=D(2023, 12, 1), due_on=D(2024, 3, 29)
    )
    client.force_login(director)
    assert client.get(reverse("home")).context["dashboard"].year == 2022
    assert client.get(reverse("home"), {"nam": 2024}).context["dashboard"].year == 2024


def test_the_objectives_so_far_as_the_province_counts_them(organization, secretary, director):
    """Met in every period measured (an override counts as written), missed once, not measured
    yet: the dashboard's counts and the province's row (judged by the database) agree."""
    objective_set = ObjectiveSet.objects.create(organization=organization, year=2023)
    objectives = [  # statement, comparison, target, results as (value, override)
        ("Hồ sơ đúng hạn ≥ 95%", Comparison.AT_LEAST, 95, [(96, None), (97, None)]),
        ("Khiếu nại không quá 2", Comparison.AT_MOST, 2, [(1, None), (3, None)]),
        ("Hài lòng ≥ 90%", Comparison.AT_LEAST, 90, [(80, True)]),
        ("Mở 4 lớp đào tạo", Comparison.AT_LEAST, 4, []),
    ]
    for order, (statement, comparison, target, results) in enumerate(objectives):
        objective = Objective.objects.create(
            objective_set=objective_set,
            order=order,
            statement=statement,
            comparison=comparison,
            target_value=Decimal(target),
        )
        for quarter, (value, override) in enumerate(results, start=1):
            ObjectiveResult.objects.create(
                objective=objective,
                period_key=f"q-{quarter}",
                period_label=f"Quý {quarter}",
                value=Decimal(value),
                achieved_override=override,
            )
    objectives_submit(objective_set=objective_set, user=secretary)
    objectives_approve(objective_set=objective_set, user=director)

    figures = organization_dashboard(organization, 2023, TODAY).objectives
    assert figures == {"achieved": 2, "missed": 1, "not_measured": 1, "total": 4}
    [row] = [
        r
        for r in province_overview(organization.province, 2023, TODAY)
        if r.organization.pk == organization.pk
    ]
    assert (row.objectives, row.objectives_achieved) == (4, 2)
