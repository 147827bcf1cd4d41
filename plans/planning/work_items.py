"""A plan's work items: generated from an approved plan's schedules and dated by events (closing
and reopening are the same for every kind: plans/work/services.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.choices import EventKind, PlanStatus, TaskParty, WorkItemStatus
from plans.models import Event, Plan, PlanTask, WorkItem
from plans.planning.timing import Schedule, WorkCalendar, due_label, event_words, load_calendar
from plans.work.models import is_done
from plans.work.services import event_record, item_build, untouched

PLAN_TASK = "plan_task"  # the kind of a plan task's items (plans/planning/kinds.py)


@dataclass(frozen=True)
class Wanted:
    key: str
    label: str
    due: datetime.date | None
    waiting_for: str = ""


# Parties that decide rather than prepare: a task they lead with an advising unit ("Tham mưu:
# Thư ký ISO") is the advising unit's to prepare.
DECIDING_PARTIES = frozenset({TaskParty.LEADERSHIP, TaskParty.STEERING_COMMITTEE})


def advised(task: PlanTask) -> bool:
    """The task is led by the leadership or the steering committee only and has advising units:
    the advising units hold its items, shown with the lead."""
    leads = task.leads
    return bool(leads) and all(a.party in DECIDING_PARTIES for a in leads) and bool(task.supports)


def _units(task: PlanTask, departments: list[int]) -> list[tuple[int | None, str]]:
    """The responsible units as (department id, party): the lead units, or, where the lead cell was
    left empty or the leadership or the steering committee leads with an advising unit, the
    supporting (advising) units, else the ISO secretary, so that no task is nobody's; "all
    departments" is every active department."""
    units: list[tuple[int | None, str]] = []
    assignments = task.supports if advised(task) else (task.leads or task.supports)
    if not assignments:  # no unit named at all: the ISO secretary holds it (and is warned)
        return [(None, TaskParty.ISO_SECRETARY)]
    for assignment in assignments:
        if assignment.party == TaskParty.ALL_DEPARTMENTS:
            units.extend((department_id, "") for department_id in departments)
        elif assignment.department_id:
            units.append((assignment.department_id, ""))
        else:
            units.append((None, assignment.party))
    return list(dict.fromkeys(units))


def responsible_units(task: PlanTask, departments: list[int]) -> list[tuple[int | None, str]]:
    """The units that get the task's items (``departments``: the active ones)."""
    return _units(task, departments)


def prepared_for(task: PlanTask, item: WorkItem) -> str:
    """The lead an advising unit's item is prepared for ("Lãnh đạo"), or "" for a lead's own."""
    if not advised(task):
        return ""
    return ", ".join(a.label for a in task.leads)


def _wanted(task: PlanTask, schedule: Schedule, calendar: WorkCalendar, existing) -> list[Wanted]:
    # Periods' ends and stated dates: never exceeded (on a day off, the last working day before);
    # a label naming the written date names the due date instead.
    wanted = [
        Wanted(o.key, due_label(o, due)[:100], due)
        for o, due in zip(schedule.occurrences, schedule.due_dates(calendar), strict=True)
    ]
    for index, wait in enumerate(schedule.events):
        prefix = f"e{index}-"
        mine = {k: item for k, item in existing.items() if k.startswith(prefix)}
        # Dated by its event (or closed with a date): history, kept as it is.
        dated = {k for k, i in mine.items() if i.due_date and (i.event_id or not i.is_open)}
        label = (_("After: %(event)s") % {"event": event_words(wait)})[:100]
        if wait.fallback:
            # One obligation: one item due the fallback date and waiting for the event, until
            # the event dates it (or it is closed); then nothing more opens.
            if dated:
                wanted.extend(Wanted(k, mine[k].period_label, mine[k].due_date) for k in dated)
            else:
                key = next(iter(mine), f"{prefix}0")
                # The fallback is a stated date: never exceeded, and the label says the due date.
                deadline = calendar.deadline(wait.fallback)
                label = _("Due %(date)s, or after: %(event)s") % {
                    "date": f"{deadline:%d/%m/%Y}",
                    "event": event_words(wait),
                }
                wanted.append(Wanted(key, label[:100], deadline, wait.kind))
            continue
        # Each event of the kind dates one item and opens the next: keep one item waiting.
        used = [int(k.removeprefix(prefix)) for k in mine]
        waiting = [k for k in mine if k not in dated]
        key = waiting[0] if waiting else f"{prefix}{max(used, default=-1) + 1}"
        wanted.append(Wanted(key, label, None, wait.kind))
        wanted.extend(Wanted(k, mine[k].period_label, mine[k].due_date) for k in dated)
    if not wanted:
        # Continuous, on request or not understood: one item without a deadline, so the unit
        # still sees the task on its page.
        if schedule.continuous:
            label = _("Continuous")
        elif schedule.on_request:
            label = _("On request")
        else:
            label = _("No deadline set")
        wanted.append(Wanted("n", str(label), None))
    return wanted


@transaction.atomic
def work_items_sync(*, plan: Plan, calendar: WorkCalendar | None = None) -> None:
    """Make the plan's work items match its tasks' schedules and lead units.

    Open items are updated; done (or otherwise touched) items and their evidence are never
    changed or deleted; untouched items that are no longer wanted go away.
    """
    calendar = calendar or load_calendar()
    departments = list(
        plan.organization.departments.filter(is_active=True).values_list("pk", flat=True)
    )
    tasks = plan.tasks.prefetch_related("assignments")
    items = (
        WorkItem.objects.filter(task__plan=plan)
        .annotate(evidence_count=Count("evidence"))
        .order_by("pk")
    )
    by_task: dict[int, dict[tuple, WorkItem]] = {}
    for item in items:
        item.has_evidence = item.evidence_count > 0
        by_task.setdefault(item.task_id, {})[(item.period_key, item.department_id, item.party)] = (
            item
        )

    to_create, to_update, to_delete = [], [], []
    for task in tasks:
        existing = by_task.get(task.pk, {})
        schedule = Schedule.from_dict(task.schedule)
        for department_id, party in _units(task, departments):
            mine = {k[0]: i for k, i in existing.items() if k[1:] == (department_id, party)}
            for want in _wanted(task, schedule, calendar, mine):
                item = existing.pop((want.key, department_id, party), None)
                if item is None:
                    to_create.append(
                        item_build(
                            PLAN_TASK,
                            task,
                            organization_id=plan.organization_id,
                            year=plan.year,
                            key=want.key,
                            label=want.label,
                            due_on=want.due,  # already on a working day (``_wanted``)
                            waiting_for=want.waiting_for,
                            department_id=department_id,
                            party=party,
                            calendar=calendar,
                        )
                    )
                elif item.is_open and (item.period_label, item.due_date, item.waiting_for) != (
                    want.label,
                    want.due,
                    want.waiting_for,
                ):
                    item.period_label, item.due_date = want.label, want.due
                    item.waiting_for = want.waiting_for
                    to_update.append(item)
        to_delete.extend(item.pk for item in existing.values() if untouched(item))
    WorkItem.objects.bulk_create(to_create, batch_size=1000)
    WorkItem.objects.bulk_update(to_update, ["period_label", "due_date", "waiting_for"])
    WorkItem.objects.filter(pk__in=to_delete).delete()


@transaction.atomic
def work_items_carry_over(*, revision: Plan, replaced: Plan | None) -> None:
    """When a revision (or a joint plan of merged agencies) is approved, the items of the tasks
    it revises move to the new tasks (done items with their evidence included), then the items
    are brought to the new schedules. Untouched items of tasks the revision dropped go away;
    touched ones stay with the old plan."""
    for task in revision.tasks.exclude(origin=None):
        WorkItem.objects.filter(task_id=task.origin_id).update(
            task=task, organization=revision.organization
        )
    work_items_sync(plan=revision)
    if replaced is None:
        return
    WorkItem.objects.filter(
        task__plan=replaced, status=WorkItemStatus.NOT_STARTED, note="", evidence=None
    ).delete()


# --- what events do to a plan task's items (the planning kind's hooks, plans/planning/kinds.py) --
def task_due_after(item: WorkItem, event: Event, calendar: WorkCalendar) -> datetime.date | None:
    """The due date ``event`` gives a waiting item, if it is the event its task's schedule waits
    for and the item's plan is the one in force on the event's date (the approved plan of that
    year): guidance received in 2024 starts nothing on the 2022 or 2023 plans."""
    plan = item.task.plan
    if plan.status != PlanStatus.APPROVED or plan.year != event.occurred_on.year:
        return None
    schedule = Schedule.from_dict(item.task.schedule)
    index = int(item.period_key[1:].split("-")[0])
    if index >= len(schedule.events) or not schedule.events[index].matches(event):
        return None
    return schedule.events[index].due_after(event.occurred_on, calendar)


def plans_after_events(items: list[WorkItem], calendar: WorkCalendar) -> None:
    """Each event of the kind dates one item and opens the next: a new item waits."""
    plan_ids = {item.task.plan_id for item in items}
    for plan in Plan.objects.filter(pk__in=plan_ids).select_related("organization"):
        work_items_sync(plan=plan, calendar=calendar)


def task_done_check(item: WorkItem, user: Any) -> None:
    """A plan task's item was closed: when every item of its occurrence (the same period, every
    unit) is closed, the task is done for that occurrence, dated the day the last one was done;
    that completion is the event later tasks may wait for. Occurrences dated by an event count
    like the others, an item due a fallback date too; the items of other occurrences (later
    months, the item waiting for the next event) do not hold it back."""
    task = item.task
    occurrence = task.work_items.filter(period_key=item.period_key)
    if not occurrence.open().exists():
        last_done = occurrence.filter(is_done()).aggregate(last=Max("done_on"))["last"]
        event_record(
            organization=item.organization,
            kind=EventKind.TASK_DONE,
            occurred_on=last_done or timezone.localdate(),
            task=task,
            user=user,
            description=task.content[:200],
        )
