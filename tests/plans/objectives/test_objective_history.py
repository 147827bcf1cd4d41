"""The history screen of a set of quality objectives: the set's workflow, its objectives and the
results of each period, field by field with readable values."""

from decimal import Decimal

import pytest
from django.urls import reverse

from plans.choices import PlanStatus
from plans.objectives.choices import Comparison, Frequency
from plans.objectives.models import Objective, ObjectiveResult, ObjectiveSet
from plans.objectives.services import objectives_return, objectives_submit, result_record
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective_set(organization):
    return ObjectiveSet.objects.create(organization=organization, year=2022)


@pytest.fixture
def objective(objective_set, department):
    return Objective.objects.create(
        objective_set=objective_set,
        statement="100% hồ sơ TTHC được giải quyết đúng hạn",
        comparison=Comparison.AT_LEAST,
        target_value=Decimal(95),
        target_unit="%",
        frequency=Frequency.QUARTERLY,
        department=department,
    )


def _url(objective_set):
    return reverse("plans:objective_set_history", args=[objective_set.pk])


def _approve(objective_set):
    ObjectiveSet.objects.filter(pk=objective_set.pk).update(status=PlanStatus.APPROVED)
    objective_set.refresh_from_db()


def test_a_result_shows_its_period_and_value(client, secretary, objective_set, objective):
    _approve(objective_set)
    result_record(objective=objective, period_key="q-1", user=secretary, value=Decimal("96.50"))
    result_record(objective=objective, period_key="q-1", user=secretary, value=Decimal(94))
    client.force_login(secretary)

    shown = entries(client, _url(objective_set))
    results = [e for e in shown if "Quý I" in e.subject]
    assert all(objective.statement[:40] in e.subject for e in results)
    assert changes(results, label(ObjectiveResult, "period_label")) == [("+", "", "Quý I")]
    assert changes(results, label(ObjectiveResult, "value")) == [
        ("~", "96,5", "94"),  # as the pages show numbers in Vietnamese
        ("+", "", "96,5"),
    ]
    # the objective itself: its target and responsible unit, as a person reads them
    created = next(
        e
        for e in shown
        if e.action == "+" and objective.statement[:40] in e.subject and e not in results
    )
    fields = {c.field: c.new for c in created.changes}
    assert fields[label(Objective, "comparison")] == str(Comparison.AT_LEAST.label)
    assert fields[label(Objective, "department")] == "Phòng Người có công"
    assert fields[label(Objective, "target_value")] == "95"


def test_the_return_comment_and_status_are_in_the_history(
    client, secretary, director, objective_set, objective
):
    objectives_submit(objective_set=objective_set, user=secretary)
    objectives_return(objective_set=objective_set, user=director, comment="Bổ sung chỉ tiêu")
    client.force_login(secretary)

    shown = entries(client, _url(objective_set))
    returned = shown[0]
    assert returned.user == director
    statuses = changes(shown, label(ObjectiveSet, "status"))
    assert statuses[0] == ("~", str(PlanStatus.SUBMITTED.label), str(PlanStatus.DRAFT.label))
    assert statuses[1] == ("~", str(PlanStatus.DRAFT.label), str(PlanStatus.SUBMITTED.label))
    assert changes([returned], label(ObjectiveSet, "return_comment")) == [
        ("~", "", "Bổ sung chỉ tiêu")
    ]


def test_a_deleted_objective_stays_in_the_history(client, secretary, objective_set, objective):
    objective.soft_delete(user=secretary)
    client.force_login(secretary)
    shown = entries(client, _url(objective_set))
    assert [e.action for e in shown if objective.statement[:40] in e.subject] == ["-", "+"]


def test_the_history_does_not_grow_in_queries(
    client, secretary, objective_set, objective, django_assert_max_num_queries
):
    _approve(objective_set)
    result_record(objective=objective, period_key="q-1", user=secretary, value=Decimal(90))
    client.force_login(secretary)

    def more():
        for number in range(2, 6):
            other = Objective.objects.create(
                objective_set=objective_set, statement=f"Mục tiêu {number}", department=None
            )
            for quarter in range(1, 5):
                result_record(
                    objective=other, period_key=f"q-{quarter}", user=secretary, value=Decimal(1)
                )

    assert_queries_do_not_grow(client, _url(objective_set), more, django_assert_max_num_queries)


def test_another_agencys_objectives_have_no_history_screen(
    client, objective_set, make_member, other_organization
):
    from plans.choices import Role

    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(objective_set)).status_code == 404
