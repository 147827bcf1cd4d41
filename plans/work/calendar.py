"""Working days: Monday–Friday minus Vietnamese public holidays (lunar New Year included), from the
``holidays`` package, corrected by the admin-editable table of extra days off and make-up
working Saturdays (the government announces them each year and the package lags behind).

Two rules put a deadline on a working day (``deadline``):

- A deadline that comes from a period or a stated date ("Tháng 6", "Quý III", "Năm 2023", "Trước
  ngày 30/4/2023", "Trong tháng 01") is never later than the period's end or the stated date: if
  that day is not a working day, the deadline is the last working day before it (30/12/2023, a
  Saturday, gives 29/12). What the director signed is never pushed out of its period. (Only a
  date in the first days of January with no working day of its year before it is due the
  year's first working day: the work of a year is due within it.)
- A deadline counted from an event or another date ("30 ngày kể từ…", a period's end plus the
  days allowed to report, a review due N months after the last) follows the Civil Code
  (art. 148): a period ending on a day off ends on the next working day (``add``,
  ``add_working_days``, ``deadline(day, counted=True)``).

``why`` says why a day is not a working day, so that a reading whose due date differs from the
written date can say so ("Hạn 29/12/2023 — 30/12 là thứ Bảy")."""

from __future__ import annotations

import datetime
from functools import cache

import holidays
from dateutil.relativedelta import relativedelta
from django.utils import translation
from django.utils.translation import gettext as _


@cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


@cache
def _holiday_names(year: int, language: str) -> dict[datetime.date, str]:
    """The public holidays of ``year`` with their names in ``language`` ("vi" or "en_US")."""
    return dict(holidays.country_holidays("VN", years=year, language=language).items())


def _holiday_name(day: datetime.date) -> str:
    language = "vi" if (translation.get_language() or "").startswith("vi") else "en_US"
    return _holiday_names(day.year, language).get(day, "")


class WorkCalendar:
    def __init__(
        self,
        days_off: set[datetime.date] | frozenset = frozenset(),
        working_days: set[datetime.date] | frozenset = frozenset(),
        descriptions: dict[datetime.date, str] | None = None,
    ):
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)
        # What the administrator wrote of an extra day off ("Nghỉ bù Tết 2025"), said by ``why``.
        self.descriptions = dict(descriptions or {})

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
        """The day itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day

    def deadline(self, day: datetime.date, *, counted: bool = False) -> datetime.date:
        """The due date of an obligation written as ``day``, on a working day.

        A period's end or a stated date (``counted`` false) is never exceeded: the last working
        day on or before it — unless that is in the year before (01/01 or 02/01 written as a
        date: the work of a year is due within it), then the year's first working day. A date
        counted from an event or another date (``counted``) ends, if it falls on a day off, on
        the next working day (Civil Code, art. 148)."""
        if counted:
            return self.next_working_day(day)
        before = self.previous_working_day(day)
        return before if before.year == day.year else self.next_working_day(day)

    def why(self, day: datetime.date) -> str:
        """Why ``day`` is not a working day, in the user's language ("30/12 là thứ Bảy"); "" if
        it is one."""
        if self.is_working_day(day):
            return ""
        date = f"{day:%d/%m}"
        if day in self.days_off:
            if self.descriptions.get(day):
                return _("%(date)s is a day off (%(name)s)") % {
                    "date": date,
                    "name": self.descriptions[day],
                }
            return _("%(date)s is a day off") % {"date": date}
        if name := _holiday_name(day):
            return _("%(date)s is a public holiday (%(name)s)") % {"date": date, "name": name}
        if day.weekday() == 5:
            return _("%(date)s is a Saturday") % {"date": date}
        if day.weekday() == 6:
            return _("%(date)s is a Sunday") % {"date": date}
        return _("%(date)s is a day off") % {"date": date}

    def add_working_days(self, day: datetime.date, count: int) -> datetime.date:
        """The ``count``-th working day after ``day`` (the event day itself is not counted)."""
        while count > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def add(self, day: datetime.date, amount: int, unit: str) -> datetime.date:
        """``day`` moved by an offset counted from it; the result is a working day (a period
        ending on a day off ends on the next working day, Civil Code art. 148)."""
        if unit == "working_days":
            return self.add_working_days(day, amount)
        return self.deadline(day + _offset(amount, unit), counted=True)

    def before(self, day: datetime.date, amount: int, unit: str) -> datetime.date:
        """The deadline ``amount`` ``unit`` before ``day`` ("trước mỗi đợt đánh giá 01 tuần"): never
        later than that, so the last working day on or before it."""
        if unit == "working_days":
            while amount > 0:
                day -= datetime.timedelta(days=1)
                if self.is_working_day(day):
                    amount -= 1
            return self.previous_working_day(day)
        return self.deadline(day - _offset(amount, unit))


def _offset(amount: int, unit: str) -> relativedelta:
    if unit == "months":
        return relativedelta(months=amount)
    if unit == "weeks":
        return relativedelta(weeks=amount)
    return relativedelta(days=amount)


def load_calendar() -> WorkCalendar:
    """The calendar with the exceptions recorded by the administrator."""
    from plans.choices import CalendarDayKind
    from plans.work.models import CalendarException

    rows = CalendarException.objects.values_list("date", "kind", "description")
    return WorkCalendar(
        days_off={d for d, kind, _text in rows if kind == CalendarDayKind.DAY_OFF},
        working_days={d for d, kind, _text in rows if kind == CalendarDayKind.WORKING_DAY},
        descriptions={d: text for d, kind, text in rows if kind == CalendarDayKind.DAY_OFF},
    )
