"""The steps that change the committee: a draft composition (copied from the one in force when
the committee is re-formed, "kiện toàn"), its members, and issuing it — which supersedes the
composition in force, records the committee-changed event and completes the plan's task."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from plans.choices import EventKind
from plans.organizations.models import Organization
from plans.planning.fulfilment import record_fulfils
from plans.work.services import event_record

from .choices import POSITION_ORDER, CommitteePosition, CompositionStatus
from .models import CommitteeComposition, CommitteeMember
from .selectors import composition_draft, composition_in_force

# What an issued composition completes in the plan ("Hoàn thành khi", kinds.py).
COMMITTEE_RENEWED = "committee_renewed"


class CommitteeError(Exception):
    """A step that is not possible now; the message is for the user."""


def _draft_only(composition: CommitteeComposition) -> None:
    if composition.status != CompositionStatus.DRAFT:
        raise CommitteeError(_("An issued composition is not changed: re-form the committee."))


@transaction.atomic
def composition_start(*, organization: Organization, user: Any) -> CommitteeComposition:
    """The draft of a new composition: the one already started, else a copy of the composition
    in force (its members, signer and legal bases) to be changed, else an empty one."""
    draft = composition_draft(organization)
    if draft is not None:
        return draft
    current = composition_in_force(organization)
    draft = CommitteeComposition.objects.create(
        organization=organization,
        created_by=user,
        signer_name=current.signer_name if current else "",
        signer_title=current.signer_title if current else "GIÁM ĐỐC",
        basis=current.basis if current else "",
    )
    if current is not None:
        CommitteeMember.objects.bulk_create(
            CommitteeMember(
                composition=draft,
                user=m.user,
                name=m.user.get_full_name() if m.user else m.name,
                title=m.title,
                position=m.position,
                duty=m.duty,
                order=m.order,
            )
            for m in current.members.select_related("user")
        )
    return draft


def composition_change(*, composition: CommitteeComposition) -> CommitteeComposition:
    """Save the decision's details of a draft (the form has set them)."""
    _draft_only(composition)
    composition.save()
    return composition


def member_save(*, member: CommitteeMember) -> CommitteeMember:
    """Add or correct a member of a draft. A person of the agency: their name (and title, when
    none is typed) as the decision prints them."""
    _draft_only(member.composition)
    if member.user is not None:
        member.name = member.user.get_full_name()
        member.title = member.title or member.user.job_title
    if not member.name.strip():
        raise CommitteeError(_("Choose a person of the agency or type the member's name."))
    if member.pk is None and not member.order:
        last = member.composition.members.aggregate(last=Max("order"))["last"]
        member.order = (last or 0) + 1
    member.save()
    return member


def member_remove(*, member: CommitteeMember) -> None:
    _draft_only(member.composition)
    member.delete()


def composition_discard(*, composition: CommitteeComposition) -> None:
    _draft_only(composition)
    composition.delete()


def _ready(composition: CommitteeComposition) -> None:
    if not composition.decision_number.strip() or composition.decided_on is None:
        raise CommitteeError(_("Enter the decision's number and date before issuing it."))
    positions = list(composition.members.values_list("position", flat=True))
    if CommitteePosition.CHAIR not in positions:
        raise CommitteeError(_("The committee needs a chair."))


@transaction.atomic
def composition_issue(
    *, composition: CommitteeComposition, user: Any, today: datetime.date | None = None
) -> CommitteeComposition:
    """The decision was signed: the composition is in force from its date, the one before is
    superseded, the committee-changed event starts what waits for it ("khi thay đổi thành
    viên BCĐ") and the plan's task of re-forming the committee is done that day."""
    composition = CommitteeComposition.objects.select_for_update().get(pk=composition.pk)
    _draft_only(composition)
    _ready(composition)
    previous = (
        CommitteeComposition.objects.select_for_update()
        .filter(organization_id=composition.organization_id, status=CompositionStatus.IN_FORCE)
        .first()
    )
    if previous is not None:
        if previous.decided_on and composition.decided_on < previous.decided_on:
            raise CommitteeError(
                _("The decision is dated before the one in force (%(date)s).")
                % {"date": f"{previous.decided_on:%d/%m/%Y}"}
            )
        previous.status, previous.superseded_by = CompositionStatus.SUPERSEDED, composition
        previous.save()
    composition.status = CompositionStatus.IN_FORCE
    composition.save()
    event_record(
        organization=composition.organization,
        kind=EventKind.COMMITTEE_CHANGED,
        occurred_on=composition.decided_on,
        user=user,
        description=f"Quyết định số {composition.decision_number}"[:500],
    )
    record_fulfils(
        COMMITTEE_RENEWED,
        organization=composition.organization,
        year=composition.decided_on.year,
        done_on=composition.decided_on,
        user=user,
        record=composition,
    )
    return composition


def members_sorted(members: list[CommitteeMember]) -> list[CommitteeMember]:
    """The decision's order: the chair, vice-chairs, members, the secretary; then as entered."""
    return sorted(members, key=lambda m: (POSITION_ORDER[m.position], m.order, m.pk or 0))
