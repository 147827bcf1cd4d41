"""Reads that pages share: each loads what a page shows in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from plans.models import Plan, PlanTask, TaskAssignment


def tasks_with_units(tasks: QuerySet[PlanTask]) -> QuerySet[PlanTask]:
    assignments = TaskAssignment.objects.select_related("department")
    return tasks.order_by("order", "pk").prefetch_related(
        Prefetch("assignments", queryset=assignments)
    )


def plan_tasks(plan: Plan) -> QuerySet[PlanTask]:
    return tasks_with_units(plan.tasks.all())
