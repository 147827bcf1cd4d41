"""Working days: Monday–Friday minus Vietnamese public holidays (lunar New Year included), from the
``holidays`` package, corrected by the admin-editable table of extra days off and make-up
working Saturdays (the government announces them each year and the package lags behind)."""

from __future__ import annotations

import datetime
from functools import cache

import holidays
from dateutil.relativedelta import relativedelta


@cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


class WorkCalendar:
    def __init__(
        self,
        days_off: set[datetime.date] | frozenset = frozenset(),
        working_days: set[datetime.date] | frozenset = frozenset(),
    ):
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off or day.weekday() >= 5:
            return False
        return day not in _public_holidays(day.year)

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The day itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        while not self.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day

    def deadline(self, day: datetime.date) -> datetime.date:
        """A deadline on a day off moves to the next working day (as a period ending on a day
        off does under the Civil Code, art. 148) — except across the new year: a plan's work is
        due within its year, so 31/12 on a Saturday becomes the last working day before it."""
        moved = self.next_working_day(day)
        return moved if moved.year == day.year else self.previous_working_day(day)

    def add_working_days(self, day: datetime.date, count: int) -> datetime.date:
        """The ``count``-th working day after ``day`` (the event day itself is not counted)."""
        while count > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def add(self, day: datetime.date, amount: int, unit: str) -> datetime.date:
        """``day`` moved by an offset; the result is a working day (moved forward if not)."""
        if unit == "working_days":
            return self.add_working_days(day, amount)
        if unit == "months":
            return self.next_working_day(day + relativedelta(months=amount))
        if unit == "weeks":
            return self.next_working_day(day + datetime.timedelta(weeks=amount))
        return self.next_working_day(day + datetime.timedelta(days=amount))


def load_calendar() -> WorkCalendar:
    """The calendar with the exceptions recorded by the administrator."""
    from plans.choices import CalendarDayKind
    from plans.work.models import CalendarException

    rows = CalendarException.objects.values_list("date", "kind")
    return WorkCalendar(
        days_off={d for d, kind in rows if kind == CalendarDayKind.DAY_OFF},
        working_days={d for d, kind in rows if kind == CalendarDayKind.WORKING_DAY},
    )
