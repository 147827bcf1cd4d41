"""Reads that pages share: each loads what a page shows in a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from plans.choices import OPEN_WORK_ITEM_STATUSES, TaskParty, WorkItemStatus
from plans.models import Plan, PlanTask, TaskAssignment, WorkItem


def tasks_with_units(tasks: QuerySet[PlanTask]) -> QuerySet[PlanTask]:
    assignments = TaskAssignment.objects.select_related("department")
    return tasks.order_by("order", "pk").prefetch_related(
        Prefetch("assignments", queryset=assignments)
    )


def plan_tasks(plan: Plan) -> QuerySet[PlanTask]:
    return tasks_with_units(plan.tasks.all())


def plan_progress(plan: Plan, today: datetime.date) -> dict:
    """Done / overdue / upcoming work items per task and per unit: two grouped queries."""
    items = WorkItem.objects.filter(task__plan=plan)
    counts = {
        "done": Count("pk", filter=Q(status=WorkItemStatus.DONE)),
        "overdue": Count("pk", filter=Q(status__in=OPEN_WORK_ITEM_STATUSES, due_date__lt=today)),
        "upcoming": Count(
            "pk",
            filter=Q(status__in=OPEN_WORK_ITEM_STATUSES)
            & (Q(due_date__gte=today) | Q(due_date__isnull=True)),
        ),
    }
    by_task = {row["task_id"]: row for row in items.values("task_id").annotate(**counts)}
    by_unit = list(
        items.values("department_id", "department__name", "department__order", "party")
        .annotate(**counts)
        .order_by("department__order", "department__name", "party")
    )
    for row in by_unit:
        row["label"] = row["department__name"] or str(TaskParty(row["party"]).label)
    return {"by_task": by_task, "by_unit": by_unit}
