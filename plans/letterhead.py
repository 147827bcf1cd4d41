"""The letterhead of what isoplan prints (Decree 30/2020/NĐ-CP): the header and closing every
administrative document shares — the plan (plans/planning/layout.py), reports and notices — with
templates/letterhead/_header.html and _closing.html.

("Document" elsewhere means the register of documented information, plans/documents/.)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


def date_line(place: str, day: datetime.date | None, year: int) -> str:
    """ "Đồng Tháp, ngày 05 tháng 01 năm 2023": a leading zero on days below 10 and on months
    1 and 2; a draft leaves the day and month blank for the clerk."""
    if day is None:
        return f"{place}, ngày      tháng      năm {year}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number_line(number: str, symbol: str) -> str:
    """ "Số: 05/KH-STTTT"; a plan not yet registered prints the number blank."""
    if number.isdigit() and int(number) < 10:
        number = f"{int(number):02d}"
    return f"Số: {number or '      '}/{symbol}"


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


def letterhead(organization, *, kind: str, symbol: str, title: str, year: int) -> Letterhead:
    """A report's frame: blank number and date (filled at signing), signed by the director."""
    return Letterhead(
        parent_authority=organization.parent_authority,
        agency=organization.header_line,
        number=number_line("", f"{symbol}-{organization.document_symbol}"),
        date=date_line(organization.place_name, None, year),
        kind=kind,
        title=title,
        recipients=["- Lãnh đạo Sở;", "- Ban Chỉ đạo ISO;", "- Lưu: VT."],
        signature=["GIÁM ĐỐC"],
    )
