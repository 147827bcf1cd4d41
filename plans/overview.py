"""What a member of staff reads first (the overview, plans/views/home.py): their unit's work now,
the procedures in force that their unit owns, and the plan of the year."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F

from plans.choices import PlanStatus
from plans.documents.choices import DocumentStatus
from plans.documents.models import Document
from plans.models import Department, Organization, Plan, WorkItem
from plans.organizations.access import memberships_of
from plans.planning.selectors import year_in_force

UNIT_WORK_SHOWN = 8  # the nearest open items; the rest are on the unit-work page


@dataclass
class UnitOverview:
    units: list[Department] = field(default_factory=list)
    items: list[WorkItem] = field(default_factory=list)  # open, the nearest due first
    open_count: int = 0
    overdue_count: int = 0
    documents: list[Document] = field(default_factory=list)  # in force, owned by the units
    plan: Plan | None = None  # the plan in force this year

    def __bool__(self) -> bool:
        return bool(self.units)


def unit_overview(user, organization: Organization, today: datetime.date) -> UnitOverview:
    """For a person whose roles in the organization name a unit (staff, auditors with a unit):
    a fixed number of queries."""
    units = {
        m.department_id: m.department
        for m in memberships_of(user)
        if m.organization_id == organization.pk and m.department_id and m.department.is_active
    }
    overview = UnitOverview(units=list(units.values()))
    plans = organization.plans.all()
    year = year_in_force(plans, today)
    overview.plan = (
        plans.filter(year=year, status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED])
        .order_by("-version")
        .first()
    )
    if not units:
        return overview
    items = WorkItem.objects.filter(organization=organization, department_id__in=list(units))
    open_items = items.open().filter(year__gte=year)
    overview.open_count = open_items.count()
    overview.overdue_count = open_items.overdue(today).count()
    nearest = open_items.order_by(F("due_date").asc(nulls_last=True), "pk")
    overview.items = WorkItem.objects.with_sources().in_order(
        list(nearest.values_list("pk", flat=True)[:UNIT_WORK_SHOWN])
    )
    overview.documents = list(
        Document.objects.filter(
            organization=organization, department_id__in=list(units), status=DocumentStatus.IN_FORCE
        )
        .select_related("current_edition", "department")
        .order_by("code", "pk")
    )
    return overview
