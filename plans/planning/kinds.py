"""The plan's kind of work item: one per occurrence of a task's schedule and lead unit."""

from django.utils.translation import gettext_lazy as _

from plans.planning.selectors import task_url, tasks_supported
from plans.planning.services.plan import PLAN_ACTIONS
from plans.planning.work_items import (
    PLAN_TASK,
    plans_after_events,
    prepared_for,
    task_done_check,
    task_due_after,
)
from plans.work.approvals import Awaiting
from plans.work.approvals import register as register_awaiting
from plans.work.kinds import WorkKind, register

register(
    WorkKind(
        name=PLAN_TASK,
        label=_("Plan task"),
        model="plans.PlanTask",
        source_field="task",
        related=("plan",),
        title=lambda task: task.content,
        search=("content",),
        origin=lambda task: str(task.plan),
        url=task_url,
        timing=lambda task: task.timing_text,
        output=lambda task: task.output,
        prepared_for=prepared_for,
        prefetch=("assignments",),
        supported=tasks_supported,
        on_close=task_done_check,
        due_after_event=task_due_after,
        after_events=plans_after_events,
    )
)

# What waits for the leadership's decision (plans/work/approvals.py).
register_awaiting(Awaiting(_("Plan"), "plans.Plan", PLAN_ACTIONS))
