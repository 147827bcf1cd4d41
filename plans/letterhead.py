"""The letterhead of what isoplan prints (Decree 30/2020/NĐ-CP): the header and closing every
administrative document shares — the plan (plans/planning/layout.py), reports and notices — with
templates/letterhead/_header.html and _closing.html.

("Document" elsewhere means the register of documented information, plans/documents/.)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


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
        date=date_line(organization.place_name, None, None, year),
        kind=kind,
        title=title,
        recipients=["- Lãnh đạo Sở;", "- Ban Chỉ đạo ISO;", "- Lưu: VT."],
        signature=["GIÁM ĐỐC"],
    )
