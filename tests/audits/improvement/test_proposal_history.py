"""The history screen of an improvement proposal: the proposal, the secretary's decision, its
improvement actions and the work on them; seen by those who see the proposal."""

import datetime

import pytest
from django.urls import reverse

from audits.improvement.choices import ProposalStatus
from audits.improvement.services import (
    improvement_action_add,
    proposal_accept,
    proposal_decline,
    proposal_submit,
)
from audits.models import ImprovementAction, ImprovementProposal
from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem
from plans.work.services import work_item_complete
from tests.factories import DepartmentFactory
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def staff(make_member, department):
    return make_member(Role.STAFF, department=department, username="nhanvien")


@pytest.fixture
def proposal(organization, department, staff):
    return proposal_submit(
        organization=organization,
        user=staff,
        department=department,
        title="Nhắc hạn hồ sơ",
        problem="Hồ sơ trả trễ",
        description="Bật nhắc việc",
        benefit="Đúng hạn",
        today=D(2023, 5, 2),
    )


def _url(proposal):
    return reverse("audits:improvement_history", args=[proposal.pk])


def test_the_decision_the_actions_and_their_work_are_in_the_history(
    client, proposal, department, secretary, staff
):
    proposal_accept(proposal=proposal, user=secretary, note="Giao phòng chủ trì")
    action = improvement_action_add(
        proposal=proposal,
        action="Sửa quy trình QT-05",
        department=department,
        due_on=D(2023, 9, 29),
        user=secretary,
    )
    work_item_complete(item=action.work_item, user=secretary, note="Xong", done_on=D(2023, 9, 1))
    client.force_login(staff)  # the proposer reads it
    shown = entries(client, _url(proposal))
    record = [e for e in shown if e.subject == proposal.code]
    waiting, accepted, implemented = (
        str(ProposalStatus.SUBMITTED.label),
        str(ProposalStatus.ACCEPTED.label),
        str(ProposalStatus.IMPLEMENTED.label),
    )
    assert changes(record, label(ImprovementProposal, "status")) == [
        ("~", accepted, implemented),
        ("~", waiting, accepted),
        ("+", "", waiting),
    ]
    assert ("~", "", "Giao phòng chủ trì") in changes(
        record, label(ImprovementProposal, "decision_note")
    )
    assert record[-1].user == staff
    assert record[-2].user == secretary
    (added,) = [e for e in shown if e.action == "+" and "Sửa quy trình" in e.subject]
    fields = {c.field: c.new for c in added.changes}
    assert fields[label(ImprovementAction, "department")] == "Phòng Người có công"
    assert fields[label(ImprovementAction, "due_on")] == "29/09/2023"
    work = [e for e in shown if e.action == "~" and "Sửa quy trình" in e.subject]
    assert changes(work, label(WorkItem, "done_on")) == [("~", "", "01/09/2023")]
    assert changes(work, label(WorkItem, "status"))[0][2] == str(WorkItemStatus.DONE.label)


def test_a_declines_reason_is_in_the_history(client, proposal, secretary):
    proposal_decline(proposal=proposal, reason="Trùng với quy định hiện hành", user=secretary)
    client.force_login(secretary)
    shown = entries(client, _url(proposal))
    assert changes(shown, label(ImprovementProposal, "decision_note")) == [
        ("~", "", "Trùng với quy định hiện hành")
    ]


def test_the_history_does_not_grow_in_queries(
    client, proposal, department, secretary, django_assert_max_num_queries
):
    proposal_accept(proposal=proposal, user=secretary)
    client.force_login(secretary)

    def more(count=6):
        for number in range(count):
            action = improvement_action_add(
                proposal=proposal,
                action=f"Việc {number}",
                department=department,
                due_on=D(2023, 9, 29),
                user=secretary,
            )
            work_item_complete(item=action.work_item, user=secretary, done_on=D(2023, 9, 1))

    more(1)  # every kind of row is there once: the related names are read once per model
    assert_queries_do_not_grow(client, _url(proposal), more, django_assert_max_num_queries)


def test_another_unit_and_another_agency_have_no_history_screen(
    client, proposal, make_member, organization, other_organization
):
    other_unit = DepartmentFactory(organization=organization, name="Phòng Kế hoạch – Tài chính")
    client.force_login(make_member(Role.STAFF, department=other_unit))
    assert client.get(_url(proposal)).status_code == 403
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(proposal)).status_code == 404
