"""The change history of a plan: its document, its tasks, their units and its implementation
duties (isoplan/history.py reads and compares the rows)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten
from plans.models import Plan, PlanDuty, PlanTask, TaskAssignment

# Not a change of the plan's text: its keys and order, where a copy came from, and what is
# derived from the words (the schedule, what completes a task) or the secretary's choice of it.
IGNORED = (
    "plan",
    "task",
    "order",
    "revision_of",
    "origin",
    "schedule",
    "fulfilled_by",
    "fulfilled_by_manual",
)


def plan_history(plan: Plan) -> list[HistoryEntry]:
    """Newest first."""
    task_rows = history_rows(PlanTask.history.filter(plan_id=plan.pk))
    latest_task = latest_rows(task_rows)

    def task_label(task_id: int) -> str:
        row = latest_task.get(task_id)
        if row is None:
            return _("Task")
        return _("Task %(order)s: %(content)s") % {
            "order": row.order,
            "content": shorten(row.content),
        }

    return history_entries(
        Table(Plan, Plan.history.filter(id=plan.pk), lambda r: _("Plan document"), IGNORED),
        Table(PlanTask, task_rows, lambda r: task_label(r.id), IGNORED),
        Table(
            TaskAssignment,
            TaskAssignment.history.filter(task_id__in=list(latest_task)),
            lambda r: task_label(r.task_id),
            IGNORED,
        ),
        Table(
            PlanDuty,
            PlanDuty.history.filter(plan_id=plan.pk),
            lambda r: _("Implementation: %(unit)s") % {"unit": r.unit},
            IGNORED,
        ),
    )
