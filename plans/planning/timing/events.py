"""Events: the built-in kinds, any other event named by its words, and the delay after it."""

from __future__ import annotations

import re

from plans.choices import EventKind, OffsetUnit

from .schedule import NAMED

__all__ = ["EVENT_PATTERNS", "NAMED", "NAMED_EVENT", "NAMED_EVENT_END", "OFFSET", "OFFSET_UNITS"]

EVENT_PATTERNS: list[tuple[str, re.Pattern, bool]] = [
    # (kind, pattern, the deadline is *before* the event)
    (EventKind.INTERNAL_AUDIT_PLANNED, re.compile(r"truoc (moi )?(dot|cuoc|lan) danh gia"), True),
    (EventKind.INTERNAL_AUDIT_PLANNED, re.compile(r"theo ke hoach danh gia"), False),
    (
        EventKind.INTERNAL_AUDIT_DONE,
        re.compile(r"(sau|ket thuc|hoan thanh)( moi| cac)?( dot| cuoc| khi)? danh gia"),
        False,
    ),
    (EventKind.PROCEDURES_PUBLISHED, re.compile(r"(tthc|thu tuc hanh chinh)[^,;]*cong bo"), False),
    (EventKind.PROCEDURES_PUBLISHED, re.compile(r"cong bo (tthc|thu tuc hanh chinh)"), False),
    (
        EventKind.MANAGEMENT_REVIEW_HELD,
        re.compile(r"(sau|ket thuc|hoan thanh)( cuoc| buoi| khi)? hop xem xet"),
        False,
    ),
    (EventKind.COMMITTEE_CHANGED, re.compile(r"thay doi (thanh vien )?(bcd|ban chi dao)"), False),
    (EventKind.LEGAL_TEXT_EFFECTIVE, re.compile(r"co hieu luc"), False),
    (
        EventKind.NEW_GUIDANCE,
        re.compile(
            r"van ban (huong dan )?moi|quy dinh moi|van ban (thay the|sua doi)|huong dan moi"
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
NAMED_EVENT = re.compile(
    r"(?:\bsau khi|\bke tu (?:ngay|khi)|\bkhi(?= co\b))(?: co)?(?: su)?\s+"
    r"(?P<what>[^,;.:()]*[a-z][^,;.:()]*)"
)
# Where the event's words stop: a delay or a deadline said after them.
NAMED_EVENT_END = re.compile(r"\s+(?:cham nhat|trong vong|trong|truoc|han)\b.*$|\s+\d.*$")
OFFSET = re.compile(r"(?<!ngay )(?<![\d/.\-])(\d{1,3})\s*(ngay lam viec|ngay|tuan|thang)(?! ?/)")
OFFSET_UNITS = {
    "ngay lam viec": OffsetUnit.WORKING_DAYS,
    "ngay": OffsetUnit.DAYS,
    "tuan": OffsetUnit.WEEKS,
    "thang": OffsetUnit.MONTHS,
}
