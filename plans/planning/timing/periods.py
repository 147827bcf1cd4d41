"""Periods and recurrences: months, month ranges and lists, quarters and quarter lists,
half-years, the year, the beginning/middle/end of a period, the first/last week of a month, and
recurrences with an anchor day ("ngày 10 hằng tháng", "trước ngày 20 tháng cuối quý")."""

from __future__ import annotations

import re

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_LABELS = {1: "Quý I", 2: "Quý II", 3: "Quý III", 4: "Quý IV"}
_Q = r"(?:iv|i{1,3}|[1-4])"
EVERY = r"(?:hang|moi|tung|cac)"

# Recurrences with an anchor day.
# "ngày 10 hằng tháng", or the anchor said after: "Hàng tháng, trước ngày 25", "Hằng tháng (trước
# ngày 20)".
MONTHLY_ANCHOR = re.compile(
    rf"ngay (\d{{1,2}})(?: cua)? {EVERY} thang\b"
    rf"|\b{EVERY} thang\W*(?:truoc |vao |han |den )?ngay (\d{{1,2}})(?![\d/.\-]|\s*thang)"
)
QUARTERLY_ANCHOR = re.compile(
    r"ngay (\d{1,2})(?: cua)? thang (dau|giua|cuoi|thu (?:nhat|hai|ba|[1-3])|[1-3])(?: tien| cung)?"
    rf"(?: cua)?(?: {EVERY})? quy( sau| tiep theo| ke tiep)?\b"
)
WEEK_OF_MONTH = re.compile(
    r"tuan (dau tien|dau|thu nhat|thu (?:hai|ba|tu|[1-4])|cuoi cung|cuoi)(?: cua)?"
    rf"(?: thang (\d{{1,2}})(?:\s*/\s*(\d{{4}}))?(?![\d/])| {EVERY} thang\b| thang\b)"
)
PART_OF_MONTH = re.compile(
    rf"(dau|giua|cuoi)(?: (?:cua|{EVERY}))? thang(?: (\d{{1,2}})(?:\s*/\s*(\d{{4}}))?(?![\d/]))?"
)
PART_OF_EVERY_QUARTER = re.compile(rf"(dau|giua|cuoi)(?: cua)? {EVERY} quy\b")
WEEK_OF_QUARTER = re.compile(
    rf"tuan (dau tien|dau|thu nhat|thu (?:hai|ba|tu|[1-4])|cuoi cung|cuoi)(?: cua)? {EVERY} quy\b"
)
PART_OF_QUARTER = re.compile(rf"(dau|giua|cuoi) quy\s*({_Q})?\b(?:\s*/\s*(\d{{4}}))?")
PART_OF_YEAR = re.compile(r"(dau|giua) nam\b(?:\s*(\d{4}))?")

# Periods.
# "Trước tháng 9": before September begins.
BEFORE_MONTH = re.compile(r"truoc thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])")
# "Tháng 01 năm sau": a month of another year.
NEXT_YEAR_MONTH = re.compile(r"thang\s*(\d{1,2})(?: cua)? nam (?:sau|toi|tiep theo)\b")
# "Sơ kết 6 tháng, tổng kết năm", "6 tháng đầu năm và cả năm": the first half and the year.
HALF_AND_YEAR = re.compile(
    r"\b0?6 thang(?: dau nam)?\s*(?:,\s*|va\s+)(?:tong ket\s+|ca\s+)?nam\b(?!\s*\d)"
)
# "Sơ kết 6 tháng", "báo cáo 6 tháng": the first half-year's report.
HALF_REPORT = re.compile(r"(?:so ket|bao cao)\s+0?6 thang\b(?!\s*(?:/|1 |01 )?\s*lan)")
WHOLE_YEAR = re.compile(r"\b(?:ca|tong ket) nam\b(?!\s*\d)|^\W*trong nam\W*$")
QUARTER_RANGE = re.compile(
    rf"(?:tu\s*)?\bquy\s*({_Q})(?:\s*/\s*(\d{{4}}))?\s*(?:den|toi|-|–)\s*(?:het\s*)?"
    rf"(?:quy\s*)?({_Q})\b(?:\s*/\s*(\d{{4}}))?"
)
HALF_YEAR = re.compile(r"(?:\b0?6 thang|nua) (dau|cuoi|sau|truoc)(?: cua)? nam\b")
MONTH_RANGE = re.compile(
    r"(?:tu\s*)?thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*(?:den|toi|-|–)\s*(?:het\s*)?(?:thang\s*)?"
    r"(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d.])"
)
MONTH_LIST = re.compile(
    r"thang\s*(\d{1,2})((?:\s*(?:,|va)\s*(?:thang\s*)?\d{1,2}(?![\d/.\-]))+)(?:\s*/\s*(\d{4}))?"
)
MONTH = re.compile(r"thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/]| ?lan)")
BARE_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?!\d)")
QUARTER_LIST = re.compile(
    rf"\bquy\s*({_Q})((?:\s*(?:,|va)\s*(?:quy\s*)?{_Q}\b)+)(?:\s*/\s*(\d{{4}}))?"
)
QUARTER = re.compile(rf"\bquy\s*({_Q})\b(?:\s*/\s*(\d{{4}}))?")
IN_YEAR = re.compile(r"(?:trong|ca|het) nam (\d{4})|^nam (\d{4})\W*$")

# Recurrences.
MONTHLY = re.compile(
    rf"\b{EVERY} thang\b|\b(0?1) lan ?(?:/|trong|moi|1) ?thang|(?<!\d )\bthang ?/ ?lan\b"
)
QUARTERLY = re.compile(
    rf"\b{EVERY} quy\b|\b(0?1) lan ?(?:/|trong|moi|1) ?quy|\bquy ?/ ?lan\b|\b0?3 thang ?/ ?lan"
)
SEMIANNUAL = re.compile(r"\b0?6 thang ?(/ ?|1 |01 )?lan\b|dinh ky (0?6) thang|nua nam")
TIMES_PER_YEAR = re.compile(
    r"\b(\d{1,2}) lan ?(?:/|trong|moi|1|01) ?nam|\b(?:moi|hang|1|01) nam (\d{1,2}) lan\b"
)
YEARLY = re.compile(rf"\b{EVERY} nam\b")
YEAR_END = re.compile(r"cuoi nam")
CONTINUOUS = re.compile(r"thuong xuyen|lien tuc|hang ngay|hang tuan")
ON_REQUEST = re.compile(
    r"yeu cau|dot xuat|(?<!ban )chi dao|theo (?:ke hoach|lich)(?! danh gia)|\bkhi can\b"
)
SUMMARY = re.compile(r"tong hop|bao cao")

ORDINALS = {"dau": 1, "dau tien": 1, "thu nhat": 1, "giua": 2, "hai": 2, "ba": 3, "tu": 4}


def ordinal(words: str) -> int | None:
    """ "đầu" 1, "giữa" 2, "thứ ba" 3, "cuối" None (the last)."""
    words = words.removeprefix("thu ").strip()
    if words.startswith("cuoi"):
        return None
    return int(words) if words.isdigit() else ORDINALS.get(words, 1)


def quarter_number(text: str) -> int:
    return ROMAN.get(text) or int(text)
