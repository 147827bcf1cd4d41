"""Reads the pages and the reports share: the achievement report of a set of objectives."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from .models import Objective, ObjectiveResult, ObjectiveSet
from .services import Period, periods


@dataclass
class ObjectiveRow:
    objective: Objective
    cells: list[tuple[Period, ObjectiveResult | None]]
    achieved: bool | None  # over the periods reported

    @property
    def measured(self) -> int:
        return sum(1 for _p, r in self.cells if r is not None and r.achieved is not None)

    @property
    def met(self) -> int:
        return sum(1 for _p, r in self.cells if r is not None and r.achieved)


def achievement_report(
    objective_set: ObjectiveSet, *, up_to: str | None = None, with_actions: bool = False
) -> dict:
    """Per objective: target, results per period (up to a quarter, or the whole year), achieved.

    A fixed number of queries whatever the number of objectives.
    """
    related = ["results", *(["actions__department"] if with_actions else [])]
    objectives = list(
        objective_set.objectives.select_related("department").prefetch_related(*related)
    )
    rows = []
    for objective in objectives:
        results = {r.period_key: r for r in objective.results.all()}
        cells = []
        for period in periods(objective.frequency, objective_set.year):
            cells.append((period, results.get(period.key)))
            if up_to and period.end >= _quarter_end(objective_set.year, up_to):
                break
        measured = [r.achieved for _p, r in cells if r is not None and r.achieved is not None]
        rows.append(ObjectiveRow(objective, cells, all(measured) if measured else None))
    return {
        "rows": rows,
        "total": len(rows),
        "achieved": sum(1 for r in rows if r.achieved),
        "not_achieved": sum(1 for r in rows if r.achieved is False),
        "not_measured": sum(1 for r in rows if r.achieved is None),
    }


def _quarter_end(year: int, quarter: str) -> datetime.date:
    month = int(quarter) * 3
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
