"""The schedule the secretary chooses by hand, and the choices that give back a schedule."""

from __future__ import annotations

import datetime

from plans.choices import OffsetUnit

from .dates import month_end
from .reader import _Reader
from .schedule import EventWait, Schedule

MANUAL_MODES = [
    "dates",
    "monthly",
    "quarterly",
    "semiannual",
    "yearly",
    "continuous",
    "event",
    "on_request",
]


def schedule_by_hand(
    mode: str,
    year: int,
    *,
    dates: list[datetime.date] = (),
    event: str = "",
    amount: int = 0,
    unit: str = OffsetUnit.DAYS,
    task_id: int | None = None,
    fallback: datetime.date | None = None,
) -> Schedule:
    """The schedule the secretary chose instead of the parser's reading. After an event, a
    ``fallback`` date keeps it one obligation (due that date until the event happens)."""
    reader = _Reader(year)
    if mode == "dates":
        for day in dates:
            reader.add(f"d-{day:%m%d}", f"Hạn {day:%d/%m/%Y}", day)
    elif mode in {"monthly", "quarterly", "semiannual", "yearly"}:
        getattr(reader, mode)()
    elif mode == "event":
        reader.events.append(EventWait(event, amount, unit, False, "", task_id, fallback))
    reader.continuous = mode == "continuous"
    reader.on_request = mode == "on_request"
    return Schedule(
        understood=True,
        occurrences=sorted(reader.occurrences.values(), key=lambda o: (o.due, o.key)),
        events=reader.events,
        continuous=reader.continuous,
        on_request=reader.on_request,
    )


def manual_mode_of(schedule: Schedule) -> dict:
    """The choices that give back ``schedule`` (to fill the form when editing)."""
    keys = [o.key for o in schedule.occurrences]
    if schedule.events:
        wait = schedule.events[0]
        return {
            "mode": "event",
            "event": wait.kind,
            "amount": wait.amount,
            "unit": wait.unit,
            "task_id": wait.task_id,
            "dates": [wait.fallback] if wait.fallback else [],
        }
    for mode, expected in {
        "monthly": [f"m-{m:02d}" for m in range(1, 13)],
        "quarterly": [f"q-{q}" for q in range(1, 5)],
        "semiannual": ["h-1", "h-2"],
        "yearly": ["y"],
    }.items():
        # Anchored on another day ("ngày 15 hằng tháng"): the dates themselves.
        if keys == expected and all(
            o.due == month_end(o.due.year, o.due.month) for o in schedule.occurrences
        ):
            return {"mode": mode}
    if keys:
        return {"mode": "dates", "dates": [o.due for o in schedule.occurrences]}
    if schedule.continuous:
        return {"mode": "continuous"}
    return {"mode": "on_request"}
