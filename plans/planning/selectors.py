"""Reads that pages share: each loads what a page shows in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from plans.choices import PlanStatus, Responsibility, Role, TaskParty, party_label
from plans.models import Department, Membership, Plan, PlanTask, TaskAssignment, WorkItem
from plans.organizations.access import departments_without_head
from plans.planning.timing import Schedule
from plans.planning.work_items import responsible_units
from plans.work.kinds import SupportQuery, SupportRow
from plans.work.models import progress_counts
from plans.work.responsibility import PARTY_ROLES, party_members

# Other ways to start a plan that other apps offer on the plan list (reports adds the province's
# model plans, reports/apps.py): each takes (user, organization) and returns (label, url) or
# None. Plans imports neither audits nor reports, so they register here.
PLAN_LIST_OFFERS: list = []


def plan_list_offers(user, organization) -> list[tuple[str, str]]:
    return [offer for hook in PLAN_LIST_OFFERS if (offer := hook(user, organization))]


def task_url(task: PlanTask) -> str:
    """The task in its plan's page (the plan read with the task: its title reads it too)."""
    return f"{task.plan.get_absolute_url()}#task-{task.pk}"


def year_in_force(plans: QuerySet[Plan], today: datetime.date) -> int:
    """The year a page opens on: this year if one of the plans is in force, else the latest
    earlier year with one (a new year starts before its plan is approved), else this year."""
    latest = plans.filter(
        year__lte=today.year, status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED]
    ).aggregate(latest=Max("year"))["latest"]
    return latest or today.year


IN_PLAN_ORDER = ("order", "sub", "pk")  # the tasks as the plan numbers them


def _assignments_in_order() -> QuerySet[TaskAssignment]:
    # In each task's order, without the model's ordering by task (three joins to sort what is
    # grouped by task anyway).
    return TaskAssignment.objects.select_related("department").order_by(
        "responsibility", "order", "pk"
    )


def with_units(path: str = "assignments") -> Prefetch:
    """The tasks' assignments (``path``: from the tasks, or through a relation to them), read in
    one query into each task's ``units`` list. A list, not Django's queryset per task: building
    300 querysets cost the 300-task plan page more than its query."""
    return Prefetch(path, _assignments_in_order(), to_attr="unit_list")


def tasks_with_units(tasks: QuerySet[PlanTask]) -> QuerySet[PlanTask]:
    return tasks.order_by(*IN_PLAN_ORDER).prefetch_related(with_units())


def plan_tasks(plan: Plan) -> list[PlanTask]:
    """The plan's tasks in order, each with its ``units`` list. The assignments read by the plan
    (a join), not by the list of its tasks' ids that a prefetch sends back as parameters: a
    300-task plan's assignments took 7 ms by prefetch, 3.5 ms this way."""
    tasks = list(plan.tasks.order_by(*IN_PLAN_ORDER))
    units: dict[int, list[TaskAssignment]] = defaultdict(list)
    for assignment in _assignments_in_order().filter(task__plan=plan, task__deleted_at=None):
        units[assignment.task_id].append(assignment)
    for task in tasks:
        task.unit_list = units[task.pk]
    return tasks


def plan_progress(plan: Plan, today: datetime.date) -> dict:
    """Done / overdue / upcoming work items per task and per unit, from one grouped query."""
    # The plan's tasks (deleted ones too, as a join would) as a subquery: the items are read by
    # task from the task index; joined instead, at national scale the planner scanned every task.
    rows = (
        WorkItem.objects.filter(task__in=PlanTask.all_objects.filter(plan=plan).values("pk"))
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
                "label": row["department__name"] or party_label(row["party"]),
                "done": 0,
                "overdue": 0,
                "upcoming": 0,
            },
        )
        for key in ("done", "overdue", "upcoming"):
            task[key] += row[key]
            unit[key] += row[key]
    return {"by_task": by_task, "by_unit": [by_unit[key] for key in sorted(by_unit)]}


def tasks_supported(query: SupportQuery) -> list[SupportRow]:
    """The tasks of the plans in force that the units support ("Phối hợp", "all departments"
    included) without an item of their own, with their timing and lead: four queries."""
    assignments = TaskAssignment.objects.filter(
        responsibility=Responsibility.SUPPORT,
        task__deleted_at=None,
        task__plan__organization_id=query.organization_id,
        task__plan__status=PlanStatus.APPROVED,
    ).filter(Q(department_id__in=query.department_ids) | Q(party=TaskParty.ALL_DEPARTMENTS))
    if query.year is not None:
        assignments = assignments.filter(task__plan__year=query.year)
    if query.since is not None:
        assignments = assignments.filter(task__plan__year__gte=query.since)
    if query.text:
        assignments = assignments.filter(task__content__icontains=query.text)
    # Unordered: the rows are sorted below (the model's ordering by task joined the plans'
    # agency and sorted by its name).
    assignments = list(
        assignments.select_related("task__plan")
        .prefetch_related(with_units("task__assignments"))
        .order_by()
    )
    if not assignments:
        return []
    names = dict(Department.objects.filter(pk__in=query.department_ids).values_list("pk", "name"))
    held = set(
        WorkItem.objects.filter(
            task_id__in={a.task_id for a in assignments}, department_id__in=query.department_ids
        ).values_list("task_id", "department_id")
    )
    rows: dict[tuple[int, int], tuple] = {}
    for assignment in assignments:
        task = assignment.task
        units = [assignment.department_id] if assignment.department_id else list(names)
        for unit in units:
            if unit in names and (task.pk, unit) not in held:
                rows[(task.pk, unit)] = (-task.plan.year, task.order, task.pk, names[unit], task)
    return [
        SupportRow(
            unit=unit,
            title=task.content,
            url=task_url(task),
            origin=str(task.plan),
            timing=task.timing_text,
            lead=", ".join(a.label for a in task.leads),
        )
        for *_order, unit, task in sorted(rows.values(), key=lambda row: row[:3])
    ]


@dataclass
class ResponsibilityGaps:
    """What the submit and approve pages warn about: tasks whose items would be nobody's, and
    the active units without a head (their items go to the ISO secretary)."""

    tasks: list[PlanTask]
    headless: list[Department]

    def __bool__(self) -> bool:
        return bool(self.tasks or self.headless)


def responsibility_gaps(plan: Plan) -> ResponsibilityGaps:
    """A task has nobody responsible when it names no unit at all (its items fall to the ISO
    secretary), or its items would go only to parties that no active person can hold (no ISO
    secretary, no director): four queries."""
    organization_id = plan.organization_id
    headless = list(
        departments_without_head([organization_id]).filter(is_active=True).order_by("order", "name")
    )
    departments = list(
        Department.objects.filter(organization_id=organization_id, is_active=True).values_list(
            "pk", flat=True
        )
    )
    roles = set(
        Membership.objects.filter(organization_id=organization_id, user__is_active=True)
        .values_list("role", flat=True)
        .distinct()
    )
    held = {party for party, party_roles in PARTY_ROLES.items() if roles & party_roles}
    held |= {party for (_org, _unit, party) in party_members([organization_id])}
    # A unit without a head is still someone's when there is an ISO secretary.
    secretary = Role.ISO_SECRETARY in roles
    headless_ids = {d.pk for d in headless}

    def answered(unit: tuple[int | None, str]) -> bool:
        department_id, party = unit
        if department_id:
            return department_id not in headless_ids or secretary
        return party in held

    tasks = [
        task
        for task in plan_tasks(plan)
        if not task.units
        or not any(answered(unit) for unit in responsible_units(task, departments))
    ]
    return ResponsibilityGaps(tasks=tasks, headless=headless)


@dataclass(frozen=True)
class ScheduleGap:
    """A task that nothing would date: its timing was not understood (or names a date that does
    not exist or lies outside the plan year) and no schedule was chosen by hand."""

    task: PlanTask
    reason: str


def schedule_gaps(plan: Plan) -> list[ScheduleGap]:
    """The tasks the submit page lists and that approval waits for (``plan_approve``): until the
    secretary chooses their schedule by hand or confirms "no deadline" (on request). One query."""
    gaps = []
    for task in plan.tasks.order_by("order", "pk"):
        schedule = Schedule.from_dict(task.schedule)
        if task.schedule_manual or schedule.understood:
            continue
        reason = schedule.note or _("The timing was not understood.")
        gaps.append(ScheduleGap(task=task, reason=reason))
    return gaps
