"""Numbers written as words or twice ("mười (10) ngày", "02 (hai) tháng", "hai lần một năm")
become digits before anything else is read."""

from __future__ import annotations

import re

from .text import rewrite

UNITS = {
    "một": 1, "mot": 1, "hai": 2, "ba": 3, "bốn": 4, "bon": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bay": 7, "tám": 8, "chín": 9, "chin": 9,
}  # fmt: skip
# "năm" (five, or year), "sau" (after), "tu" (from): only with diacritics and before a unit.
_UNIT = r"(?:một|mot|hai|ba|bốn|bon|tư|năm|lăm|sáu|bảy|bay|tám|chín|chin)"
_TEN = r"(?:mười|muoi)"
_TENS = r"(?:mươi|muoi)"
_NUMBER = rf"(?:{_UNIT} {_TENS}(?: {_UNIT})?|{_TEN}(?: {_UNIT})?|{_UNIT})"
_COUNTED = r"(?:ngày|ngay|tuần|tuan|tháng|thang|quý|quy|lần|lan|năm|nam)\b"
NUMBER_WORDS = re.compile(
    rf"(?<!\w)(?P<n>{_NUMBER})(?=\s*\(|\s+{_COUNTED})|(?<=\()\s*(?P<b>{_NUMBER})\s*(?=\))"
)
DOUBLED = re.compile(r"(?<![\d/.])(\d{1,3})\s*\(\s*\d{1,3}\s*\)")


def value(words: str) -> int:
    parts = words.split()
    if parts[0] in {"mười", "muoi"} and (len(parts) == 1 or parts[1] not in {"mươi"}):
        return 10 + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    if len(parts) >= 2 and parts[1] in {"mươi", "muoi"}:
        return UNITS[parts[0]] * 10 + (UNITS.get(parts[2], 0) if len(parts) > 2 else 0)
    return UNITS[parts[0]]


def _digits(match: re.Match) -> str:
    return str(value(match.group("n") or match.group("b")))


def numbers_as_digits(original: str, normalized: str) -> tuple[str, str]:
    """Both texts with numbers in words as digits and a number said twice said once."""
    original, normalized = rewrite(original, normalized, NUMBER_WORDS, _digits, accented=True)
    return rewrite(original, normalized, DOUBLED, lambda m: m.group(1))
