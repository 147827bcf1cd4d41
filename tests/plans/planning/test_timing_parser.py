"""Every timing text of the seeds and of DESIGN.md, with the exact schedule expected."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.planning.timing import (
    EventWait,
    Schedule,
    WorkCalendar,
    explain,
    parse_timing,
    summarize,
)
from plans.planning.timing.numbers import numbers_as_digits
from plans.planning.timing.text import event_key, normalize

D = datetime.date
CAL = WorkCalendar()


def _dues(text, year):
    return parse_timing(text, year).due_dates(CAL)


def _event(text, year=2023):
    wait = parse_timing(text, year).event
    return (wait.kind, wait.amount, wait.unit, wait.before) if wait else None


# A month's end is never exceeded: on a day off, the last working day before it. 31/1 is in Tết
# (Friday 28/1), 30/4 a Saturday, 31/7 a Sunday, 31/12 a Saturday.
MONTH_ENDS_2022 = [
    D(2022, 1, 28), D(2022, 2, 28), D(2022, 3, 31), D(2022, 4, 29), D(2022, 5, 31),
    D(2022, 6, 30), D(2022, 7, 29), D(2022, 8, 31), D(2022, 9, 30), D(2022, 10, 31),
    D(2022, 11, 30), D(2022, 12, 30),
]  # fmt: skip

DATED = [
    # (text, plan year, due dates: a day off gives the last working day before it)
    ("Trước ngày 20/10/2023", 2023, [D(2023, 10, 20)]),
    ("Trước ngày 28/02/2023", 2023, [D(2023, 2, 28)]),
    ("Trong tháng 01/2022", 2022, [D(2022, 1, 28)]),  # 31/1/2022 is in Tết: before it
    ("Trong tháng 02/2022", 2022, [D(2022, 2, 28)]),
    ("Tháng 03/2022", 2022, [D(2022, 3, 31)]),
    ("Tháng 12/2022", 2022, [D(2022, 12, 30)]),  # 31/12 Saturday: stays in the plan year
    ("Tháng 3", 2021, [D(2021, 3, 31)]),
    ("Tháng 02", 2021, [D(2021, 2, 26)]),  # 28/02/2021 is a Sunday
    ("Tháng 10", 2021, [D(2021, 10, 29)]),  # 31/10/2021 is a Sunday
    ("Tháng 11", 2021, [D(2021, 11, 30)]),
    ("tháng 6", 2022, [D(2022, 6, 30)]),
    ("1/2022", 2022, [D(2022, 1, 28)]),
    ("Quý III/2022.", 2022, [D(2022, 9, 30)]),
    ("Quý III/2022", 2022, [D(2022, 9, 30)]),
    ("quý III/2022", 2022, [D(2022, 9, 30)]),
    ("Quý 3", 2022, [D(2022, 9, 30)]),
    ("Quý III", 2023, [D(2023, 9, 29)]),  # 30/9 Saturday: not Monday 02/10
    ("Quý III/2023", 2023, [D(2023, 9, 29)]),
    ("Trong tháng 01 hàng năm", 2022, [D(2022, 1, 28)]),
    ("Hàng Quý", 2022, [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 30)]),
    ("Hằng quý", 2022, [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 30)]),
    ("Hàng tháng", 2022, MONTH_ENDS_2022),
    ("Hằng tháng", 2022, MONTH_ENDS_2022),
    ("hang thang", 2022, MONTH_ENDS_2022),
    ("Định kỳ 06 tháng", 2022, [D(2022, 6, 30), D(2022, 12, 30)]),
    ("6 tháng/lần", 2022, [D(2022, 6, 30), D(2022, 12, 30)]),
    ("Ít nhất 01 lần/năm", 2022, [D(2022, 12, 30)]),
    ("cuối năm", 2022, [D(2022, 12, 30)]),
    ("trong năm 2023", 2023, [D(2023, 12, 29)]),
    ("từ tháng 5 đến tháng 10/2022", 2022, [D(2022, 10, 31)]),
    ("từ ngày 15/7 đến 30/10", 2022, [D(2022, 10, 28)]),  # 30/10/2022 is a Sunday
    ("Tháng 6/2023", 2023, [D(2023, 6, 30)]),  # a Friday: unchanged
    ("Tháng 7/2022", 2022, [D(2022, 7, 29)]),  # 31/07 a Sunday: the Friday before
    ("Trước ngày 30/4/2023", 2023, [D(2023, 4, 28)]),  # 30/4, 1/5 off, 29/4 a Saturday
    ("Trong tháng 01/2023", 2023, [D(2023, 1, 31)]),  # Tết 2023 was 20–26/01: unchanged
    ("Trong tháng 01/2025", 2025, [D(2025, 1, 24)]),  # Tết 2025 from 27/01, then 25–26/01
]


@pytest.mark.parametrize(("text", "year", "dues"), DATED)
def test_dated_phrases(text, year, dues):
    schedule = parse_timing(text, year)
    assert schedule.understood
    assert schedule.due_dates(CAL) == dues
    assert schedule.events == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trong vòng 30 ngày sau khi TTHC được công bố",
            ("procedures_published", 30, "days", False),
        ),
        ("Sau đánh giá nội bộ", ("internal_audit_done", 0, "days", False)),
        ("Trước mỗi đợt  đánh giá", ("internal_audit_planned", 0, "days", True)),
        ("Theo Kế hoạch đánh giá nội bộ", ("internal_audit_planned", 0, "days", False)),
        ("Khi có thay đổi thành viên BCĐ", ("committee_changed", 0, "days", False)),
        (
            "Trong vòng 15 ngày sau cuộc họp xem xét của Lãnh đạo",
            ("management_review_held", 15, "days", False),
        ),
        (
            "sau 30 ngày làm việc kể từ ngày nhận được văn bản hướng dẫn mới",
            ("new_guidance", 30, "working_days", False),
        ),
        (
            "sau 10 ngày làm việc kể từ ngày hoàn thành rà soát",
            ("task_done", 10, "working_days", False),
        ),
        (
            "chậm nhất 03 tháng kể từ khi văn bản có hiệu lực",
            ("legal_text_effective", 3, "months", False),
        ),
    ],
)
def test_event_relative_phrases_wait_for_their_event(text, expected):
    schedule = parse_timing(text, 2023)
    assert schedule.understood
    assert schedule.occurrences == []
    assert _event(text) == expected


def test_the_awaited_task_is_quoted_as_typed():
    wait = parse_timing("sau 10 ngày làm việc kể từ ngày hoàn thành rà soát", 2023).event
    assert wait.description == "rà soát"


EITHER_OR = (
    "Trường hợp có văn bản hướng dẫn mới: sau 30 ngày làm việc kể từ ngày nhận được văn bản "
    "hướng dẫn mới; trường hợp không có: trước ngày 31/8/2023"
)


def test_either_or_is_one_wait_with_the_date_as_its_fallback():
    schedule = parse_timing(EITHER_OR, 2023)
    assert schedule.understood
    assert schedule.occurrences == []  # not a second obligation
    assert _event(EITHER_OR) == ("new_guidance", 30, "working_days", False)
    assert schedule.event.fallback == D(2023, 8, 31)
    assert explain(EITHER_OR, 2023)["fallback"] == "2023-08-31"
    assert explain(EITHER_OR, 2023)["summary"] == (
        "Chờ sự kiện: nhận văn bản hướng dẫn mới, hạn 30 ngày làm việc sau đó, hoặc hạn "
        "31/08/2023 nếu không có"
    )
    # "hoặc" and a month read the same way; the fallback date is a deadline as any other (31/07
    # is a Sunday: the Friday before).
    schedule = parse_timing("Khi có thay đổi thành viên BCĐ hoặc trong tháng 7", 2022)
    assert (schedule.occurrences, schedule.event.kind) == ([], "committee_changed")
    assert schedule.event.fallback == D(2022, 7, 31)
    assert (
        "hoặc hạn 29/07/2022 (31/07 là Chủ nhật) nếu không có"
        in explain("Khi có thay đổi thành viên BCĐ hoặc trong tháng 7", 2022)["summary"]
    )


def test_a_chain_text_waits_for_the_completion_of_the_work_it_names_or_its_date():
    schedule = parse_timing(
        "Sau 10 ngày làm việc kể từ ngày hoàn thành rà soát các TTHC/quy trình; trước ngày 15/9",
        2023,
    )
    assert schedule.occurrences == []
    [wait] = schedule.events
    assert (wait.kind, wait.amount, wait.unit) == ("task_done", 10, "working_days")
    assert (wait.description, wait.task_id, wait.fallback) == (
        "rà soát các TTHC/quy trình",
        None,
        D(2023, 9, 15),
    )


def test_a_fallback_survives_the_json_and_old_json_still_reads():
    schedule = parse_timing(EITHER_OR, 2023)
    stored = json.loads(json.dumps(schedule.to_dict()))
    assert stored["events"][0]["fallback"] == "2023-08-31"
    assert Schedule.from_dict(stored) == schedule
    old = {
        "understood": True,
        "occurrences": [{"key": "d-0831", "label": "Hạn 31/08/2023", "due": "2023-08-31"}],
        "events": [
            {"kind": "task_done", "amount": 10, "unit": "working_days", "before": False,
             "description": "rà soát", "task_id": 7}
        ],
    }  # fmt: skip
    read = Schedule.from_dict(old)
    assert (read.event.task_id, read.event.fallback) == (7, None)
    assert read.due_dates(CAL) == [D(2023, 8, 31)]


def test_alternatives_joined_by_hoac_or_semicolons_are_all_kept():
    schedule = parse_timing(
        "Định kỳ 06 tháng hoặc đột xuất khi có quy định mới hoặc theo yêu cầu của cơ quan, đơn vị",
        2022,
    )
    assert schedule.due_dates(CAL) == [D(2022, 6, 30), D(2022, 12, 30)]
    assert schedule.event.kind == "new_guidance"
    assert schedule.on_request

    schedule = parse_timing("Ít nhất 01 lần/năm hoặc thường xuyên sau mỗi đợt đánh giá", 2022)
    assert schedule.due_dates(CAL) == [D(2022, 12, 30)]
    assert schedule.event.kind == "internal_audit_done"


@pytest.mark.parametrize(
    "text",
    ["Thường xuyên", "Thuong xuyen", "Thường xuyên rà soát, cập nhật"],
)
def test_continuous_phrases_have_no_deadline(text):
    schedule = parse_timing(text, 2022)
    assert schedule.understood
    assert schedule.continuous
    assert schedule.occurrences == []


def test_continuous_with_a_year_end_summary():
    schedule = parse_timing("Theo dõi thường xuyên và tổng hợp 01 lần vào cuối năm", 2022)
    assert schedule.continuous
    pairs = zip(schedule.occurrences, schedule.due_dates(CAL), strict=True)
    assert [(o.label, d) for o, d in pairs] == [("Tổng hợp cuối năm", D(2022, 12, 30))]


@pytest.mark.parametrize(
    "text",
    [
        "Theo kế hoạch hoặc đột xuất khi có yêu cầu",
        "Theo kế hoạch hoặc đôt xuất khi có yêu cầu",
    ],
)
def test_on_request(text):
    schedule = parse_timing(text, 2022)
    assert schedule.understood
    assert schedule.on_request
    assert schedule.occurrences == []


def test_continuous_or_on_a_new_rule_or_on_instruction():
    schedule = parse_timing(
        "Thường xuyên, hoặc khi có quy định mới, hoặc theo chỉ đạo của Lãnh đạo đơn vị", 2022
    )
    assert (schedule.continuous, schedule.event.kind, schedule.on_request) == (
        True,
        "new_guidance",
        True,
    )


@pytest.mark.parametrize("text", ["", "Sau khi", "Khi nào rảnh", "???", "khi có ,"])
def test_text_it_cannot_read_is_not_an_error(text):
    schedule = parse_timing(text, 2022)
    assert not schedule.understood
    assert schedule.occurrences == []


def test_a_date_outside_the_plan_year_is_not_taken():
    schedule = parse_timing("Trước ngày 20/10/2019", 2022)
    assert not schedule.understood
    assert "2019" in schedule.note


def test_every_seed_timing_text_is_understood():
    from plans.planning.demo import PLANS

    for spec in PLANS:
        for *_rest, timing, _output in spec["tasks"]:
            assert parse_timing(timing, spec["year"]).understood, timing


def test_where_the_due_date_differs_from_the_written_date_the_reading_says_why():
    result = explain("Trước ngày 30/12/2023", 2023)
    assert result["due_dates"] == ["2023-12-29"]
    assert result["summary"] == "Hạn 29/12/2023 — 30/12 là thứ Bảy"
    # The label names the date the item is due, not the one written.
    assert result["periods"] == ["Hạn 29/12/2023"]
    assert result["moved"] == [
        {"written": "2023-12-30", "due": "2023-12-29", "why": "30/12 là thứ Bảy"}
    ]
    assert explain("Trước ngày 30/4/2023", 2023)["summary"] == (
        "Hạn 28/04/2023 — 30/04 là ngày nghỉ lễ (Ngày Chiến thắng)"
    )
    assert explain("Trong tháng 01/2025", 2025)["summary"].startswith(
        "Hạn 24/01/2025 — 31/01 là ngày nghỉ lễ (Mùng ba Tết Nguyên Đán)"
    )
    # A period's label ("Quý III") names no date: it stays, the summary gives the reason.
    result = explain("Quý III/2023", 2023)
    assert (result["periods"], result["summary"]) == (
        ["Quý III"],
        "Hạn 29/09/2023 — 30/09 là thứ Bảy",
    )
    # Nothing moved, nothing said.
    assert explain("Tháng 6/2023", 2023)["summary"] == "Hạn 30/06/2023"
    assert explain("Tháng 6/2023", 2023)["moved"] == []


def test_a_deadline_counted_from_an_event_follows_the_civil_code():
    # 31/08/2023 + 30 days = Saturday 30/09: the Monday after (not the Friday before).
    wait = parse_timing("Trong vòng 30 ngày sau khi TTHC được công bố", 2023).event
    assert wait.due_after(D(2023, 8, 31), CAL) == D(2023, 10, 2)
    # Before an audit: never later than the day counted back (01/10/2023 is a Sunday).
    wait = parse_timing("Trước mỗi đợt đánh giá 07 ngày", 2023).event
    assert (wait.before, wait.due_after(D(2023, 10, 8), CAL)) == (True, D(2023, 9, 29))


def test_the_summary_says_what_was_understood_in_vietnamese():
    assert explain("Hàng tháng", 2022)["summary"] == (
        "12 lần: hạn cuối mỗi tháng — 31/01 là ngày nghỉ lễ (Giao thừa Tết Nguyên Đán), hạn 28/01; "
        "30/04 là ngày nghỉ lễ (Ngày Chiến thắng), hạn 29/04; 31/07 là Chủ nhật, hạn 29/07; "
        "31/12 là thứ Bảy, hạn 30/12"
    )
    assert explain("Trước ngày 20/10/2023", 2023)["summary"] == "Hạn 20/10/2023"
    assert (
        explain("sau 30 ngày làm việc kể từ ngày nhận được văn bản hướng dẫn mới", 2023)["summary"]
        == "Chờ sự kiện: nhận văn bản hướng dẫn mới, hạn 30 ngày làm việc sau đó"
    )


@pytest.mark.django_db
def test_explain_timing_command_prints_json():
    out = StringIO()
    call_command("explain_timing", "Hàng quý", "--year", "2023", stdout=out)
    result = json.loads(out.getvalue())
    assert result["understood"] is True
    assert result["due_dates"] == ["2023-03-31", "2023-06-30", "2023-09-29", "2023-12-29"]
    assert result["event"] is None
    assert result["offset"] is None
    # The moved dates, with the reason.
    assert result["summary"] == (
        "4 lần: hạn cuối mỗi quý — 30/09 là thứ Bảy, hạn 29/09; 31/12 là Chủ nhật, hạn 29/12"
    )
    assert result["moved"] == [
        {"written": "2023-09-30", "due": "2023-09-29", "why": "30/09 là thứ Bảy"},
        {"written": "2023-12-31", "due": "2023-12-29", "why": "31/12 là Chủ nhật"},
    ]

    out = StringIO()
    call_command(
        "explain_timing",
        "Trong vòng 30 ngày sau khi TTHC được công bố",
        "--year",
        "2023",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["due_dates"] == []
    assert result["event"] == "procedures_published"
    assert result["offset"] == {"amount": 30, "unit": "days", "before": False}


WORDS = st.sampled_from(
    ["trước", "ngày", "tháng", "quý", "III", "hàng", "hằng", "năm", "lần", "/", "hoặc", ";",
     "sau", "đánh giá", "thường xuyên", "cuối", "từ", "đến", "2022", "2023", "31/12", "29/02",
     "30", "làm việc", "06", "13", "0", "99/99/9999", "văn bản hướng dẫn mới", "kể từ"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=12).map(" ".join)))
def test_the_parser_never_raises_and_dates_stay_in_the_plan_year(text):
    schedule = parse_timing(text, 2023)
    for due in schedule.due_dates(CAL):
        assert due.year == 2023
    # Event-relative items have no date until their event happens.
    assert all(o.due.year == 2023 for o in schedule.occurrences)


# --- the grammar (issue 22) ---------------------------------------------------------------------
def _month_ends(year, day=None):
    return [
        (f"m-{m:02d}", D(year, m, day) if day else D(year, m, 1) + _to_month_end(year, m))
        for m in range(1, 13)
    ]


def _to_month_end(year, month):
    import calendar

    return datetime.timedelta(days=calendar.monthrange(year, month)[1] - 1)


def _written(text, year=2023):
    """The occurrences as (key, the written or period date): the working-day rule aside."""
    return [(o.key, o.due) for o in parse_timing(text, year).occurrences]


# Every seed timing text (plans/planning/demo.py, from /work/shared/seeds), read before the grammar
# and checked by hand: (text, year, occurrences (key, written date), events, (continuous, on
# request)). The grammar reads them the same way.
SEED_READINGS = [
    ("Trong tháng 01 hàng năm", 2022, [("m-01", D(2022, 1, 31))], [], (False, False)),
    (
        "Hàng Quý",
        2022,
        [
            ("q-1", D(2022, 3, 31)),
            ("q-2", D(2022, 6, 30)),
            ("q-3", D(2022, 9, 30)),
            ("q-4", D(2022, 12, 31)),
        ],
        [],
        (False, False),
    ),
    (
        "Định kỳ 06 tháng hoặc đột xuất khi có quy định mới hoặc theo yêu cầu của cơ quan, đơn vị",
        2022,
        [("h-1", D(2022, 6, 30)), ("h-2", D(2022, 12, 31))],
        [("new_guidance", 0, "days", False)],
        (False, True),
    ),
    (
        "Trước mỗi đợt đánh giá",
        2022,
        [],
        [("internal_audit_planned", 0, "days", True)],
        (False, False),
    ),
    (
        "Theo Kế hoạch đánh giá nội bộ",
        2022,
        [],
        [("internal_audit_planned", 0, "days", False)],
        (False, False),
    ),
    (
        "Ít nhất 01 lần/năm hoặc thường xuyên sau mỗi đợt đánh giá",
        2022,
        [("y", D(2022, 12, 31))],
        [("internal_audit_done", 0, "days", False)],
        (False, False),
    ),
    ("Thường xuyên rà soát, cập nhật", 2022, [], [], (True, False)),
    (
        "Theo dõi thường xuyên và tổng hợp 01 lần vào cuối năm",
        2022,
        [("s", D(2022, 12, 31))],
        [],
        (True, False),
    ),
    (
        "Thường xuyên, hoặc khi có quy định mới, hoặc theo chỉ đạo của Lãnh đạo đơn vị",
        2022,
        [],
        [("new_guidance", 0, "days", False)],
        (True, True),
    ),
    ("Theo kế hoạch hoặc đôt xuất khi có yêu cầu", 2022, [], [], (False, True)),
    ("Trong tháng 01/2022", 2022, [("m-01", D(2022, 1, 31))], [], (False, False)),
    ("Trong tháng 02/2022", 2022, [("m-02", D(2022, 2, 28))], [], (False, False)),
    ("Tháng 03/2022", 2022, [("m-03", D(2022, 3, 31))], [], (False, False)),
    ("Quý III/2022.", 2022, [("q-3", D(2022, 9, 30))], [], (False, False)),
    ("Sau đánh giá nội bộ", 2022, [], [("internal_audit_done", 0, "days", False)], (False, False)),
    ("Tháng 12/2022", 2022, [("m-12", D(2022, 12, 31))], [], (False, False)),
    (
        "Trong vòng 30 ngày sau khi TTHC được công bố",
        2022,
        [],
        [("procedures_published", 30, "days", False)],
        (False, False),
    ),
    ("Quý III/2022", 2022, [("q-3", D(2022, 9, 30))], [], (False, False)),
    ("Tháng 02", 2021, [("m-02", D(2021, 2, 28))], [], (False, False)),
    ("Tháng 3", 2021, [("m-03", D(2021, 3, 31))], [], (False, False)),
    ("Hàng tháng", 2021, _month_ends(2021), [], (False, False)),
    ("Thường xuyên", 2021, [], [], (True, False)),
    ("Tháng 10", 2021, [("m-10", D(2021, 10, 31))], [], (False, False)),
    ("Tháng 11", 2021, [("m-11", D(2021, 11, 30))], [], (False, False)),
]


@pytest.mark.parametrize(("text", "year", "occurrences", "events", "flags"), SEED_READINGS)
def test_the_seed_readings_do_not_change(text, year, occurrences, events, flags):
    schedule = parse_timing(text, year)
    assert schedule.understood
    assert _written(text, year) == occurrences
    assert [(e.kind, e.amount, e.unit, e.before) for e in schedule.events] == events
    assert (schedule.continuous, schedule.on_request) == flags


def test_the_seed_readings_cover_every_seed_text():
    from plans.planning.demo import PLANS

    pinned = {(text, year) for text, year, *_rest in SEED_READINGS}
    assert {(t[4], spec["year"]) for spec in PLANS for t in spec["tasks"]} == pinned


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mười (10) ngày làm việc", "10 ngày làm việc"),
        ("02 (hai) tháng", "02 tháng"),
        ("hai lần một năm", "2 lần 1 năm"),
        ("chậm nhất là ba tháng", "chậm nhất là 3 tháng"),
        ("mười lăm ngày", "15 ngày"),
        ("hai mươi ngày", "20 ngày"),
        ("ba mươi mốt", "ba mươi mốt"),  # no unit after it: words, not a count
        ("sau ngày 15/7", "sau ngày 15/7"),  # "sau" is "after", not six
        ("trong năm 2023", "trong năm 2023"),  # "năm" is the year
    ],
)
def test_numbers_in_words_or_said_twice_become_digits(text, expected):
    original, plain = numbers_as_digits(*normalize(text))
    assert original == expected
    assert plain == normalize(expected)[1]


@pytest.mark.parametrize(
    ("text", "occurrences"),
    [
        # Recurrences with an anchor day.
        ("Trước ngày 15 hằng tháng", _month_ends(2023, 15)),
        ("Ngày 25 hàng tháng", _month_ends(2023, 25)),
        ("ngay 10 hang thang", _month_ends(2023, 10)),
        (
            "trước ngày 15 của tháng cuối mỗi quý",
            [("q-1", D(2023, 3, 15)), ("q-2", D(2023, 6, 15)), ("q-3", D(2023, 9, 15)),
             ("q-4", D(2023, 12, 15))],
        ),
        (
            "Hằng quý, trước ngày 25 của tháng cuối quý",
            [("q-1", D(2023, 3, 25)), ("q-2", D(2023, 6, 25)), ("q-3", D(2023, 9, 25)),
             ("q-4", D(2023, 12, 25))],
        ),
        (
            "trước ngày 20 tháng đầu quý",
            [("q-1", D(2023, 1, 20)), ("q-2", D(2023, 4, 20)), ("q-3", D(2023, 7, 20)),
             ("q-4", D(2023, 10, 20))],
        ),
        # Weeks and parts of a period.
        ("Tuần đầu tiên của tháng 7", [("m-07", D(2023, 7, 7))]),
        ("tuần thứ hai của tháng 3", [("m-03", D(2023, 3, 14))]),
        ("Tuần cuối cùng của tháng 2", [("m-02", D(2023, 2, 28))]),
        ("Đầu tháng 7", [("m-07", D(2023, 7, 10))]),
        ("Giữa tháng 9", [("m-09", D(2023, 9, 15))]),
        ("Cuối tháng 11", [("m-11", D(2023, 11, 30))]),
        ("Giữa quý II", [("q-2", D(2023, 5, 31))]),
        # Half-years, month ranges and lists, quarter lists, the year.
        ("trong 6 tháng cuối năm", [("h-2", D(2023, 12, 31))]),
        ("6 tháng đầu năm", [("h-1", D(2023, 6, 30))]),
        ("Tháng 3-4/2023", [("m-04", D(2023, 4, 30))]),  # one obligation, due at its end
        ("Tháng 3 đến tháng 5", [("m-05", D(2023, 5, 31))]),
        ("Tháng 6 và tháng 12", [("m-06", D(2023, 6, 30)), ("m-12", D(2023, 12, 31))]),
        ("Quý I và III", [("q-1", D(2023, 3, 31)), ("q-3", D(2023, 9, 30))]),
        ("Quý 2, 4", [("q-2", D(2023, 6, 30)), ("q-4", D(2023, 12, 31))]),
        ("Năm 2023", [("y", D(2023, 12, 31))]),
        ("hai lần một năm", [("h-1", D(2023, 6, 30)), ("h-2", D(2023, 12, 31))]),
        ("Định kỳ sáu tháng", [("h-1", D(2023, 6, 30)), ("h-2", D(2023, 12, 31))]),
        ("4 lần trong năm", [(f"q-{q}", D(2023, 3 * q, 1) + _to_month_end(2023, 3 * q))
                             for q in range(1, 5)]),
        # Dates with slashes, dashes, dots; with or without the year; in words.
        ("từ 01-6 đến 15-7", [("d-0715", D(2023, 7, 15))]),
        ("15.7", [("d-0715", D(2023, 7, 15))]),
        ("Trước ngày 15-7-2023", [("d-0715", D(2023, 7, 15))]),
        ("trước ngày 30.9.2023", [("d-0930", D(2023, 9, 30))]),
        ("ngày 10 tháng 7 năm 2023", [("d-0710", D(2023, 7, 10))]),
        ("Trước ngày 15/6 và 15/12", [("d-0615", D(2023, 6, 15)), ("d-1215", D(2023, 12, 15))]),
    ],
)  # fmt: skip
def test_each_part_of_the_grammar(text, occurrences):
    schedule = parse_timing(text, 2023)
    assert schedule.understood
    assert _written(text) == occurrences
    assert schedule.events == []


def test_the_summary_says_the_anchor_day_and_the_labels_say_the_period():
    # (after " — ": the days that fall on a day off and their earlier due date)
    summary = explain("Trước ngày 15 hằng tháng", 2023)["summary"]
    assert summary.split(" — ")[0] == "12 lần: hạn ngày 15 mỗi tháng"
    summary = explain("trước ngày 15 của tháng cuối mỗi quý", 2023)["summary"]
    assert summary.startswith("4 lần: hạn 15/03/2023, 15/06/2023")  # not "cuối mỗi quý"
    assert parse_timing("Tháng 3-4/2023", 2023).occurrences[0].label == "Tháng 3–4"
    assert parse_timing("Tuần đầu tiên của tháng 7", 2023).occurrences[0].label == (
        "Tuần đầu tiên tháng 7"
    )
    assert parse_timing("Giữa quý II", 2023).occurrences[0].label == "Giữa quý II"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trong mười (10) ngày làm việc kể từ khi có sự thay đổi về cơ cấu tổ chức",
            ("thay đổi về cơ cấu tổ chức", 10, "working_days"),
        ),
        ("Khi có sự thay đổi về cơ cấu tổ chức", ("thay đổi về cơ cấu tổ chức", 0, "days")),
        (
            "02 (hai) tháng kể từ ngày nhận được kết luận thanh tra",
            ("nhận được kết luận thanh tra", 2, "months"),
        ),
        (
            "kể từ khi có kết luận thanh tra, chậm nhất 15 ngày",
            ("kết luận thanh tra", 15, "days"),
        ),
        ("Sau khi mua sắm xong", ("mua sắm xong", 0, "days")),
    ],
)
def test_any_other_event_is_named_by_its_words(text, expected):
    schedule = parse_timing(text, 2023)
    assert schedule.understood
    assert schedule.occurrences == []
    [wait] = schedule.events
    assert (wait.description, wait.amount, wait.unit) == expected
    assert wait.kind == "named"
    assert not wait.before


def test_a_named_event_is_said_by_its_words_and_is_either_or_with_a_date():
    assert explain("Trong 30 ngày kể từ khi có sự thay đổi về cơ cấu tổ chức", 2023)["summary"] == (
        "Chờ sự kiện: thay đổi về cơ cấu tổ chức, hạn 30 ngày sau đó"
    )
    schedule = parse_timing("Khi có thay đổi cơ cấu tổ chức hoặc trước ngày 15/9", 2023)
    assert schedule.occurrences == []
    assert (schedule.event.kind, schedule.event.fallback) == ("named", D(2023, 9, 15))
    # On request and built-in kinds are not named events.
    assert parse_timing("Khi có yêu cầu", 2023).events == []
    assert parse_timing("Khi có thay đổi thành viên BCĐ", 2023).event.kind == "committee_changed"


def test_a_delay_said_in_words_is_kept():
    text = "chậm nhất là ba tháng kể từ khi văn bản quy phạm pháp luật có hiệu lực"
    assert _event(text) == ("legal_text_effective", 3, "months", False)


def test_similar_wordings_have_one_key():
    key = event_key("thay đổi về cơ cấu tổ chức")
    assert key == "thay doi co cau to chuc"
    assert event_key("Có sự thay đổi cơ cấu tổ chức.") == key
    assert event_key("thay doi ve co cau to chuc") == key
    assert event_key("thay đổi lãnh đạo") != key
    wait = parse_timing("Khi có sự thay đổi về cơ cấu tổ chức", 2023).event
    assert wait == EventWait(kind="named", description="thay đổi về cơ cấu tổ chức")


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Trước ngày 31/02/2023", "31/02/2023 does not exist."),
        ("ngày 30-2", "30-2 does not exist."),
        ("Trước ngày 20/10/2019", "20/10/2019 is not in the plan year 2023."),
    ],
)
def test_impossible_and_foreign_dates_are_not_understood(text, note):
    from django.utils import translation

    with translation.override("en"):
        schedule = parse_timing(text, 2023)
        assert not schedule.understood
        assert schedule.occurrences == []
        assert schedule.note == note
        assert summarize(schedule) == note
