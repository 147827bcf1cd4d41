"""The plan's kind of work item: one per occurrence of a task's schedule and lead unit."""

from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
from plans.planning.selectors import task_url, tasks_supported, with_units
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
        prefetch=(lambda to_task: with_units(f"{to_task}__assignments"),),
        supported=tasks_supported,
        on_close=task_done_check,
        due_after_event=task_due_after,
        after_events=plans_after_events,
    )
)

# What waits for the leadership's decision (plans/work/approvals.py).
register_awaiting(Awaiting(_("Plan"), "plans.Plan", PLAN_ACTIONS))


# --- merging agencies (plans/organizations/merging.py): this year's joint plan ----------------
def _joining(ctx) -> list:
    from plans.planning.services.plan import plan_for_copy

    plans = (plan_for_copy(organization=s, year=ctx.year) for s in ctx.sources)
    return [plan for plan in plans if plan is not None]


def _join(ctx) -> int:
    from plans.planning.services.plan import plan_join

    joining = _joining(ctx)
    if not joining:
        return 0
    ctx.joint_plan = plan_join(
        organization=ctx.target, year=ctx.year, joining=joining, units=ctx.unit_map
    )
    return sum(plan.tasks.count() for plan in joining)


merging.register(
    merging.Mover(
        "plan_tasks",
        _("Tasks of this year's plans, in a joint draft plan"),
        count=lambda ctx: sum(plan.tasks.count() for plan in _joining(ctx)),
        move=_join,
        order=60,
    )
)
