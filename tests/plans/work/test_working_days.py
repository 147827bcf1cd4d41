"""Working days: Monday–Friday minus Vietnamese public holidays, corrected by the admin table."""

import datetime

import pytest

from plans.choices import CalendarDayKind
from plans.models import CalendarException
from plans.work.calendar import WorkCalendar, load_calendar

D = datetime.date
CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2023, 1, 20), False),  # 29 Tết 2023
        (D(2023, 1, 26), False),  # 5th day of Tết 2023
        (D(2023, 1, 27), True),
        (D(2024, 2, 8), False),  # Tết 2024
        (D(2024, 2, 14), False),
        (D(2024, 2, 15), True),
        (D(2025, 1, 27), False),  # Tết 2025
        (D(2025, 1, 31), False),
        (D(2025, 2, 3), True),
        (D(2026, 2, 16), False),  # Tết 2026
        (D(2026, 2, 20), False),
        (D(2026, 2, 23), True),
        (D(2024, 4, 30), False),  # 30/4
        (D(2024, 5, 1), False),  # 1/5
        (D(2025, 9, 2), False),  # 2/9
        (D(2024, 9, 3), False),  # 2/9 holiday, second day
        (D(2025, 7, 5), False),  # an ordinary Saturday
        (D(2025, 7, 7), True),
    ],
)
def test_public_holidays_and_weekends(day, working):
    assert CAL.is_working_day(day) is working


def test_thirty_working_days_across_tet_2023():
    # From 10/01/2023: Tết 20–26/01 and the weekends are skipped.
    assert CAL.add_working_days(D(2023, 1, 10), 30) == D(2023, 2, 28)


def test_working_days_across_30_4_and_1_5_2025():
    # 29/4 (Tue) + 3 working days: 30/4, 1/5 and 2/5 are days off, then the weekend.
    assert CAL.add_working_days(D(2025, 4, 29), 3) == D(2025, 5, 7)


def test_working_days_across_national_day_2026():
    # 31/8/2026 (make-up day off), 1/9 and 2/9 are days off.
    assert CAL.add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)


def test_a_period_end_or_stated_date_on_a_day_off_is_due_the_working_day_before():
    # Never later than what was written: the last working day on or before it.
    assert CAL.deadline(D(2024, 2, 10)) == D(2024, 2, 7)  # Tết 2024 (8–14/02)
    assert CAL.deadline(D(2022, 12, 31)) == D(2022, 12, 30)  # a Saturday
    assert CAL.deadline(D(2023, 9, 30)) == D(2023, 9, 29)  # a Saturday, not Monday 02/10
    assert CAL.deadline(D(2023, 4, 30)) == D(2023, 4, 28)  # 30/4 and Saturday 29/4 off
    assert CAL.deadline(D(2023, 6, 30)) == D(2023, 6, 30)  # a Friday: unchanged
    # No working day of 2023 is on or before 02/01/2023 (01/01 a Sunday, 02/01 in lieu): the
    # year's first working day rather than one of the year before.
    assert CAL.deadline(D(2023, 1, 2)) == D(2023, 1, 3)


def test_a_counted_deadline_on_a_day_off_moves_to_the_next_working_day():
    # Civil Code, art. 148: a period ending on a day off ends on the next working day.
    assert CAL.deadline(D(2024, 2, 10), counted=True) == D(2024, 2, 15)
    assert CAL.deadline(D(2023, 9, 30), counted=True) == D(2023, 10, 2)
    assert CAL.deadline(D(2023, 12, 31), counted=True) == D(2024, 1, 2)  # 01/01 off too


def test_thirty_days_from_an_event_landing_on_a_saturday_is_due_the_monday_after():
    # 14/08/2023 + 30 days = Wednesday 13/09; 31/08/2023 + 30 days = Saturday 30/09.
    assert CAL.add(D(2023, 8, 31), 30, "days") == D(2023, 10, 2)
    assert CAL.add(D(2023, 8, 14), 30, "days") == D(2023, 9, 13)


def test_a_deadline_before_an_event_is_never_later_than_the_day_counted_back():
    # One week before Monday 09/10/2023 is Monday 02/10; 7 days before 08/10 is Sunday 01/10,
    # so Friday 29/09.
    assert CAL.before(D(2023, 10, 9), 1, "weeks") == D(2023, 10, 2)
    assert CAL.before(D(2023, 10, 8), 7, "days") == D(2023, 9, 29)
    assert CAL.before(D(2023, 10, 9), 2, "working_days") == D(2023, 10, 5)


def test_why_a_day_is_not_a_working_day():
    assert CAL.why(D(2023, 12, 30)) == "30/12 là thứ Bảy"
    assert CAL.why(D(2023, 12, 31)) == "31/12 là Chủ nhật"
    assert CAL.why(D(2023, 4, 30)) == "30/04 là ngày nghỉ lễ (Ngày Chiến thắng)"
    assert "Tết Nguyên Đán" in CAL.why(D(2025, 1, 31))
    assert CAL.why(D(2023, 12, 29)) == ""  # a working day
    own = WorkCalendar(days_off={D(2025, 7, 7)}, descriptions={D(2025, 7, 7): "Nghỉ bù"})
    assert own.why(D(2025, 7, 7)) == "07/07 là ngày nghỉ (Nghỉ bù)"
    assert WorkCalendar(days_off={D(2025, 7, 8)}).why(D(2025, 7, 8)) == "08/07 là ngày nghỉ"


@pytest.mark.django_db
def test_the_administrators_table_corrects_the_package():
    CalendarException.objects.create(date=D(2025, 4, 26), kind=CalendarDayKind.WORKING_DAY)
    CalendarException.objects.create(date=D(2025, 7, 7), kind=CalendarDayKind.DAY_OFF)
    calendar = load_calendar()
    assert calendar.is_working_day(D(2025, 4, 26))  # a Saturday worked to make up
    assert not calendar.is_working_day(D(2025, 7, 7))
    assert calendar.add_working_days(D(2025, 7, 4), 1) == D(2025, 7, 8)


@pytest.mark.django_db
def test_the_administrators_description_says_why_a_day_is_off():
    CalendarException.objects.create(
        date=D(2025, 7, 7), kind=CalendarDayKind.DAY_OFF, description="Nghỉ bù Tết 2025"
    )
    calendar = load_calendar()
    assert calendar.deadline(D(2025, 7, 7)) == D(2025, 7, 4)
    assert calendar.why(D(2025, 7, 7)) == "07/07 là ngày nghỉ (Nghỉ bù Tết 2025)"
