"""The history screen of a risk or opportunity: its rating and the level it gave, its actions and
the work on them, the re-rating with its reason, field by field with readable values."""

import datetime

import pytest
from django.urls import reverse

from plans.choices import Role
from plans.risks.choices import RiskLevel, RiskStatus, Treatment
from plans.risks.models import Risk, RiskAction
from plans.risks.services import risk_action_add, risk_record, risk_rerate
from plans.work.services import work_item_complete
from tests.histories import assert_queries_do_not_grow, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def risk(organization, department, secretary):
    return risk_record(
        organization=organization,
        user=secretary,
        department=department,
        year=2023,
        process="Giải quyết chế độ trợ cấp người có công",
        description="Hồ sơ trễ hạn do chờ xác minh",
        treatment=Treatment.REDUCE,
        likelihood=4,
        impact=4,
    )


def _act(risk, department, user, action="Ban hành mẫu phiếu xác minh"):
    return risk_action_add(
        risk=risk, action=action, department=department, due_on=D(2023, 11, 15), user=user
    )


def _url(risk):
    return reverse("plans:risk_history", args=[risk.pk])


def test_a_re_rating_shows_the_level_before_and_after_and_its_reason(
    client, risk, department, secretary, director
):
    action = _act(risk, department, secretary)
    work_item_complete(item=action.work_item, user=secretary, done_on=D(2023, 11, 10))
    risk_rerate(
        risk=risk,
        likelihood=2,
        impact=2,
        effective=True,
        effectiveness="Không còn hồ sơ trễ hạn",
        user=director,
        today=D(2023, 12, 5),
    )
    client.force_login(secretary)

    shown = entries(client, _url(risk))
    rerated = shown[0]
    assert rerated.user == director
    assert rerated.reason == "Đánh giá lại"  # readable words, not the service's key
    fields = {c.field: (c.old, c.new) for c in rerated.changes}
    high, low = str(RiskLevel.HIGH.label), str(RiskLevel.LOW.label)
    assert ("16", "4") in fields.values()  # the score
    assert (high, low) in fields.values()  # the level it gives
    assert fields[label(Risk, "likelihood")] == ("4", "2")
    assert fields[label(Risk, "status")] == (
        str(RiskStatus.OPEN.label),
        str(RiskStatus.CLOSED.label),
    )
    assert fields[label(Risk, "reviewed_on")] == ("", "05/12/2023")
    assert fields[label(Risk, "effective")] == ("", "Có")
    # recorded with its level; the action with its unit and deadline
    assert ("+", "", high) in [(e.action, c.old, c.new) for e in shown for c in e.changes]
    added = next(e for e in shown if e.action == "+" and "Ban hành mẫu" in e.subject)
    fields = {c.field: c.new for c in added.changes}
    assert fields[label(RiskAction, "department")] == "Phòng Người có công"
    assert fields[label(RiskAction, "due_on")] == "15/11/2023"


def test_the_history_does_not_grow_in_queries(
    client, risk, department, secretary, django_assert_max_num_queries
):
    _act(risk, department, secretary)
    client.force_login(secretary)

    def more():
        for number in range(8):
            action = _act(risk, department, secretary, action=f"Hành động {number}")
            work_item_complete(item=action.work_item, user=secretary)
        Risk.objects.filter(pk=risk.pk).update(impact=3)
        risk.refresh_from_db()
        risk.description = "Mô tả mới"
        risk.save()

    assert_queries_do_not_grow(client, _url(risk), more, django_assert_max_num_queries)


def test_another_agencys_risk_has_no_history_screen(client, risk, make_member, other_organization):
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(risk)).status_code == 404
