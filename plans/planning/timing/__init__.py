"""Timing phrases ("Hàng quý", "Trước ngày 20/10/2023"…) → schedules → due dates."""

from plans.work.calendar import WorkCalendar, load_calendar

from .parser import (
    MANUAL_MODES,
    due_label,
    explain,
    manual_mode_of,
    parse_timing,
    schedule_by_hand,
    summarize,
)
from .schedule import EventWait, Occurrence, Schedule

__all__ = [
    "MANUAL_MODES",
    "EventWait",
    "Occurrence",
    "Schedule",
    "WorkCalendar",
    "due_label",
    "explain",
    "load_calendar",
    "manual_mode_of",
    "parse_timing",
    "schedule_by_hand",
    "summarize",
]
