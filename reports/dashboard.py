"""The organization's dashboard for the director and the ISO secretary: one year at a glance."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from audits.services.nonconformity import register_ageing
from plans.choices import OPEN_WORK_ITEM_STATUSES, PlanStatus, TaskParty, WorkItemStatus
from plans.models import Objective, Organization, WorkItem

DONE, OVERDUE, UPCOMING = "#198754", "#dc3545", "#adb5bd"


@dataclass
class UnitRow:
    key: str  # the unit filter of the unit work page: "d:<id>" or "p:<party>"
    label: str
    done: int = 0
    overdue: int = 0
    upcoming: int = 0

    @property
    def total(self) -> int:
        return self.done + self.overdue + self.upcoming

    @property
    def segments(self) -> list[tuple[str, str, str]]:
        """(x, width, colour) of the done / overdue / upcoming parts of a 100-wide bar, as text:
        pages are localised and "12,5" is not an SVG number."""
        parts, x = [], 0.0
        for count, colour in (
            (self.done, DONE),
            (self.overdue, OVERDUE),
            (self.upcoming, UPCOMING),
        ):
            width = 100 * count / self.total if self.total else 0
            parts.append((f"{x:.2f}", f"{width:.2f}", colour))
            x += width
        return parts


@dataclass
class Dashboard:
    year: int
    units: list[UnitRow] = field(default_factory=list)
    objectives: dict[str, int] = field(default_factory=dict)
    ageing: list[dict] = field(default_factory=list)
    next_deadlines: list[WorkItem] = field(default_factory=list)

    @property
    def totals(self) -> UnitRow:
        return UnitRow(
            "",
            "",
            sum(u.done for u in self.units),
            sum(u.overdue for u in self.units),
            sum(u.upcoming for u in self.units),
        )

    @property
    def most_behind(self) -> list[UnitRow]:
        behind = [u for u in self.units if u.overdue]
        return sorted(behind, key=lambda u: (-u.overdue, u.label))[:5]


def organization_dashboard(
    organization: Organization, year: int, today: datetime.date
) -> Dashboard:
    """Work of the year per unit, objectives so far, open nonconformities by age, next deadlines —
    a fixed number of queries whatever the size of the organization."""
    dashboard = Dashboard(year=year)
    items = WorkItem.objects.filter(organization=organization, year=year)
    is_open = Q(status__in=OPEN_WORK_ITEM_STATUSES)
    rows = (
        items.values("department_id", "department__name", "department__order", "party")
        .annotate(
            done=Count("pk", filter=Q(status=WorkItemStatus.DONE)),
            overdue=Count("pk", filter=is_open & Q(due_date__lt=today)),
            upcoming=Count(
                "pk", filter=is_open & (Q(due_date__gte=today) | Q(due_date__isnull=True))
            ),
        )
        .order_by("department__order", "department__name", "party")
    )
    for row in rows:
        if row["department_id"]:
            key, label = f"d:{row['department_id']}", row["department__name"]
        else:
            key, label = f"p:{row['party']}", str(TaskParty(row["party"]).label)
        dashboard.units.append(UnitRow(key, label, row["done"], row["overdue"], row["upcoming"]))
    dashboard.objectives = objectives_so_far(organization, year)
    dashboard.ageing = register_ageing(organization, today)
    dashboard.next_deadlines = list(
        items.filter(is_open, due_date__gte=today)
        .select_related("department", "task", "objective")
        .order_by("due_date", "pk")[:8]
    )
    return dashboard


def objectives_so_far(organization: Organization, year: int) -> dict[str, int]:
    """Objectives of the year's approved sets: achieved in every period measured so far, missed in
    at least one, or not measured yet."""
    objectives = Objective.objects.filter(
        objective_set__organization=organization,
        objective_set__year=year,
        objective_set__status=PlanStatus.APPROVED,
    ).prefetch_related("results")
    counts = {"achieved": 0, "missed": 0, "not_measured": 0}
    for objective in objectives:
        measured = [r.achieved for r in objective.results.all() if r.achieved is not None]
        if not measured:
            counts["not_measured"] += 1
        elif all(measured):
            counts["achieved"] += 1
        else:
            counts["missed"] += 1
    counts["total"] = sum(counts.values())
    return counts
