"""The province-wide view: every agency of a province in one table, for its ISO coordinator."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from audits.internal_audit.choices import AUDIT_DONE_STATUSES
from audits.models import Audit, ManagementReview
from audits.review.choices import ReviewStatus
from plans.choices import PlanStatus
from plans.models import Objective, Organization, Plan, WorkItem
from plans.work.models import progress_counts

from .models import AnnualReport


@dataclass
class ProvinceRow:
    organization: Organization
    plan_approved: bool = False
    items: int = 0
    done: int = 0
    overdue: int = 0
    audit_held: bool = False
    review_held: bool = False
    objectives_achieved: int = 0
    objectives: int = 0
    report_submitted: datetime.date | None = None

    @property
    def progress(self) -> int:
        return round(100 * self.done / self.items) if self.items else 0


SORT_KEYS = {
    "ten": lambda r: r.organization.name,
    "tien-do": lambda r: r.progress,
    "qua-han": lambda r: -r.overdue,
    "bao-cao": lambda r: r.report_submitted is not None,
}


def province_overview(province: str, year: int, today: datetime.date) -> list[ProvinceRow]:
    """One row per active agency of the province — a fixed number of queries, one per column
    family, whatever the number of agencies and items."""
    organizations = Organization.objects.filter(province=province, is_active=True).order_by("name")
    rows = {org.pk: ProvinceRow(org) for org in organizations}
    ids = list(rows)
    for org_id in Plan.objects.filter(
        organization__in=ids, year=year, status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED]
    ).values_list("organization_id", flat=True):
        rows[org_id].plan_approved = True
    for count in (
        WorkItem.objects.filter(organization__in=ids, year=year)
        .values("organization_id")
        .annotate(items=Count("pk"), **progress_counts(today))
        .order_by()
    ):
        row = rows[count["organization_id"]]
        row.items, row.done, row.overdue = count["items"], count["done"], count["overdue"]
    for org_id in Audit.objects.filter(
        organization__in=ids, year=year, status__in=AUDIT_DONE_STATUSES
    ).values_list("organization_id", flat=True):
        rows[org_id].audit_held = True
    for org_id in (
        ManagementReview.objects.filter(organization__in=ids, year=year)
        .exclude(status=ReviewStatus.PLANNED)
        .values_list("organization_id", flat=True)
    ):
        rows[org_id].review_held = True
    achieved: dict[int, list[bool]] = defaultdict(list)
    for objective in (
        Objective.objects.filter(
            objective_set__organization__in=ids,
            objective_set__year=year,
            objective_set__status=PlanStatus.APPROVED,
        )
        .prefetch_related("results")
        .select_related("objective_set")
    ):
        verdict = objective.achieved_so_far() is True
        achieved[objective.objective_set.organization_id].append(verdict)
    for org_id, results in achieved.items():
        rows[org_id].objectives, rows[org_id].objectives_achieved = len(results), sum(results)
    for org_id, submitted in AnnualReport.objects.filter(
        organization__in=ids, year=year, submitted_on__isnull=False
    ).values_list("organization_id", "submitted_on"):
        rows[org_id].report_submitted = submitted
    return list(rows.values())
