"""Move the dates and years written in a plan's texts forward when it is copied to a new year."""

import calendar
import re

# A full date (20/10/2022) or a bare year (2022, 01/2022, Quý III/2022). A year after ":" is the
# edition of a standard (TCVN ISO 9001:2015) and never moves.
_DATE_OR_YEAR = re.compile(
    r"(?P<date>\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<date_year>(?:19|20)\d{2})\b)"
    r"|(?P<year>(?<![\d:])(?:19|20)\d{2}(?!\d))"
)


def shift_years(text: str, *, from_year: int, by: int = 1) -> str:
    """Shift the plan year and the year before it (e.g. "kết quả khảo sát năm 2021" in the 2022
    plan) by ``by``; older years refer to fixed texts and stay. A date is moved as a date:
    29/02 becomes 28/02 when the new year has no 29 February."""
    shifted = {from_year, from_year - 1}

    def replace(match: re.Match) -> str:
        if match.group("year"):
            year = int(match.group("year"))
            return str(year + by) if year in shifted else match.group(0)
        day, month, year = match.group("day"), match.group("month"), int(match.group("date_year"))
        if year not in shifted:
            return match.group(0)
        new_year = year + by
        if 1 <= int(month) <= 12:
            last_day = calendar.monthrange(new_year, int(month))[1]
            if int(day) > last_day:
                day = f"{last_day:0{len(day)}d}"
        return f"{day}/{month}/{new_year}"

    return _DATE_OR_YEAR.sub(replace, text)
