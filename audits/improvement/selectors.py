"""The reads the register, the management review and the annual report share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from plans.choices import LEADERSHIP_ROLES, Role, WorkItemStatus
from plans.organizations.access import has_role, memberships_of

from .choices import ACCEPTED_STATUSES, ProposalStatus
from .models import ImprovementProposal


def sees_all(user: Any, organization: Any) -> bool:
    return has_role(user, organization, {Role.ISO_SECRETARY, *LEADERSHIP_ROLES})


def unit_ids_of(user: Any, organization: Any) -> set[int]:
    """The units the person belongs to in the organization (heads, staff, auditors): the
    rule ``of_proposal_unit`` (audits/rules.py) reads the same memberships."""
    org_id = getattr(organization, "pk", organization)
    return {
        m.department_id
        for m in memberships_of(user)
        if m.organization_id == org_id and m.department_id is not None
    }


def visible_proposals(user: Any, organization: Any) -> QuerySet:
    """The whole register for the secretary and the leadership; for the others their own
    proposals and their units'."""
    proposals = ImprovementProposal.objects.filter(organization=organization)
    if sees_all(user, organization):
        return proposals
    return proposals.filter(Q(proposed_by=user) | Q(department__in=unit_ids_of(user, organization)))


def with_progress(proposals: QuerySet) -> QuerySet:
    """Each proposal with how many improvement actions it has and how many are done."""
    return proposals.annotate(
        action_count=Count("actions", distinct=True),
        actions_done=Count(
            "actions", filter=Q(actions__work_item__status=WorkItemStatus.DONE), distinct=True
        ),
    )


@dataclass
class ProposalFigures:
    """A period's proposals: how many by outcome, and the accepted ones with their progress."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    accepted: list[ImprovementProposal] = field(default_factory=list)

    def count(self, status: str) -> int:
        return self.by_status.get(status, 0)

    @property
    def submitted(self) -> int:
        return self.count(ProposalStatus.SUBMITTED)

    @property
    def implemented(self) -> int:
        return self.count(ProposalStatus.IMPLEMENTED)

    @property
    def being_implemented(self) -> int:
        return self.count(ProposalStatus.ACCEPTED)

    @property
    def accepted_total(self) -> int:
        return self.implemented + self.being_implemented

    @property
    def merged(self) -> int:
        return self.count(ProposalStatus.MERGED)

    @property
    def declined(self) -> int:
        return self.count(ProposalStatus.DECLINED)


def _made(organization_id: int, start: datetime.date, end: datetime.date) -> QuerySet:
    return ImprovementProposal.objects.filter(
        organization_id=organization_id, proposed_on__range=(start, end)
    )


def proposal_counts(
    organization_id: int, start: datetime.date, end: datetime.date
) -> ProposalFigures:
    """How many proposals were made from ``start`` to ``end``, by status, in one query (the
    accepted ones not listed: the annual report gives the figures only)."""
    figures = ProposalFigures()
    rows = _made(organization_id, start, end).values("status").annotate(n=Count("pk")).order_by()
    for row in rows:
        figures.by_status[row["status"]] = row["n"]
    figures.total = sum(figures.by_status.values())
    return figures


def proposal_figures(
    organization_id: int, start: datetime.date, end: datetime.date
) -> ProposalFigures:
    """The proposals made from ``start`` to ``end``: how many by status, and the accepted ones
    with their progress — two queries."""
    figures = proposal_counts(organization_id, start, end)
    figures.accepted = list(
        with_progress(_made(organization_id, start, end).filter(status__in=ACCEPTED_STATUSES))
        .select_related("department")
        .order_by("year", "number")
    )
    return figures
