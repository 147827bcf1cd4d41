"""Timing phrases ("Hàng quý", "Trước ngày 20/10/2023"…) → schedules → due dates."""

from plans.work.calendar import WorkCalendar, load_calendar

from .parser import (
    MANUAL_MODES,
    describe_event,
    due_label,
    event_key,
    event_words,
    explain,
    manual_mode_of,
    parse_timing,
    schedule_by_hand,
    summarize,
)
from .schedule import NAMED, EventWait, Occurrence, Schedule

__all__ = [
    "MANUAL_MODES",
    "NAMED",
    "EventWait",
    "Occurrence",
    "Schedule",
    "WorkCalendar",
    "describe_event",
    "due_label",
    "event_key",
    "event_words",
    "explain",
    "load_calendar",
    "manual_mode_of",
    "parse_timing",
    "schedule_by_hand",
    "summarize",
]
