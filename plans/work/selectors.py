"""Reads of work items that pages and reports share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from plans.choices import party_label
from plans.organizations.models import Department
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
    """The items grouped per unit or party, in the units' order (the parties after them) — one
    grouped query, and one for the names of the units it found. Grouped by the units' names in
    one query, the agency's items were joined to every unit of the province and sorted by name
    before they were counted."""
    rows = items.values("department_id", "party").annotate(**progress_counts(today)).order_by()
    found = {row["department_id"] for row in rows if row["department_id"]}
    # The units' place and name, in the units' order as the database sorts them.
    units_in_order = Department.objects.filter(pk__in=found).order_by("order", "name")
    place = {pk: (n, name) for n, (pk, name) in enumerate(units_in_order.values_list("pk", "name"))}
    units = []
    for row in sorted(
        rows,
        key=lambda row: (
            (0, place[row["department_id"]][0], row["party"])
            if row["department_id"]
            else (1, 0, row["party"])
        ),
    ):
        if row["department_id"]:
            key, label = f"d:{row['department_id']}", place[row["department_id"]][1]
        else:
            key, label = f"p:{row['party']}", party_label(row["party"])
        units.append(UnitProgress(key, label, row["done"], row["overdue"], row["upcoming"]))
    return units
