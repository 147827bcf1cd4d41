"""Issue 22, point 5's properties: whatever period or date a phrase names, its due date lies in the
plan year and never after the period's end or the date written (the last working day on or before
it; only when the year has no working day before it, the year's first one); and the summary the
secretary reads, read back, gives the same schedule (what is shown is what will happen)."""

import datetime

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.planning.timing import parse_timing, summarize
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
                "Tháng {month}-12/{year}",
                "Trước tháng {month}",
                "Đầu tháng {month}",
                "Giữa tháng {month}",
                "Tuần đầu tiên của tháng {month}",
                "Trước ngày {day} hằng tháng",
                "Hàng tháng, trước ngày {day}",
                "Trước ngày {day} của tháng cuối mỗi quý",
                "Quý I và Quý {quarter}",
                "6 tháng đầu năm",
                "Sơ kết 6 tháng, tổng kết năm",
                "Từ {day:02d}-{month:02d} đến 31-12",
            ]
        )
    )
    return template.format(year=year, month=month, day=day, quarter=quarter), year


@st.composite
def schedules(draw) -> tuple[str, int]:
    """Any of the above, continuous or on request beside it, or an event (built-in or named,
    with a delay, before it, or either/or with a date)."""
    text, year = draw(phrases())
    event = draw(
        st.sampled_from(
            [
                "",
                "; thường xuyên",
                " hoặc đột xuất theo yêu cầu",
                "; sau khi kết thúc đợt đánh giá nội bộ",
                "; trong vòng {n} ngày làm việc kể từ khi có văn bản hướng dẫn mới",
                "; {n} ngày trước cuộc họp xem xét của lãnh đạo",
                "; chậm nhất {n} ngày kể từ ngày nhận được kết luận thanh tra",
                " hoặc khi có sự thay đổi về cơ cấu tổ chức",
            ]
        )
    )
    return text + event.format(n=draw(st.integers(min_value=1, max_value=60))), year


def what_happens(text: str, year: int) -> tuple:
    """The schedule as it will happen: due dates, waits (with the date that stands without the
    event), continuous, on request."""
    schedule = parse_timing(text, year)
    waits = [
        (
            w.kind,
            w.amount,
            w.amount and w.unit,
            w.before,
            w.description,
            w.fallback and CAL.deadline(w.fallback),
        )
        for w in schedule.events
    ]
    return (
        schedule.understood,
        sorted(schedule.due_dates(CAL)),
        sorted(waits, key=repr),
        schedule.continuous,
        schedule.on_request,
    )


@settings(max_examples=300, deadline=None)
@given(schedules())
def test_the_summary_read_back_gives_the_same_schedule(phrase):
    text, year = phrase
    with translation.override("vi"):
        summary = summarize(parse_timing(text, year), CAL)
        assert what_happens(summary, year) == what_happens(text, year), summary


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
