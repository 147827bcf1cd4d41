"""Issue 22, point 5's properties: whatever period or date a phrase names, its due date lies in the
plan year and never after the period's end or the date written (the last working day on or before
it; only when the year has no working day before it, the year's first one)."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.planning.timing import parse_timing
from plans.work.calendar import WorkCalendar

# The parser needs no database, but the suite's session fixture looks at it (tests/conftest.py).
pytestmark = pytest.mark.django_db
CAL = WorkCalendar()
YEARS = st.integers(min_value=2021, max_value=2030)
MONTHS = st.integers(min_value=1, max_value=12)
DAYS = st.integers(min_value=1, max_value=31)


@st.composite
def phrases(draw) -> tuple[str, int]:
    """A phrase naming periods or dates of the plan year, as agencies write them."""
    year = draw(YEARS)
    month, day = draw(MONTHS), draw(DAYS)
    quarter = draw(st.sampled_from(["I", "II", "III", "IV", "1", "2", "3", "4"]))
    template = draw(
        st.sampled_from(
            [
                "Tháng {month}",
                "Trong tháng {month:02d}/{year}",
                "Quý {quarter}",
                "Quý {quarter}/{year}",
                "Trước ngày {day}/{month}",
                "Trước ngày {day}/{month}/{year}",
                "Hạn {day:02d}/{month:02d}/{year}",
                "Hàng tháng",
                "Hằng quý",
                "6 tháng/lần",
                "Cuối năm",
                "Trong năm {year}",
                "Từ tháng {month} đến tháng 12",
            ]
        )
    )
    return template.format(year=year, month=month, day=day, quarter=quarter), year


def _no_working_day_before(day: datetime.date) -> bool:
    first = datetime.date(day.year, 1, 1)
    return all(
        not CAL.is_working_day(first + datetime.timedelta(days=n))
        for n in range((day - first).days + 1)
    )


@settings(max_examples=300, deadline=None)
@given(phrases())
def test_a_due_date_is_in_the_plan_year_and_never_after_what_was_written(phrase):
    text, year = phrase
    schedule = parse_timing(text, year)
    for occurrence, due in zip(schedule.occurrences, schedule.due_dates(CAL), strict=True):
        assert due.year == year, (text, occurrence)
        assert CAL.is_working_day(due), (text, occurrence)
        assert due <= occurrence.due or _no_working_day_before(occurrence.due), (text, occurrence)
