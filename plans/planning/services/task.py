"""Rows of the task table: add, change, delete, move. Only a draft plan's tasks change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from isoplan.concurrency import save_if_unchanged
from plans.choices import PlanStatus, Responsibility, TaskParty
from plans.models import Plan, PlanTask, TaskAssignment
from plans.planning.fulfilment import NONE, propose
from plans.planning.timing import Schedule, parse_timing, schedule_by_hand

from .plan import PlanWorkflowError


@dataclass(frozen=True)
class UnitRef:
    """A responsible unit as chosen in a form: a department (by id) or a party."""

    department_id: int | None = None
    party: str = ""

    @classmethod
    def parse(cls, value: str) -> UnitRef:
        kind, _sep, key = value.partition(":")
        if kind == "d" and key.isdigit():
            return cls(department_id=int(key))
        if kind == "p" and key in TaskParty.values:
            return cls(party=key)
        raise ValueError(value)

    @classmethod
    def of(cls, assignment: TaskAssignment) -> UnitRef:
        return cls(department_id=assignment.department_id, party=assignment.party)

    def key(self) -> str:
        return f"d:{self.department_id}" if self.department_id else f"p:{self.party}"


@dataclass
class TaskData:
    content: str
    timing_text: str
    output: str = ""
    responsibility_note: str = ""
    leads: Sequence[UnitRef] = ()
    supports: Sequence[UnitRef] = ()
    support_note: str = ""  # the supporting column as written
    subrow: bool = False  # created as a sub-row of the last numbered row (imports)
    schedule: Schedule | None = None  # chosen by hand; None: read from the timing text
    # What record completes it, chosen by hand (fulfilment.NONE: none); None: proposed from
    # the task's words.
    fulfilled_by: str | None = None


def _ensure_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise PlanWorkflowError(
            _("The plan is “%(status)s”: its tasks cannot be changed. Start a revision instead.")
            % {"status": plan.get_status_display()}
        )


def _set_assignments(task: PlanTask, data: TaskData) -> None:
    """Bring the task's units to what was chosen, touching only what changed (so that the
    history shows "added X" rather than every unit removed and added again)."""
    wanted = {
        (responsibility, unit): order
        for responsibility, units in (
            (Responsibility.LEAD, data.leads),
            (Responsibility.SUPPORT, data.supports),
        )
        for order, unit in enumerate(units)
    }
    for assignment in task.assignments.all():
        key = (assignment.responsibility, UnitRef.of(assignment))
        if key not in wanted:
            assignment.delete()
            continue
        order = wanted.pop(key)
        if assignment.order != order:
            assignment.order = order
            assignment.save(update_fields=["order"])
    for (responsibility, unit), order in wanted.items():
        TaskAssignment.objects.create(
            task=task,
            responsibility=responsibility,
            department_id=unit.department_id,
            party=unit.party,
            order=order,
        )


def _apply(task: PlanTask, data: TaskData) -> None:
    task.content = data.content
    task.timing_text = data.timing_text
    task.output = data.output
    task.responsibility_note = data.responsibility_note
    task.support_note = data.support_note
    task.schedule_manual = data.schedule is not None
    schedule = data.schedule or parse_timing(data.timing_text, task.plan.year)
    task.schedule = schedule.to_dict()
    _set_fulfilment(task, data.fulfilled_by)


def _set_fulfilment(task: PlanTask, chosen: str | None) -> None:
    task.fulfilled_by_manual = chosen is not None
    if chosen is None:
        task.fulfilled_by = propose(task.content)
    else:
        task.fulfilled_by = "" if chosen == NONE else chosen


@transaction.atomic
def task_create(*, plan: Plan, data: TaskData) -> PlanTask:
    _ensure_editable(plan)
    _lock_numbers(plan)
    last = plan.tasks.aggregate(last=Max("order"))["last"] or 0
    if data.subrow and last:  # under the last numbered row
        sub = plan.tasks.filter(order=last).aggregate(sub=Max("sub"))["sub"] + 1
        task = PlanTask(plan=plan, order=last, sub=sub)
    else:
        task = PlanTask(plan=plan, order=last + 1)
    _apply(task, data)
    task.save()
    _set_assignments(task, data)
    return task


@transaction.atomic
def task_update(*, task: PlanTask, data: TaskData, expected_version: int) -> PlanTask:
    """Raises StaleEditError when someone else saved the task since ``expected_version``."""
    _ensure_editable(task.plan)
    _apply(task, data)
    save_if_unchanged(task, expected_version=expected_version)
    _set_assignments(task, data)
    return task


def task_fulfilment_set(*, task: PlanTask, chosen: str | None) -> PlanTask:
    """Change what completes a task of a draft or approved plan (no revision needed: it changes
    no text of the signed plan, only which record closes its items)."""
    if task.plan.status not in {PlanStatus.DRAFT, PlanStatus.APPROVED}:
        raise PlanWorkflowError(
            _("The plan is “%(status)s”: its tasks cannot be changed.")
            % {"status": task.plan.get_status_display()}
        )
    _set_fulfilment(task, chosen)
    task.save(update_fields=["fulfilled_by", "fulfilled_by_manual"])
    return task


@transaction.atomic
def task_no_deadline(*, task: PlanTask, user: Any) -> PlanTask:
    """Confirm that a task has no deadline (done on request): its schedule is chosen by hand as
    "on request", so that approval no longer waits for it (``schedule_gaps``). While the plan is
    a draft (by the ISO secretary) or submitted (by the director, while approving): it changes no
    text of the plan, only how its items are dated. Open edit forms of the task become stale."""
    if task.plan.status not in {PlanStatus.DRAFT, PlanStatus.SUBMITTED}:
        raise PlanWorkflowError(
            _("The plan is “%(status)s”: its tasks cannot be changed.")
            % {"status": task.plan.get_status_display()}
        )
    locked = PlanTask.objects.select_for_update().get(pk=task.pk)
    locked.schedule = schedule_by_hand("on_request", task.plan.year).to_dict()
    locked.schedule_manual = True
    locked.lock_version += 1
    locked._history_user = user
    locked.save(update_fields=["schedule", "schedule_manual", "lock_version"])
    return locked


@transaction.atomic
def task_delete(*, task: PlanTask) -> None:
    """A soft delete: the row stays in the table and in the plan's history."""
    _ensure_editable(task.plan)
    plan = task.plan
    task.soft_delete()
    _renumber(plan)


@transaction.atomic
def task_move(*, task: PlanTask, offset: int) -> None:
    """Move a row up (-1) or down (+1); the order numbers (TT) stay 1, 2, 3…"""
    _ensure_editable(task.plan)
    _lock_numbers(task.plan)
    groups = _groups(task.plan)
    index = next(i for i, group in enumerate(groups) if task in group)
    target = index + offset
    if 0 <= target < len(groups):  # a row moves with its sub-rows
        groups[index], groups[target] = groups[target], groups[index]
        _save_order(groups)


def _lock_numbers(plan: Plan) -> None:
    """Whoever numbers a plan's rows holds its row lock until commit: two people adding a task
    at once get 5 and 6, not 5 twice (the unique constraint task_number_once catches the rest)."""
    Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk").get()


def _renumber(plan: Plan) -> None:
    _lock_numbers(plan)
    _save_order(_groups(plan))


def _groups(plan: Plan) -> list[list[PlanTask]]:
    """The rows by number, each with its sub-rows (a deleted row's first sub-row takes its
    place)."""
    groups: dict[int, list[PlanTask]] = {}
    for task in plan.tasks.order_by("order", "sub", "pk"):
        groups.setdefault(task.order, []).append(task)
    return list(groups.values())


# Above any real row number: renumbering passes through these so that no two live rows of a plan
# share a number at any moment (the unique constraint is checked row by row).
_PARKED = 20000


def _save_order(groups: list[list[PlanTask]]) -> None:
    """Number the groups 1, 2, 3… and their sub-rows 1, 2… under them."""
    wanted = {
        task.pk: (number, sub)
        for number, group in enumerate(groups, start=1)
        for sub, task in enumerate(group)
    }
    changed = [
        task for group in groups for task in group if (task.order, task.sub) != wanted[task.pk]
    ]
    for task in changed:
        task.order = _PARKED + task.order
    # Order numbers are positions, not content: no history entry per renumbered row.
    PlanTask.objects.bulk_update(changed, ["order"])
    for task in changed:
        task.order, task.sub = wanted[task.pk]
    PlanTask.objects.bulk_update(changed, ["order", "sub"])
