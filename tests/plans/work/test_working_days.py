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


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day():
    assert CAL.deadline(D(2024, 2, 10)) == D(2024, 2, 15)  # Tết 2024
    assert CAL.deadline(D(2022, 12, 31)) == D(2022, 12, 30)  # but not into the next year


@pytest.mark.django_db
def test_the_administrators_table_corrects_the_package():
    CalendarException.objects.create(date=D(2025, 4, 26), kind=CalendarDayKind.WORKING_DAY)
    CalendarException.objects.create(date=D(2025, 7, 7), kind=CalendarDayKind.DAY_OFF)
    calendar = load_calendar()
    assert calendar.is_working_day(D(2025, 4, 26))  # a Saturday worked to make up
    assert not calendar.is_working_day(D(2025, 7, 7))
    assert calendar.add_working_days(D(2025, 7, 4), 1) == D(2025, 7, 8)
