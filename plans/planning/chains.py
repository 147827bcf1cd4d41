"""Chains: a task timed from the completion of another task of the same plan ("sau 10 ngày làm
việc kể từ ngày hoàn thành rà soát các TTHC/quy trình") waits for that task's TASK_DONE event.

The parser keeps the words naming the awaited work (``EventWait.description``); ``chains_link``
finds the task of the plan those words name and writes its id into the wait (``task_id``), so
the chain needs nobody to link it by hand. A link chosen by hand is never changed, except that a
link to a task of the version a revision replaces moves to that task's revision.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from plans.choices import EventKind
from plans.models import Plan, PlanTask
from plans.planning.timing import Schedule
from plans.planning.timing.parser import normalize

# Words that say nothing about which work is meant (normalised: no diacritics).
STOP_WORDS = frozenset(
    [
        "cac",
        "cua",
        "va",
        "cho",
        "theo",
        "ve",
        "tai",
        "tren",
        "trong",
        "nhung",
        "mot",
        "de",
        "voi",
        "da",
        "duoc",
        "nay",
        "do",
        "la",
        "cong",
        "viec",
    ]
)
# A link needs this much of the description found in the task, and that much more than the
# runner-up: otherwise the secretary links it by hand.
MIN_SCORE = 0.6
MIN_LEAD = 0.2


def _words(text: str) -> list[str]:
    plain = normalize(text)[1].replace("thu tuc hanh chinh", "tthc")
    return [w for w in re.findall(r"[a-z0-9]+", plain) if w not in STOP_WORDS]


def _score(description: list[str], content: list[str]) -> float:
    """How much of the description the task's content says: its words and its word pairs."""
    words = set(description)
    pairs = set(itertools.pairwise(description))
    found = len(words & set(content)) / len(words)
    if not pairs:
        return found
    content_pairs = set(itertools.pairwise(content))
    return (found + len(pairs & content_pairs) / len(pairs)) / 2


def best_match(description: str, candidates: list[PlanTask]) -> PlanTask | None:
    """The task whose content clearly best matches ``description``, or None."""
    wanted = _words(description)
    if not wanted:
        return None
    scored = sorted(
        ((_score(wanted, _words(task.content)), task) for task in candidates),
        key=lambda pair: -pair[0],
    )
    if not scored or scored[0][0] < MIN_SCORE:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MIN_LEAD:
        return None
    return scored[0][1]


def chains_link(plan: Plan) -> int:
    """Link the plan's waits for another task's completion to that task (see the module's
    docstring). Fallback dates and everything else in the schedules stay. Returns how many
    waits were linked."""
    tasks = list(plan.tasks.all())
    ids = {task.pk for task in tasks}
    revisions = {task.origin_id: task.pk for task in tasks if task.origin_id}
    linked = 0
    for task in tasks:
        schedule = Schedule.from_dict(task.schedule)
        events = []
        for wait in schedule.events:
            target = None
            if wait.kind == EventKind.TASK_DONE and wait.task_id not in ids:
                if wait.task_id in revisions:
                    target = revisions[wait.task_id]
                elif wait.task_id is None and wait.description:
                    others = [t for t in tasks if t.pk != task.pk]
                    match = best_match(wait.description, others)
                    target = match.pk if match else None
            if target is not None and target != task.pk:
                wait = replace(wait, task_id=target)
                linked += 1
            events.append(wait)
        if events != schedule.events:
            schedule.events = events
            task.schedule = schedule.to_dict()
            # Derived from the text and the plan's rows, like the schedule itself: no history
            # entry, and an open edit form of the task stays valid.
            PlanTask.objects.filter(pk=task.pk).update(schedule=task.schedule)
    return linked


def linked_task_ids(schedule: Schedule) -> set[int]:
    return {w.task_id for w in schedule.events if w.kind == EventKind.TASK_DONE and w.task_id}


def chains_label(tasks: list[PlanTask]) -> None:
    """Give each task of a page's list the numbers and contents of the tasks its waits are
    linked to (read by ``PlanTask.schedule_summary``), from the list itself: no query per row."""
    labels = {task.pk: (task.order, task.content) for task in tasks}
    for task in tasks:
        task.linked_tasks = labels


def linked_tasks(task: PlanTask, schedule: Schedule) -> dict[int, tuple[int, str]]:
    """Number and content of each task ``schedule``'s waits are linked to (id → (order,
    content)): from ``chains_label`` when the page set it, else one query."""
    ids = linked_task_ids(schedule)
    if not ids:
        return {}
    known = getattr(task, "linked_tasks", None)
    if known is not None and ids <= known.keys():
        return known
    rows = PlanTask.all_objects.filter(pk__in=ids).values_list("pk", "order", "content")
    return {pk: (order, content) for pk, order, content in rows}
