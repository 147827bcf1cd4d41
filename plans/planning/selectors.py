"""Reads that pages share: each loads what a page shows in a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Max, Prefetch, QuerySet

from plans.choices import PlanStatus, TaskParty
from plans.models import Plan, PlanTask, TaskAssignment, WorkItem
from plans.work.models import progress_counts


def year_in_force(plans: QuerySet[Plan], today: datetime.date) -> int:
    """The year a page opens on: this year if one of the plans is in force, else the latest
    earlier year with one (a new year starts before its plan is approved), else this year."""
    latest = plans.filter(
        year__lte=today.year, status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED]
    ).aggregate(latest=Max("year"))["latest"]
    return latest or today.year


def tasks_with_units(tasks: QuerySet[PlanTask]) -> QuerySet[PlanTask]:
    assignments = TaskAssignment.objects.select_related("department")
    return tasks.order_by("order", "pk").prefetch_related(
        Prefetch("assignments", queryset=assignments)
    )


def plan_tasks(plan: Plan) -> QuerySet[PlanTask]:
    return tasks_with_units(plan.tasks.all())


def plan_progress(plan: Plan, today: datetime.date) -> dict:
    """Done / overdue / upcoming work items per task and per unit, from one grouped query."""
    rows = (
        WorkItem.objects.filter(task__plan=plan)
        .values("task_id", "department_id", "department__name", "department__order", "party")
        .annotate(**progress_counts(today))
        .order_by()
    )
    by_task: dict[int, dict] = {}
    by_unit: dict[tuple, dict] = {}
    for row in rows:
        task = by_task.setdefault(row["task_id"], {"done": 0, "overdue": 0, "upcoming": 0})
        unit = by_unit.setdefault(
            (row["department__order"] or 0, row["department__name"] or "", row["party"]),
            {
                "department_id": row["department_id"],
                "party": row["party"],
                "label": row["department__name"] or str(TaskParty(row["party"]).label),
                "done": 0,
                "overdue": 0,
                "upcoming": 0,
            },
        )
        for key in ("done", "overdue", "upcoming"):
            task[key] += row[key]
            unit[key] += row[key]
    return {"by_task": by_task, "by_unit": [by_unit[key] for key in sorted(by_unit)]}
