"""The demo: Sở LĐTBXH's committee set up in 2021 and re-formed this year, its declaration of
conformity made on an older list of procedures (a re-declaration proposed), built once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from plans.choices import EventKind, TaskParty
from plans.committee.choices import CompositionStatus
from plans.committee.models import CommitteeComposition, CommitteeMember
from plans.models import Event, Organization, User, WorkItem
from plans.work.responsibility import answers_for
from reports.declaration import redeclaration_proposal
from reports.models import ConformityDeclaration

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count() for m in (CommitteeComposition, CommitteeMember, ConformityDeclaration)
    ] + [Event.objects.filter(kind=EventKind.COMMITTEE_CHANGED).count()]


def test_the_demo_committee_and_declaration_are_built_once():
    call_command("load_demo", stdout=StringIO())
    first = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    today = timezone.localdate()
    current = CommitteeComposition.objects.get(
        organization=labour, status=CompositionStatus.IN_FORCE
    )
    assert current.decided_on.year == today.year
    earlier = CommitteeComposition.objects.get(organization=labour, superseded_by=current)
    assert earlier.decision_number == "58/QĐ-SLĐTBXH"
    names = set(current.members.values_list("name", flat=True))
    assert {"Lê Thị Hoa", "Huỳnh Văn Tài"} <= names
    assert "Trần Quốc Hùng" not in names
    assert "Trần Quốc Hùng" in set(earlier.members.values_list("name", flat=True))
    # The committee's items of this year's plan are its members'.
    head = User.objects.get(username="truongphong")
    items = WorkItem.objects.filter(
        organization=labour, year=today.year, party=TaskParty.STEERING_COMMITTEE
    )
    assert all(answers_for(head, item) for item in items)
    # The declaration of 2021 listed QT-03, withdrawn since: re-declaring is proposed.
    declaration = ConformityDeclaration.objects.get(organization=labour)
    assert declaration.number == "125/QĐ-SLĐTBXH"
    changes = redeclaration_proposal(labour)
    assert changes.procedures_withdrawn == [
        "QT-03 – Quy trình giải quyết hưởng trợ cấp thất nghiệp"
    ]
