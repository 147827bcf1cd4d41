"""Risks and opportunities: levels, treatment actions on the work-item spine, re-rating with
history, the register and its heat map, who may do what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.choices import Role, WorkItemStatus
from plans.risks.choices import RiskLevel, Treatment
from plans.risks.models import Risk, risk_level
from plans.risks.selectors import heat_map, level_filter, ratings_of, risks_scored
from plans.risks.services import (
    RiskError,
    risk_action_add,
    risk_record,
    risk_rerate,
    risk_withdraw,
)
from plans.work.reminders import plan_reminders
from plans.work.services import work_item_complete
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _risk(organization, user, department=None, likelihood=4, impact=4, **fields):
    fields = {
        "year": 2023,
        "process": "Giải quyết chế độ trợ cấp người có công",
        "description": "Hồ sơ trễ hạn do chờ xác minh",
        "treatment": Treatment.REDUCE,
        **fields,
    }
    return risk_record(
        organization=organization,
        user=user,
        department=department,
        likelihood=likelihood,
        impact=impact,
        **fields,
    )


ACTION_DUE = D(2023, 11, 15)


def _act(risk, department, user, due=ACTION_DUE):
    return risk_action_add(
        risk=risk,
        action="Ban hành mẫu phiếu xác minh",
        department=department,
        due_on=due,
        user=user,
    )


# --- levels ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "level"),
    [(1, "low"), (4, "low"), (5, "medium"), (9, "medium"), (10, "high"), (25, "high")],
)
def test_the_default_thresholds_at_every_boundary(score, level):
    assert risk_level(score, medium_from=5, high_from=10) == level


@pytest.mark.parametrize(
    ("score", "level"), [(6, "low"), (7, "medium"), (14, "medium"), (15, "high"), (16, "high")]
)
def test_an_organization_sets_its_own_thresholds(organization, score, level):
    organization.risk_medium_from, organization.risk_high_from = 7, 15
    assert risk_level(score, medium_from=7, high_from=15) == level
    assert Risk(organization=organization, likelihood=score, impact=1).level == level


def test_the_register_filter_agrees_with_the_level_of_every_score(organization, secretary):
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            _risk(organization, secretary, likelihood=likelihood, impact=impact)
    risks = risks_scored(Risk.objects.filter(organization=organization))
    for level in RiskLevel.values:
        in_sql = {r.pk for r in risks.filter(level_filter(organization, level))}
        in_python = {r.pk for r in Risk.objects.all() if r.level == level}
        assert in_sql == in_python, level


def test_thresholds_must_rise_within_the_scale(organization):
    organization.risk_medium_from, organization.risk_high_from = 10, 10
    with pytest.raises(ValidationError):
        organization.clean()
    organization.risk_medium_from, organization.risk_high_from = 5, 26  # above 5 × 5
    with pytest.raises(ValidationError):
        organization.clean()


def test_a_rating_outside_the_scale_is_refused(organization, secretary):
    with pytest.raises(RiskError):
        _risk(organization, secretary, likelihood=6)
    organization.risk_impact_levels = 3
    with pytest.raises(RiskError):
        _risk(organization, secretary, impact=4)


# --- actions and re-rating ------------------------------------------------------------------
def test_a_treatment_action_is_a_work_item_of_the_unit_with_reminders(
    organization, department, secretary, make_member
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    risk = _risk(organization, secretary, department)
    # A stated date on a Saturday: due the Friday before, never after the date set.
    item = _act(risk, department, secretary, due=D(2023, 11, 18)).work_item
    assert (item.department, item.due_date, item.title, item.year) == (
        department,
        D(2023, 11, 17),
        "Ban hành mẫu phiếu xác minh",
        2023,
    )
    assert item.source_url == risk.get_absolute_url()
    planned = plan_reminders(today=D(2023, 11, 14), organizations=[organization])  # 3 days before
    assert [(p.recipient_id, p.item_ids) for p in planned] == [(head.pk, [item.pk])]


def test_re_rating_waits_for_the_actions_and_keeps_the_earlier_rating(
    organization, department, secretary
):
    risk = _risk(organization, secretary, department, likelihood=4, impact=4)
    with pytest.raises(RiskError):  # reduce needs an action first
        risk_rerate(
            risk=risk, likelihood=2, impact=3, effective=True, effectiveness="x", user=secretary
        )
    action = _act(risk, department, secretary)
    with pytest.raises(RiskError):  # the action is still open
        risk_rerate(
            risk=risk, likelihood=2, impact=3, effective=True, effectiveness="x", user=secretary
        )
    work_item_complete(item=action.work_item, user=secretary)
    with pytest.raises(RiskError):  # say how effective
        risk_rerate(
            risk=risk, likelihood=2, impact=3, effective=True, effectiveness=" ", user=secretary
        )
    risk = risk_rerate(
        risk=risk,
        likelihood=2,
        impact=3,
        effective=True,
        effectiveness="Không còn hồ sơ trễ hạn",
        user=secretary,
        today=D(2023, 12, 5),
    )
    assert (risk.status, risk.level, risk.reviewed_on) == ("closed", "medium", D(2023, 12, 5))
    ratings = ratings_of([risk])[risk.pk]
    assert [(r.likelihood, r.impact, r.level, r.rerated) for r in ratings] == [
        (4, 4, "high", False),
        (2, 3, "medium", True),
    ]
    assert Risk.history.filter(id=risk.pk).count() == 2


def test_ineffective_actions_leave_the_risk_open_for_new_ones(organization, department, secretary):
    risk = _risk(organization, secretary, department)
    work_item_complete(item=_act(risk, department, secretary).work_item, user=secretary)
    risk = risk_rerate(
        risk=risk, likelihood=4, impact=4, effective=False, effectiveness="Vẫn trễ", user=secretary
    )
    assert risk.status == "open"
    assert not risk.effective
    _act(risk, department, secretary)  # a new action is possible


def test_an_accepted_risk_is_re_rated_without_actions(organization, secretary):
    risk = _risk(organization, secretary, treatment=Treatment.ACCEPT, likelihood=2, impact=2)
    risk = risk_rerate(
        risk=risk, likelihood=1, impact=2, effective=True, effectiveness="Ổn định", user=secretary
    )
    assert risk.status == "closed"


def test_withdrawing_keeps_the_risk_and_stops_its_reminders(organization, department, secretary):
    risk = _risk(organization, secretary, department)
    item = _act(risk, department, secretary).work_item
    risk_withdraw(risk=risk, user=secretary)
    risk.refresh_from_db()
    item.refresh_from_db()
    assert (risk.status, item.status) == ("withdrawn", WorkItemStatus.NOT_APPLICABLE)
    with pytest.raises(RiskError):
        _act(risk, department, secretary)


def test_withdrawing_asks_first_and_acts_on_post(client, organization, department, secretary):
    risk = _risk(organization, secretary, department)
    client.force_login(secretary)
    url = reverse("plans:risk_withdraw", args=[risk.pk])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Withdraw" in client.get(url).content.decode()
    risk.refresh_from_db()
    assert risk.status == "open"
    assert client.post(url).status_code == 302
    assert Risk.objects.get(pk=risk.pk).status == "withdrawn"  # never deleted


# --- pages ----------------------------------------------------------------------------------
def test_the_detail_page_shows_the_previous_rating(client, organization, department, secretary):
    risk = _risk(organization, secretary, department, likelihood=5, impact=4)
    work_item_complete(item=_act(risk, department, secretary).work_item, user=secretary)
    client.force_login(secretary)
    url = reverse("plans:risk_detail", args=[risk.pk])
    response = client.post(
        url,
        {
            "step": "rerate",
            "likelihood": "1",
            "impact": "4",
            "effective": "yes",
            "effectiveness": "Đã khắc phục",
        },
    )
    assert response.status_code == 302
    content = client.get(url).content.decode()
    assert "5 × 4 = 20" in content
    assert "1 × 4 = 4" in content


def test_a_department_head_changes_only_their_units_risks(
    client, organization, department, secretary, make_member
):
    other_unit = DepartmentFactory(organization=organization)
    own, other = (
        _risk(organization, secretary, department),
        _risk(organization, secretary, other_unit),
    )
    agency = _risk(organization, secretary)
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    assert client.get(reverse("plans:risk_edit", args=[own.pk])).status_code == 200
    for risk in (other, agency):
        assert client.get(reverse("plans:risk_edit", args=[risk.pk])).status_code == 403
        response = client.post(
            reverse("plans:risk_detail", args=[risk.pk]), {"step": "action", "action": "x"}
        )
        assert response.status_code == 403
    # Reading the whole register is for everyone.
    assert client.get(reverse("plans:risk_detail", args=[other.pk])).status_code == 200
    # A new risk is their unit's: another unit is not on offer.
    response = client.post(
        reverse("plans:risk_create"),
        {
            "year": "2023",
            "department": str(other_unit.pk),
            "kind": "risk",
            "process": "Quy trình",
            "description": "Rủi ro",
            "likelihood": "2",
            "impact": "2",
            "treatment": "accept",
        },
    )
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    assert Risk.objects.count() == 3


def test_staff_read_and_other_organizations_do_not_see(
    client, organization, other_organization, department, secretary, make_member
):
    risk = _risk(organization, secretary, department)
    staff = make_member(Role.STAFF, department=department)
    client.force_login(staff)
    assert client.get(reverse("plans:risk_detail", args=[risk.pk])).status_code == 200
    assert client.get(reverse("plans:risk_edit", args=[risk.pk])).status_code == 403
    assert client.get(reverse("plans:risk_create")).status_code == 403
    assert client.post(reverse("plans:risk_withdraw", args=[risk.pk])).status_code == 403
    outsider = make_member(Role.ISO_SECRETARY, org=other_organization)
    client.force_login(outsider)
    for name in ("plans:risk_detail", "plans:risk_edit", "plans:risk_withdraw"):
        assert client.get(reverse(name, args=[risk.pk])).status_code == 404, name
    assert risk.description not in client.get(reverse("plans:risk_list")).content.decode()


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(
    client, organization, department, secretary
):
    risk = _risk(organization, secretary, department)
    client.force_login(secretary)
    url = reverse("plans:risk_edit", args=[risk.pk])
    data = {
        "department": str(department.pk),
        "kind": "risk",
        "process": risk.process,
        "likelihood": "3",
        "impact": "3",
        "treatment": "reduce",
        "lock_version": "0",
    }
    first = client.post(url, {**data, "description": "Bản của người thứ nhất"})
    assert first.status_code == 302
    second = client.post(url, {**data, "description": "Bản của người thứ hai"})
    assert second.status_code == 200
    content = second.content.decode()
    assert "Bản của người thứ hai" in content  # kept in the form
    assert "Bản của người thứ nhất" in content  # shown as saved
    assert Risk.objects.get(pk=risk.pk).description == "Bản của người thứ nhất"


def test_an_invalid_risk_keeps_what_was_typed_with_the_message_by_the_field(
    client, organization, department, secretary
):
    client.force_login(secretary)
    response = client.post(
        reverse("plans:risk_create"),
        {
            "year": "2023",
            "kind": "opportunity",
            "process": "Tiếp nhận hồ sơ trực tuyến",
            "description": "Cơ hội giảm thời gian",
            "likelihood": "3",
            "impact": "3",
            "treatment": "reduce",
        },
    )
    assert response.status_code == 200
    assert "treatment" in response.context["form"].errors
    assert "Tiếp nhận hồ sơ trực tuyến" in response.content.decode()
    assert not Risk.objects.exists()


# --- register -------------------------------------------------------------------------------
def test_heat_map_counts_equal_the_register(client, organization, department, secretary):
    other_unit = DepartmentFactory(organization=organization)
    ratings = [(1, 1), (2, 5), (2, 5), (5, 5), (3, 4), (4, 2)]
    for likelihood, impact in ratings:
        _risk(organization, secretary, department, likelihood=likelihood, impact=impact)
    _risk(organization, secretary, other_unit, likelihood=5, impact=5)
    withdrawn = _risk(organization, secretary, department, likelihood=5, impact=1)
    risk_withdraw(risk=withdrawn, user=secretary)
    client.force_login(secretary)
    for query, expected in (
        ({"year": 2023}, 7),
        ({"year": 2023, "unit": department.pk}, 6),
        ({"year": 2023, "level": "high"}, 5),
        ({"year": 2023, "status": "withdrawn"}, 1),
    ):
        response = client.get(reverse("plans:risk_list"), query)
        grid = response.context["heat_map"]
        cells = {(c.likelihood, c.impact): c.count for row in grid for c in row}
        listed = list(response.context["page"].paginator.object_list)
        assert sum(cells.values()) == len(listed) == expected, query
        for (likelihood, impact), count in cells.items():
            assert count == sum(
                1 for r in listed if (r.likelihood, r.impact) == (likelihood, impact)
            )
    grid = heat_map(Risk.objects.filter(department=department, status="open"), organization)
    assert [cell.level for cell in grid[0]] == ["medium", "high", "high", "high", "high"]
    assert (grid[0][4].count, grid[3][4].count) == (1, 2)  # likelihood 5 on top, then 4, 3, 2


def test_the_register_sorts_by_level_unit_or_process(client, organization, secretary):
    first = DepartmentFactory(organization=organization, order=1, name="Phòng A")
    second = DepartmentFactory(organization=organization, order=2, name="Phòng B")
    low = _risk(organization, secretary, second, likelihood=1, impact=1, process="A quy trình")
    high = _risk(organization, secretary, first, likelihood=5, impact=5, process="B quy trình")
    client.force_login(secretary)

    def order(sort):
        response = client.get(reverse("plans:risk_list"), {"year": 2023, "sort": sort})
        return [r.pk for r in response.context["page"]]

    assert order("level") == [high.pk, low.pk]
    assert order("unit") == [high.pk, low.pk]
    assert order("process") == [low.pk, high.pk]


def test_pages_do_not_grow_in_queries_with_rows(
    client, organization, department, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)

    def count(url):
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    risk = _risk(organization, secretary, department)
    _act(risk, department, secretary)
    urls = [
        reverse("plans:risk_list") + "?year=2023",
        reverse("plans:risk_detail", args=[risk.pk]),
        reverse("reports:risk_register_xlsx") + "?year=2023",
        reverse("plans:context_detail", args=[2023]),
    ]
    few = [count(url) for url in urls]
    for n in range(12):
        other = _risk(organization, secretary, DepartmentFactory(organization=organization))
        _act(other, department, secretary)
        _act(risk, department, secretary)
        risk.description = f"Sửa lần {n}"
        risk.save()
    assert [count(url) for url in urls] == few
