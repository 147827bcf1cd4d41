"""Reads the committee's pages, printouts and the work spine share."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, QuerySet

from plans.organizations.models import Organization

from .choices import CompositionStatus
from .models import CommitteeComposition, CommitteeMember


def composition_in_force(organization: Organization) -> CommitteeComposition | None:
    return (
        CommitteeComposition.objects.filter(
            organization=organization, status=CompositionStatus.IN_FORCE
        )
        .select_related("organization")
        .first()
    )


def composition_draft(organization: Organization) -> CommitteeComposition | None:
    return CommitteeComposition.objects.filter(
        organization=organization, status=CompositionStatus.DRAFT
    ).first()


def members_of(composition: CommitteeComposition) -> QuerySet[CommitteeMember]:
    return composition.members.select_related("user").order_by("order", "pk")


def current_member_pairs(organization_ids: Iterable[int]) -> list[tuple[int, int]]:
    """(organization id, user id) of the active people of the agency in the committee in force:
    whom "Ban Chỉ đạo ISO" means in a plan's task and its reminders (one query)."""
    return list(
        CommitteeMember.objects.filter(
            composition__organization_id__in=list(organization_ids),
            composition__status=CompositionStatus.IN_FORCE,
            user__is_active=True,
            # still a person of the agency (a member who left keeps their line, not the work)
            user__memberships__organization_id=F("composition__organization_id"),
        )
        .values_list("composition__organization_id", "user_id")
        # Distinct pairs: unordered, else the model's ordering (by agency name, decision date,
        # line) joins the agencies and enters the DISTINCT, one row per line of a person.
        .order_by()
        .distinct()
    )
