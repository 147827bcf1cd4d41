"""The province-wide view: every agency of a province in one table, for its ISO coordinator."""

import datetime
from dataclasses import dataclass, replace

from django.db.models import Count

from audits.internal_audit.choices import AUDIT_DONE_STATUSES
from audits.models import Audit, ManagementReview
from audits.review.choices import ReviewStatus
from plans.choices import PlanStatus
from plans.models import ObjectiveSet, Organization, Plan, WorkItem
from plans.objectives.selectors import achieved_by_agency, achievement_report
from plans.organizations.models import name_in_force
from plans.planning.layout import plan_layout
from plans.planning.selectors import plan_progress, plan_tasks
from plans.work.models import progress_counts, tally_counts, tally_supported

from .models import AnnualReport

PLAN_IN_FORCE = {PlanStatus.APPROVED, PlanStatus.CLOSED}  # what counts as an approved plan


@dataclass(frozen=True, slots=True)
class Agency:
    """An agency as the province's tables show it: four values, not a model — 300 models of the
    agency's 26 columns cost 3–4 ms to build, their values 0.8."""

    pk: int
    name: str
    kind: str
    is_active: bool

    def __str__(self) -> str:
        return self.name

    def as_on(self, day: datetime.date, former_names) -> "Agency":
        """Under the name it bore on ``day`` (renamed or merged since): ``Organization.as_on``."""
        former = name_in_force(former_names, day)
        return self if former is None else replace(self, name=former.name)


@dataclass
class ProvinceRow:
    organization: Agency | Organization  # the model when one agency is read (``only``)
    plan_approved: bool = False
    items: int = 0
    done: int = 0
    overdue: int = 0
    audit_held: bool = False
    review_held: bool = False
    objectives_achieved: int = 0
    objectives: int = 0
    report_submitted: datetime.date | None = None
    report_id: int | None = None  # the annual report marked sent, which the coordinator opens
    report_accepted: datetime.date | None = None

    @property
    def progress(self) -> int:
        return round(100 * self.done / self.items) if self.items else 0


SORT_KEYS = {
    "ten": lambda r: r.organization.name,
    "tien-do": lambda r: r.progress,
    "qua-han": lambda r: -r.overdue,
    "bao-cao": lambda r: r.report_submitted is not None,
}


def province_overview(
    province: str,
    year: int,
    today: datetime.date,
    only: Organization | None = None,
    *,
    with_inactive: bool = False,
) -> list[ProvinceRow]:
    """One row per active agency of the province (or only ``only``) — a fixed number of
    queries, one per column family, whatever the number of agencies and items.
    ``with_inactive``: also the agencies deactivated (or merged) since, that have a plan, items,
    an audit or a report of ``year`` — a past year's figures count them. Which did is read off
    the figures' own queries, which read every record of the year for that (a few per agency)
    and no ordering (Django's default ones cost more to compile than the queries to run)."""
    if only is not None:  # active or not: a merged agency's past years are read too
        organizations = [only]
    else:
        organizations = province_agencies(province, with_inactive=with_inactive)
    rows = {org.pk: ProvinceRow(org) for org in organizations}
    ids = agency_ids(province, only)
    kept = set()  # the agencies with a record of the year
    # A plan or an audit of the year keeps a closed agency; one in force or held fills its column.
    for model, done, column in (
        (Plan, PLAN_IN_FORCE, "plan_approved"),
        (Audit, AUDIT_DONE_STATUSES, "audit_held"),
    ):
        for org_id, status in (
            model.objects.filter(organization__in=ids, year=year)
            .values_list("organization_id", "status")
            .order_by()
        ):
            kept.add(org_id)
            if status in done and (row := rows.get(org_id)):
                setattr(row, column, True)
    if tally_supported():  # a few dozen rows per agency, not its hundreds of items
        counts = tally_counts(list(rows), year, today)
    else:
        counts = (
            WorkItem.objects.filter(organization__in=ids, year=year)
            .values("organization_id")
            .annotate(all_items=Count("pk"), **progress_counts(today))
            .order_by()
        )
    for count in counts:
        if count["all_items"]:
            kept.add(count["organization_id"])
        if row := rows.get(count["organization_id"]):
            row.items, row.done, row.overdue = count["all_items"], count["done"], count["overdue"]
    for org_id in (
        ManagementReview.objects.filter(organization__in=ids, year=year)
        .exclude(status=ReviewStatus.PLANNED)
        .values_list("organization_id", flat=True)
        .order_by()
    ):
        if row := rows.get(org_id):
            row.review_held = True
    for org_id, objectives, achieved in achieved_by_agency(ids, year):
        if row := rows.get(org_id):
            row.objectives, row.objectives_achieved = objectives, achieved
    for org_id, submitted, report_id, accepted in (
        AnnualReport.objects.filter(organization__in=ids, year=year)
        .values_list("organization_id", "submitted_on", "pk", "accepted_on")
        .order_by()
    ):
        kept.add(org_id)
        if submitted is not None and (row := rows.get(org_id)):
            row.report_submitted, row.report_id, row.report_accepted = (
                submitted,
                report_id,
                accepted,
            )
    return [
        row
        for row in rows.values()
        if row.organization.is_active or only is not None or row.organization.pk in kept
    ]


def province_agencies(province: str, *, with_inactive: bool = False) -> list[Agency]:
    """The province's active agencies by name (``with_inactive``: the closed ones too, which
    ``province_overview`` keeps if they have records of the year)."""
    agencies = Organization.objects.filter(province=province)
    if not with_inactive:
        agencies = agencies.filter(is_active=True)
    return [
        Agency(*values)
        for values in agencies.values_list("pk", "name", "kind", "is_active").order_by("name")
    ]


def agency_ids(province: str, only: Organization | None = None):
    """The ids of the province's agencies (or only ``only``'s) as a subquery for the figures'
    queries: every agency of the province, the closed ones without records of the year too —
    their figures are read and left unused. A list of hundreds of ids cost more to send, id by
    id; as one array (``__any``) these small tables' queries took longer than with the
    subquery. The work tally takes the array (``tally_counts``): there the index picks the
    agencies' rows out of the whole country's."""
    if only is not None:
        return Organization.objects.filter(pk=only.pk).values("pk")
    return Organization.objects.filter(province=province).values("pk")


@dataclass
class AgencyView:
    """What the province coordinator reads of one agency for a year: what the agency approved
    (a draft stays its own) and the reports it marked sent."""

    row: ProvinceRow
    plan: Plan | None
    tasks: list
    doc: object | None
    progress: dict
    objectives: list[tuple[ObjectiveSet, dict]]
    reports: list[AnnualReport]


def agency_view(organization: Organization, year: int, today: datetime.date) -> AgencyView:
    rows = province_overview(organization.province, year, today, only=organization)
    row = rows[0] if rows else ProvinceRow(organization)
    plan = (
        Plan.objects.filter(
            organization=organization,
            year=year,
            status__in=PLAN_IN_FORCE,
        )
        .select_related("organization")
        .order_by("-version")
        .first()
    )
    tasks = list(plan_tasks(plan)) if plan else []
    sets = ObjectiveSet.objects.filter(
        organization=organization, year=year, status=PlanStatus.APPROVED
    ).select_related("department")
    return AgencyView(
        row=row,
        plan=plan,
        tasks=tasks,
        doc=plan_layout(plan, tasks, list(plan.duties.all())) if plan else None,
        progress=plan_progress(plan, today) if plan else {},
        objectives=[(objective_set, achievement_report(objective_set)) for objective_set in sets],
        reports=list(
            AnnualReport.objects.filter(
                organization=organization, submitted_on__isnull=False
            ).order_by("-year")
        ),
    )
