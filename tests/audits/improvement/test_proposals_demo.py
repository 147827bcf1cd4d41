"""The demo's improvement proposals: the current year, every state, an action due soon; loaded
twice, made once."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from audits.improvement.choices import ProposalStatus
from audits.models import ImprovementAction, ImprovementProposal
from plans.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_has_this_years_proposals_in_every_state_once():
    call_command("load_demo", stdout=StringIO())
    counts = (ImprovementProposal.objects.count(), ImprovementAction.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (ImprovementProposal.objects.count(), ImprovementAction.objects.count()) == counts
    today = timezone.localdate()
    proposals = ImprovementProposal.objects.filter(year=today.year)
    assert {p.status for p in proposals} == set(ProposalStatus.values)
    soon = ImprovementAction.objects.filter(
        proposal__status=ProposalStatus.ACCEPTED,
        work_item__due_date__range=(today, today + datetime.timedelta(days=14)),
    )
    assert [a.work_item.is_open for a in soon] == [True]
    declined = proposals.get(status=ProposalStatus.DECLINED)
    assert declined.decision_note
    merged = proposals.get(status=ProposalStatus.MERGED)
    assert merged.merged_into.status == ProposalStatus.ACCEPTED
    # the proposers were told of each decision
    assert Notification.objects.filter(user=declined.proposed_by, link=declined.get_absolute_url())
