"""The organization's dashboard for the director and the ISO secretary: one year at a glance."""

import datetime
from dataclasses import dataclass, field

from audits.nonconformity.services import register_ageing
from plans.models import Organization, WorkItem
from plans.objectives.selectors import objectives_so_far
from plans.work.selectors import UnitProgress, progress_by_unit


@dataclass
class Dashboard:
    year: int
    units: list[UnitProgress] = field(default_factory=list)
    objectives: dict[str, int] = field(default_factory=dict)
    ageing: list[dict] = field(default_factory=list)
    next_deadlines: list[WorkItem] = field(default_factory=list)

    @property
    def totals(self) -> UnitProgress:
        return UnitProgress(
            "",
            "",
            sum(u.done for u in self.units),
            sum(u.overdue for u in self.units),
            sum(u.upcoming for u in self.units),
        )

    @property
    def most_behind(self) -> list[UnitProgress]:
        behind = [u for u in self.units if u.overdue]
        return sorted(behind, key=lambda u: (-u.overdue, u.label))[:5]


def organization_dashboard(
    organization: Organization, year: int, today: datetime.date
) -> Dashboard:
    """Work of the year per unit, objectives so far, open nonconformities by age, next deadlines —
    a fixed number of queries whatever the size of the organization."""
    dashboard = Dashboard(year=year)
    items = WorkItem.objects.filter(organization=organization, year=year)
    dashboard.units = progress_by_unit(items, today)
    dashboard.objectives = objectives_so_far(organization, year)
    dashboard.ageing = register_ageing(organization, today)
    upcoming = items.open().filter(due_date__gte=today).order_by("due_date", "pk")
    dashboard.next_deadlines = WorkItem.objects.with_sources().in_order(
        list(upcoming.values_list("pk", flat=True)[:8])
    )
    return dashboard
