"""Events: the built-in kinds, any other event named by its words, and the delay after it."""

from __future__ import annotations

import re

from plans.choices import EventKind, OffsetUnit

from .schedule import NAMED

__all__ = [
    "BEFORE_NAMED_EVENT",
    "EVENT_PATTERNS",
    "NAMED",
    "NAMED_EVENT",
    "NAMED_EVENT_END",
    "OFFSET",
    "OFFSET_UNITS",
    "SUMMARY_EVENT",
]

EVENT_PATTERNS: list[tuple[str, re.Pattern, bool]] = [
    # (kind, pattern, the deadline is *before* the event)
    (EventKind.INTERNAL_AUDIT_PLANNED, re.compile(r"truoc (moi )?(dot|cuoc|lan) danh gia"), True),
    (
        EventKind.INTERNAL_AUDIT_PLANNED,
        re.compile(
            r"truoc (?:khi )?(?:(?:tien hanh|to chuc|thuc hien) )?(?:(?:dot|cuoc) )?danh gia noi bo"
        ),
        True,
    ),
    (
        EventKind.INTERNAL_AUDIT_PLANNED,
        re.compile(r"(?:theo|ban hanh|phe duyet|co) ke hoach danh gia"),
        False,
    ),
    (
        EventKind.INTERNAL_AUDIT_DONE,
        re.compile(r"(sau|ket thuc|hoan thanh)( moi| cac)?( dot| cuoc| khi)? danh gia"),
        False,
    ),
    (EventKind.PROCEDURES_PUBLISHED, re.compile(r"(tthc|thu tuc hanh chinh)[^,;]*cong bo"), False),
    (EventKind.PROCEDURES_PUBLISHED, re.compile(r"cong bo (tthc|thu tuc hanh chinh)"), False),
    (
        EventKind.MANAGEMENT_REVIEW_HELD,
        re.compile(r"truoc (?:khi )?(?:(?:to chuc|tien hanh) )?(?:cuoc |buoi )?hop xem xet"),
        True,
    ),
    (
        EventKind.MANAGEMENT_REVIEW_HELD,
        re.compile(r"(sau|ket thuc|hoan thanh)( cuoc| buoi| khi)? hop xem xet"),
        False,
    ),
    (
        EventKind.COMMITTEE_CHANGED,
        re.compile(r"(?:thay doi (?:thanh vien )?|kien toan )(?:bcd|ban chi dao)"),
        False,
    ),
    (EventKind.LEGAL_TEXT_EFFECTIVE, re.compile(r"co hieu luc"), False),
    (
        EventKind.NEW_GUIDANCE,
        re.compile(
            r"\b(?:van ban|vbqppl)(?: [a-z]+){0,4} moi\b(?! (?:quy|thang|nam|tuan|dot|lan|ky)\b)"
            r"|quy dinh moi|van ban (thay the|sua doi)|huong dan moi"
        ),
        False,
    ),
    (
        EventKind.TASK_DONE,
        re.compile(r"(ke tu|sau)( ngay| khi)? hoan thanh (?P<what>[^,;.]+)"),
        False,
    ),
]
# "khi có …", "sau khi …", "kể từ ngày/khi …": any other event, named by the words that follow.
# A text that begins with "khi" ("Khi thay đổi trụ sở làm việc") names its event too, in two
# words at least ("Khi rảnh", "Khi cần" name none).
NAMED_EVENT = re.compile(
    r"(?:\bsau khi|\bke tu (?:ngay|khi)|\bkhi(?= co\b)"
    r"|^\W*(?:ngay )?khi\b(?! nao\b| can\b)(?=\s+\w+\s+\w))"
    r"(?: co)?(?: su(?=\s+\w+\s+\w))?\s+"  # "sự thay đổi" is "thay đổi", "sự cố" is "sự cố"
    r"(?P<what>[^;.:()]*[a-z][^;.:()]*)"
)
# "Trước khi tổ chức hội nghị tổng kết năm": due before an event named by its words.
BEFORE_NAMED_EVENT = re.compile(r"\btruoc khi\s+(?P<what>[^;.:()]*[a-z][^;.:()]*)")
# Where the event's words stop: a delay or a deadline said after them.
NAMED_EVENT_END = re.compile(
    r"\s*,?\s+(?:cham nhat|trong vong|trong|truoc|han|hoac)\b.*$|,?\s+\d.*$"
)
# The summary's own words read back ("Chờ sự kiện: <event>, hạn 10 ngày sau đó"), so that a
# summary copied into a timing cell means what it says.
SUMMARY_EVENT = re.compile(
    r"cho su kien:\s*(?P<what>.+?),\s*han (?:ngay khi su kien xay ra|truoc su kien"
    r"|(?P<amount>\d{1,3}) (?P<unit>ngay lam viec|ngay|tuan|thang) (?P<side>sau do|truoc su kien))"
    r"(?:,\s*hoac han (?P<fallback>\d{1,2}/\d{1,2}/\d{4})\s*neu khong co)?"
)
OFFSET = re.compile(r"(?<!ngay )(?<![\d/.\-])(\d{1,3})\s*(ngay lam viec|ngay|tuan|thang)(?! ?/)")
OFFSET_UNITS = {
    "ngay lam viec": OffsetUnit.WORKING_DAYS,
    "ngay": OffsetUnit.DAYS,
    "tuan": OffsetUnit.WEEKS,
    "thang": OffsetUnit.MONTHS,
}
