"""Every timing text of the seeds and of DESIGN.md, with the exact schedule expected."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.planning.timing import Schedule, WorkCalendar, explain, parse_timing

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


@pytest.mark.parametrize("text", ["", "Sau khi mua sắm xong", "Khi nào rảnh", "???"])
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
