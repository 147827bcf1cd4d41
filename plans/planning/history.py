"""The change history of a plan, its tasks, their units and its implementation duties, field by
field, read from django-simple-history in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

from plans.models import Department, Plan, PlanDuty, PlanTask, TaskAssignment

IGNORED = {
    "id",
    "lock_version",
    "plan",
    "task",
    "order",
    "organization",
    "revision_of",
    "origin",
    "schedule",
    "fulfilled_by",  # derived from the words, or the secretary's choice: not a change of the text
    "fulfilled_by_manual",
    "deleted_at",  # shown as the action "-", not as a changed field
}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    user: Any
    subject: str
    action: str  # "+", "~", "-"
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def _fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in IGNORED]


def _display(record, model_field, departments: dict[int, str]) -> str:
    value = getattr(record, model_field.attname)
    if model_field.name == "department":
        return departments.get(value, "") if value else ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if value is None:
        return ""
    if isinstance(value, bool):  # "Lịch chọn bằng tay: Có", not "False"
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dict):
        return "; ".join(str(v) for v in value.values())
    # Line endings and trailing spaces are not a change a person made.
    return "\n".join(line.rstrip() for line in str(value).splitlines()).strip()


def _entries(records: list, model, subject, departments) -> list[HistoryEntry]:
    """``records`` are one model's historical rows; consecutive rows of an object give a diff."""
    by_object: dict[int, list] = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        by_object.setdefault(record.id, []).append(record)
    fields = _fields(model)
    entries = []
    for rows in by_object.values():
        first = rows[0]
        if first.history_type == "+":
            entries.append(_entry(first, subject(first), "+", [], fields, departments))
        for previous, current in pairwise(rows):
            action = current.history_type
            if getattr(current, "deleted_at", None) and not previous.deleted_at:
                action = "-"  # a soft delete
            entries.append(
                _entry(current, subject(current), action, [previous], fields, departments)
            )
    return [e for e in entries if e.action != "~" or e.changes or e.reason]


def _entry(record, subject, action, previous, fields, departments) -> HistoryEntry:
    changes = []
    if action == "+":
        changes = [
            Change(str(f.verbose_name), "", _display(record, f, departments))
            for f in fields
            if _display(record, f, departments)
        ]
    elif action == "~":
        for f in fields:
            old, new = _display(previous[0], f, departments), _display(record, f, departments)
            if old != new:
                changes.append(Change(str(f.verbose_name), old, new))
    return HistoryEntry(
        at=record.history_date,
        user=record.history_user,
        subject=subject,
        action=action,
        changes=changes,
        reason=record.history_change_reason or "",
    )


def plan_history(plan: Plan) -> list[HistoryEntry]:
    """Newest first."""
    plan_rows = list(Plan.history.filter(id=plan.pk).select_related("history_user"))
    task_rows = list(PlanTask.history.filter(plan_id=plan.pk).select_related("history_user"))
    duty_rows = list(PlanDuty.history.filter(plan_id=plan.pk).select_related("history_user"))
    task_ids = {row.id for row in task_rows}
    unit_rows = list(
        TaskAssignment.history.filter(task_id__in=task_ids).select_related("history_user")
    )
    department_ids = {row.department_id for row in unit_rows if row.department_id}
    departments = dict(Department.objects.filter(pk__in=department_ids).values_list("pk", "name"))

    latest_task: dict[int, Any] = {}
    for row in sorted(task_rows, key=lambda r: (r.history_date, r.history_id)):
        latest_task[row.id] = row

    def task_label(task_id: int) -> str:
        row = latest_task.get(task_id)
        if row is None:
            return _("Task")
        text = row.content if len(row.content) <= 60 else row.content[:57] + "…"
        return _("Task %(order)s: %(content)s") % {"order": row.order, "content": text}

    entries = [
        *_entries(plan_rows, Plan, lambda r: _("Plan document"), departments),
        *_entries(task_rows, PlanTask, lambda r: task_label(r.id), departments),
        *_entries(unit_rows, TaskAssignment, lambda r: task_label(r.task_id), departments),
        *_entries(
            duty_rows,
            PlanDuty,
            lambda r: _("Implementation: %(unit)s") % {"unit": r.unit},
            departments,
        ),
    ]
    return sorted(entries, key=lambda e: e.at, reverse=True)
