"""The letterhead of what isoplan prints (Decree 30/2020/NĐ-CP): the header and closing every
administrative document shares — the plan (plans/planning/layout.py), reports and notices — with
templates/letterhead/_header.html and _closing.html.

("Document" elsewhere means the register of documented information, plans/documents/.)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

# The agency's name: capitals, bold, 12.5 pt, in the header's left column (40 % of the 165 mm
# text width, see static/css/document.css). Tinos Bold capitals there: 2.7–2.8 mm on average.
AGENCY_COLUMN_MM = 66
AGENCY_MM_PER_CHAR = 2.8
AGENCY_LINE_CHARS = 23  # what fits on one line of the column, with a little room to spare
AGENCY_RULE_SHARE = 0.4  # the rule under the name: 1/3–1/2 of its length (Decree 30/2020)
CONJUNCTIONS = {"VÀ", "VỚI"}
DASHES = {"-", "–", "—"}


def _month(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, day: datetime.date | None, month: int | None, year: int) -> str:
    """ "Đồng Tháp, ngày 05 tháng 01 năm 2023": a leading zero on days below 10 and on months
    1 and 2. Without a full date, what is not known yet is left blank for the clerk at signing:
    "Đồng Tháp, ngày      tháng 11 năm 2022"."""
    if day is None:
        return f"{place}, ngày      tháng {_month(month) if month else '    '} năm {year}"
    return f"{place}, ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def number_line(number: str, symbol: str) -> str:
    """ "Số: 05/KH-STTTT"; a plan not yet registered prints the number blank."""
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"Số: {number or '      '}/{symbol}"


def agency_lines(name: str) -> list[str]:
    """The agency's name in the header: one line when it fits, else two lines broken between
    words, never one word alone on a line nor a dash at a line's end. Syllables are words in
    Vietnamese, so a break inside a compound ("THƯƠNG / BINH") is avoided by preferring a phrase
    boundary — beside "VÀ", after a comma, before a dash — when both lines still fit (and even
    when they do not: a name that long wraps once more in its column); among those the most
    balanced wins, and on a tie the conjunction opens the second line ("SỞ THÔNG TIN" /
    "VÀ TRUYỀN THÔNG"). The page, the PDF and the DOCX print these lines as they are."""
    words = name.split()
    if len(" ".join(words)) <= AGENCY_LINE_CHARS or len(words) < 2:
        return [" ".join(words)] if words else []
    candidates = []
    for at in range(1, len(words)):
        first, second = words[:at], words[at:]
        if first[-1] in DASHES or (len(words) > 2 and 1 in (len(first), len(second))):
            continue
        lines = [" ".join(first), " ".join(second)]
        longer = max(len(line) for line in lines)
        at_phrase = (
            second[0] in CONJUNCTIONS
            or first[-1] in CONJUNCTIONS
            or first[-1].endswith(",")
            or second[0] in DASHES
        )
        fits = longer <= AGENCY_LINE_CHARS + 2
        rank = (not (at_phrase and fits), not at_phrase, longer, second[0] not in CONJUNCTIONS)
        candidates.append((rank, lines))
    if not candidates:
        return [" ".join(words)]
    return min(candidates, key=lambda c: c[0])[1]


def agency_rule_indent_mm(name: str, column_mm: float = AGENCY_COLUMN_MM) -> float:
    """For the DOCX (no shrink-to-fit there): the side indents, in mm, that centre a rule of
    AGENCY_RULE_SHARE of the name's longest line under it in its column."""
    longest = max((len(line) for line in agency_lines(name)), default=0)
    rule = AGENCY_RULE_SHARE * min(longest * AGENCY_MM_PER_CHAR, column_mm)
    return round((column_mm - rule) / 2, 1)


@dataclass
class Letterhead:
    """The parts every administrative document shares (header, closing), for reports and notices
    that reuse templates/letterhead/_header.html and _closing.html."""

    parent_authority: str
    agency: str
    number: str
    date: str
    kind: str
    title: str
    recipients: list[str]
    signature: list[str]
    signer: str = ""
    is_draft: bool = False


def papers_day(year: int) -> datetime.date | None:
    """The day a report of ``year`` is taken to be signed, for the names in force then: the
    year's last day for a past year; none (today's names) for this year's."""
    today = timezone.localdate()
    return datetime.date(year, 12, 31) if year < today.year else None


def letterhead(organization, *, kind: str, symbol: str, title: str, year: int) -> Letterhead:
    """A report's frame: blank number and date (filled at signing), signed by the director;
    the agency named as it was in ``year``."""
    then = organization.as_on(papers_day(year))
    return Letterhead(
        parent_authority=then.parent_authority,
        agency=then.header_line,
        number=number_line("", f"{symbol}-{then.document_symbol}"),
        date=date_line(then.place_name, None, None, year),
        kind=kind,
        title=title,
        recipients=["- Lãnh đạo Sở;", "- Ban Chỉ đạo ISO;", "- Lưu: VT."],
        signature=["GIÁM ĐỐC"],
    )
