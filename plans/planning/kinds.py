"""The plan's kind of work item: one per occurrence of a task's schedule and lead unit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.planning.work_items import (
    PLAN_TASK,
    plans_after_events,
    task_done_check,
    task_due_after,
)
from plans.work.kinds import WorkKind, register


def _task_url(task) -> str:
    return reverse("plans:plan_detail", args=[task.plan_id]) + f"#task-{task.pk}"


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
        url=_task_url,
        timing=lambda task: task.timing_text,
        output=lambda task: task.output,
        on_close=task_done_check,
        due_after_event=task_due_after,
        after_events=plans_after_events,
    )
)
