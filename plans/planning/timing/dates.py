"""Days and dates: "15/7", "15.7", "01-6", "31/8/2023", "ngày 10 tháng 7 năm 2023"."""

from __future__ import annotations

import calendar as _calendar
import datetime
import re

# d/m[/yyyy], d.m[.yyyy] or d-m[-yyyy]: one separator throughout.
DATE = r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}))?"
FULL_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/])")
# A day and month alone: with "/" or "." anywhere, with "-" only after "ngày", "trước", "từ"…
DAY_MONTH = re.compile(
    r"(?:(?<=ngay )|(?<=ngay)|(?<=truoc )|(?<=han )|(?<=den )|(?<=tu )|(?<=toi ))"
    r"(\d{1,2})-(\d{1,2})(?![\d/.\-])"
    r"|(?<![\d/.\-\w])(\d{1,2})([/.])(\d{1,2})(?![\d/\-]|\.\d)"
)
# "Trước ngày 20 tháng 6 và tháng 12": one day of each month listed.
DAY_OF_MONTHS = re.compile(
    r"ngay (\d{1,2}) thang (\d{1,2})((?:\s*(?:,|va)\s*(?:thang\s*)?\d{1,2}(?![\d/.\-]))+)"
    r"(?:\s*/\s*(\d{4}))?"
)
WORDED_DATE = re.compile(r"ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?(?![\d/])")
# "từ 01-6 đến 15-7", "01/6 đến 30/6/2023": one obligation, due at its end.
DATE_RANGE = re.compile(
    rf"(?:tu\s*)?(?:ngay\s*)?(?<![\d/.\-]){DATE}\s*(?:den|toi|-|–)\s*(?:het\s*)?(?:ngay\s*)?"
    r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})(?:\s*\6\s*(\d{4}))?"
)


def valid_year(year: int) -> bool:
    return 1900 <= year <= 2200


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _calendar.monthrange(year, month)[1])


def day_in_month(year: int, month: int, day: int) -> datetime.date:
    """Day ``day`` of the month, or its last day ("ngày 31 hằng tháng" in April is the 30th)."""
    return datetime.date(year, month, min(day, _calendar.monthrange(year, month)[1]))


def date_or_none(day: int, month: int, year: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
