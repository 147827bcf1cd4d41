"""What completes a plan task ("Hoàn thành khi"): a record of another module reaching a state —
the objectives approved, the audit report approved, the review's minutes approved…

Each domain declares the completions its records give (``register``, in its ``kinds`` module),
with the words of a task that propose them. A task's completion is proposed from its words when
the plan is approved, copied or imported, unless the secretary chose it (``fulfilled_by_manual``).
When the record reaches the state, its service calls ``record_fulfils``: the matching open items
of the plan in force for that year close, dated the day the record did, by the person who
completed it, with the record as evidence; if the record goes back, ``items_reopen_for`` (the
work service) opens them again.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from plans.choices import PlanStatus
from plans.models import PlanTask, WorkItem
from plans.planning.timing.parser import normalize
from plans.planning.work_items import PLAN_TASK
from plans.work.services import work_item_complete

NONE = "-"  # the secretary's choice "no record: the units mark it done"


@dataclass(frozen=True)
class Fulfilment:
    name: str  # stored in PlanTask.fulfilled_by
    label: Any  # "Mục tiêu chất lượng được phê duyệt"
    words: re.Pattern  # on the task's content, without accents, lower case (``normalize``)


_FULFILMENTS: dict[str, Fulfilment] = {}


def register(fulfilment: Fulfilment) -> Fulfilment:
    if _FULFILMENTS.get(fulfilment.name, fulfilment) != fulfilment:
        raise ValueError(f"completion {fulfilment.name!r} is declared twice")
    _FULFILMENTS[fulfilment.name] = fulfilment
    return fulfilment


def all_fulfilments() -> list[Fulfilment]:
    return list(_FULFILMENTS.values())


def label(name: str) -> str:
    fulfilment = _FULFILMENTS.get(name)
    return str(fulfilment.label) if fulfilment else ""


def propose(content: str) -> str:
    """The completion the task's words name, if one does: the longest match wins ("Báo cáo kết
    quả thực hiện mục tiêu chất lượng" is the results, not the objectives)."""
    text = normalize(content)[1]
    best, length = "", 0
    for fulfilment in _FULFILMENTS.values():
        match = fulfilment.words.search(text)
        if match and len(match.group(0)) > length:
            best, length = fulfilment.name, len(match.group(0))
    return best


def fulfilments_propose(tasks) -> int:
    """Propose each task's completion from its words, except where the secretary chose it.
    Returns how many tasks changed."""
    changed = []
    for task in tasks.filter(fulfilled_by_manual=False):
        proposed = propose(task.content)
        if task.fulfilled_by != proposed:
            task.fulfilled_by = proposed
            changed.append(task)
    PlanTask.objects.bulk_update(changed, ["fulfilled_by"])
    return len(changed)


@dataclass(frozen=True)
class Period:
    """The period a record reports on (objective results of a quarter): it closes the item of
    the same period, or the one due from the period's end until one period later."""

    key: str
    start: datetime.date
    end: datetime.date

    def matches(self) -> Q:
        span = self.end - self.start + datetime.timedelta(days=1)
        return Q(period_key=self.key) | Q(due_date__gte=self.end, due_date__lt=self.end + span)


def _fulfilled(items: list[WorkItem], done_on: datetime.date) -> list[WorkItem]:
    """Of one unit's open items of a task (dated first), those a record of ``done_on`` fulfils:
    the current occurrence of its schedule (the first of two audits closes the first half's
    item, not the second's), and what an event asked for by that day (the review held in
    December is also the one "after each audit" of September). Nothing of either: the first
    item, dated or not (a continuous task, one waiting for the next event)."""
    dated = [item for item in items if item.due_date]
    chosen = [item for item in dated if item.event_id and item.due_date <= done_on]
    periodic = [item for item in dated if not item.event_id]
    if periodic:
        chosen.append(periodic[0])
    return chosen or items[:1]


@transaction.atomic
def record_fulfils(
    name: str,
    *,
    organization: Any,
    year: int,
    done_on: datetime.date,
    user: Any,
    record: Any,
    period: Period | None = None,
    department_id: int | None = None,
) -> int:
    """``record`` reached the state that completes the tasks of ``name``: their open items in the
    approved plan of ``year`` close (``_fulfilled``). ``department_id``: the record is one unit's
    (its own objectives), only its items close. Returns how many."""
    items = WorkItem.objects.open().filter(
        kind=PLAN_TASK,
        organization=organization,
        task__fulfilled_by=name,
        task__deleted_at=None,
        task__plan__year=year,
        task__plan__status=PlanStatus.APPROVED,
    )
    if department_id is not None:
        items = items.filter(department_id=department_id)
    if period is not None:
        items = items.filter(period.matches())
    units: dict[tuple, list[WorkItem]] = {}
    for item in items.order_by(F("due_date").asc(nulls_last=True), "pk"):
        units.setdefault((item.task_id, item.department_id, item.party), []).append(item)
    chosen = [item for unit_items in units.values() for item in _fulfilled(unit_items, done_on)]
    for item in chosen:
        work_item_complete(
            item=item,
            user=user,
            done_on=min(max(done_on, datetime.date(item.year, 1, 1)), timezone.localdate()),
            record=record,
            on_behalf=False,  # the record's author did the work, not the secretary for a unit
        )
    return len(chosen)
