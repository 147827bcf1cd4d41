"""Reads of work items that pages and reports share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from plans.choices import TaskParty
from plans.work.models import WorkItem, progress_counts


@dataclass
class UnitProgress:
    """Work items of one unit or party: done, overdue, and upcoming or not dated yet."""

    key: str  # the unit filter of the unit work page: "d:<id>" or "p:<party>"
    label: str
    done: int = 0
    overdue: int = 0
    upcoming: int = 0

    @property
    def total(self) -> int:
        return self.done + self.overdue + self.upcoming


def progress_by_unit(items: QuerySet[WorkItem], today: datetime.date) -> list[UnitProgress]:
    """The items grouped per unit or party, in the units' order — one grouped query."""
    rows = (
        items.values("department_id", "department__name", "department__order", "party")
        .annotate(**progress_counts(today))
        .order_by("department__order", "department__name", "party")
    )
    units = []
    for row in rows:
        if row["department_id"]:
            key, label = f"d:{row['department_id']}", row["department__name"]
        else:
            key, label = f"p:{row['party']}", str(TaskParty(row["party"]).label)
        units.append(UnitProgress(key, label, row["done"], row["overdue"], row["upcoming"]))
    return units
