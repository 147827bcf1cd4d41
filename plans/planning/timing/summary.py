"""What a schedule means, in the user's words: generated from the schedule itself, so that what
the secretary reads is what will happen."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans.choices import EventKind, OffsetUnit
from plans.work.calendar import WorkCalendar

from .dates import month_end
from .events import NAMED
from .reader import parse_timing
from .schedule import EventWait, Occurrence, Schedule


# --- what it understood, in words ---------------------------------------------------------------
def _offset_words(wait: EventWait) -> str:
    units = {
        OffsetUnit.DAYS: ngettext("%(n)s day", "%(n)s days", wait.amount),
        OffsetUnit.WORKING_DAYS: ngettext("%(n)s working day", "%(n)s working days", wait.amount),
        OffsetUnit.WEEKS: ngettext("%(n)s week", "%(n)s weeks", wait.amount),
        OffsetUnit.MONTHS: ngettext("%(n)s month", "%(n)s months", wait.amount),
    }
    return units.get(wait.unit, units[OffsetUnit.DAYS]) % {"n": wait.amount}


def describe_event(
    wait: EventWait,
    calendar: WorkCalendar | None = None,
    tasks: dict[int, tuple[int, str]] | None = None,
) -> str:
    """The wait in words. ``tasks`` (id → (number, content)) names the task a "task_done" wait is
    linked to; a fallback date is said as the deadline if the event does not happen."""
    linked = tasks.get(wait.task_id) if tasks and wait.task_id else None
    if linked:
        number, content = linked
        text = _("After task no. %(number)s is done: %(content)s") % {
            "number": number,
            "content": _shorten(content),
        }
        if wait.amount:
            text = _("%(event)s; due %(offset)s after it") % {
                "event": text,
                "offset": _offset_words(wait),
            }
    else:
        text = _wait_words(wait)
    if wait.fallback:
        # A stated date: never exceeded (on a day off, the last working day before it).
        calendar = calendar or WorkCalendar()
        deadline = calendar.deadline(wait.fallback)
        date = f"{deadline:%d/%m/%Y}"
        if deadline != wait.fallback:
            date = f"{date} ({calendar.why(wait.fallback)})"
        text = _("%(event)s, or due %(date)s if it does not happen") % {
            "event": text,
            "date": date,
        }
    return text


def _shorten(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def event_words(wait: EventWait) -> str:
    """The awaited event's name: a built-in kind's label, or a named event's own words."""
    if wait.kind == NAMED:
        return wait.description
    return str(EventKind(wait.kind).label) if wait.kind in EventKind.values else wait.kind


def _wait_words(wait: EventWait) -> str:
    event = event_words(wait)
    if wait.kind != NAMED:
        if event[1:2].islower():  # mid-sentence; "ISO …" keeps its capitals
            event = event[:1].lower() + event[1:]
        if wait.description:
            event = f"{event} ({wait.description})"
    if wait.before and wait.amount:
        return _("Waits for an event: %(event)s, due %(offset)s before it") % {
            "event": event,
            "offset": _offset_words(wait),
        }
    if wait.before:
        return _("Waits for an event: %(event)s, due before it") % {"event": event}
    if not wait.amount:
        return _("Waits for an event: %(event)s, due when it happens") % {"event": event}
    return _("Waits for an event: %(event)s, due %(offset)s after it") % {
        "event": event,
        "offset": _offset_words(wait),
    }


def summarize(
    schedule: Schedule,
    calendar: WorkCalendar | None = None,
    tasks: dict[int, tuple[int, str]] | None = None,
) -> str:
    """One line in the user's language: "12 lần: hạn cuối mỗi tháng", "Hạn 20/10/2023"…
    (``tasks``: see ``describe_event``)."""
    if not schedule.understood:
        return schedule.note or _("Not understood: choose the schedule by hand.")
    calendar = calendar or WorkCalendar()
    parts = []
    keys = [o.key for o in schedule.occurrences]
    dated = [o for o in schedule.occurrences if o.key != "s"]
    monthly = keys == [f"m-{m:02d}" for m in range(1, 13)]
    days = {o.due.day for o in schedule.occurrences}
    moved = _why_moved(dated, calendar)
    if monthly and _at_period_ends(schedule.occurrences, 1):
        parts.append(_("12 times: due at the end of each month") + moved)
    elif monthly and len(days) == 1:
        parts.append(_("12 times: due on day %(day)s of each month") % {"day": days.pop()} + moved)
    elif keys == [f"q-{q}" for q in range(1, 5)] and _at_period_ends(schedule.occurrences, 3):
        parts.append(_("4 times: due at the end of each quarter") + moved)
    elif dated:
        dates = ", ".join(f"{d:%d/%m/%Y}" for d in _dues(dated, calendar))
        if len(dated) == 1:
            parts.append(_("Due %(dates)s") % {"dates": dates} + moved)
        else:
            parts.append(
                _("%(count)s times: due %(dates)s") % {"count": len(dated), "dates": dates} + moved
            )
    if schedule.continuous:
        parts.append(_("Continuous, no fixed deadline"))
    summary = [o for o in schedule.occurrences if o.key == "s"]
    if summary:
        parts.append(
            _("summary due %(date)s") % {"date": f"{_dues(summary, calendar)[0]:%d/%m/%Y}"}
            + _why_moved(summary, calendar)
        )
    parts.extend(describe_event(e, calendar, tasks) for e in schedule.events)
    if schedule.on_request:
        parts.append(_("On request, no fixed deadline"))
    return "; ".join(parts)


def _at_period_ends(occurrences: list[Occurrence], months: int) -> bool:
    """Each occurrence is due the last day of its period (of ``months`` months)."""
    return all(
        o.due.month % months == 0 and o.due == month_end(o.due.year, o.due.month)
        for o in occurrences
    )


def _dues(occurrences: list[Occurrence], calendar: WorkCalendar) -> list[datetime.date]:
    """Periods' ends and stated dates: never exceeded (``WorkCalendar.deadline``)."""
    return [calendar.deadline(o.due) for o in occurrences]


def _why_moved(occurrences: list[Occurrence], calendar: WorkCalendar) -> str:
    """Why due dates differ from the written ones, after " — ": "30/12 là thứ Bảy" for one
    occurrence, "30/09 là thứ Bảy, hạn 29/09; …" for several; "" when none moved."""
    moved = [(o.due, due) for o, due in zip(occurrences, _dues(occurrences, calendar), strict=True)]
    moved = [(written, due) for written, due in moved if due != written]
    if not moved:
        return ""
    if len(occurrences) == 1:
        return f" — {calendar.why(moved[0][0])}"
    reasons = (
        _("%(why)s, due %(date)s") % {"why": calendar.why(written), "date": f"{due:%d/%m}"}
        for written, due in moved
    )
    return " — " + "; ".join(reasons)


def moved_dates(schedule: Schedule, calendar: WorkCalendar) -> list[dict]:
    """The written dates (periods' ends, stated dates, fallbacks) whose due date differs, with
    the reason: [{"written", "due", "why"}]."""
    written = [o.due for o in schedule.occurrences]
    written += [wait.fallback for wait in schedule.events if wait.fallback]
    return [
        {"written": day.isoformat(), "due": due.isoformat(), "why": calendar.why(day)}
        for day in dict.fromkeys(written)
        if (due := calendar.deadline(day)) != day
    ]


def due_label(occurrence: Occurrence, due: datetime.date) -> str:
    """The occurrence's label as its work item shows it: where it names the written date
    ("Hạn 30/12/2023"), the due date instead ("Hạn 29/12/2023"), so label and due date agree."""
    if due == occurrence.due:
        return occurrence.label
    return occurrence.label.replace(f"{occurrence.due:%d/%m/%Y}", f"{due:%d/%m/%Y}")


def explain(text: str, year: int, calendar: WorkCalendar | None = None) -> dict:
    """What the parser understood, as the task form shows it and `explain_timing` prints it."""
    calendar = calendar or WorkCalendar()
    schedule = parse_timing(text, year)
    wait = schedule.event
    return {
        "understood": schedule.understood,
        "due_dates": [d.isoformat() for d in schedule.due_dates(calendar)],
        "periods": [
            due_label(o, due)
            for o, due in zip(schedule.occurrences, schedule.due_dates(calendar), strict=True)
        ],
        "moved": moved_dates(schedule, calendar),
        "event": wait.kind if wait else None,
        "offset": {"amount": wait.amount, "unit": wait.unit, "before": wait.before}
        if wait
        else None,
        "fallback": wait.fallback.isoformat() if wait and wait.fallback else None,
        "continuous": schedule.continuous,
        "on_request": schedule.on_request,
        "summary": summarize(schedule, calendar),
    }
