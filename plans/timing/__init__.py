"""Timing phrases ("Hàng quý", "Trước ngày 20/10/2023"…) → schedules → due dates."""

from .calendar import WorkCalendar, load_calendar
from .parser import parse_timing
from .schedule import EventWait, Occurrence, Schedule

__all__ = ["EventWait", "Occurrence", "Schedule", "WorkCalendar", "load_calendar", "parse_timing"]
