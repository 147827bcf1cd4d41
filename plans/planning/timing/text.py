"""The text as the parser reads it: tidied, and lower case without diacritics, character for
character, so that a match in the one can be read in the other; and the key of an event's words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from isoplan.text import unaccented
from plans.work.named_events import event_key

__all__ = ["REASON", "event_key", "normalize", "respell", "rewrite"]


def normalize(text: str) -> tuple[str, str]:
    """(the text tidied, the same text in lower case without diacritics): one character of one
    for one character of the other, so that a match in the second can be read in the first."""
    tidy = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return tidy, unaccented(tidy.lower())


def rewrite(
    original: str,
    normalized: str,
    pattern: re.Pattern,
    replacement: Callable[[re.Match], str],
    *,
    accented: bool = False,
) -> tuple[str, str]:
    """Replace each match of ``pattern`` in both texts by the same (plain) words, keeping them
    aligned. ``accented``: match the lower-case text with its diacritics ("sáu" is six, "sau"
    is after)."""
    searched = original.lower() if accented and len(original.lower()) == len(normalized) else None
    matches = list(pattern.finditer(searched or normalized))
    for match in reversed(matches):
        words = replacement(match)
        start, end = match.span()
        original = original[:start] + words + original[end:]
        normalized = normalized[:start] + words + normalized[end:]
    return original, normalized


# Other spellings of the same words: "Q3", "Quí III" → "quy"; "ngày mùng 5" → "ngày 5".
SPELLINGS = [
    (re.compile(r"\bq(?=\s*(?:[1-4]|iv|i{1,3})\b)|\bqui\b"), "quy"),
    (re.compile(r"\b(?:mung|mong) (?=\d)"), ""),
]


def respell(original: str, normalized: str) -> tuple[str, str]:
    """Both texts with other spellings of the grammar's words replaced (kept aligned)."""
    for pattern, words in SPELLINGS:
        original, normalized = rewrite(original, normalized, pattern, lambda _m, w=words: w)
    return original, normalized


# Why a due date moved, as the summary says it ("— 30/12 là thứ Bảy", "(31/07 là Chủ nhật)",
# "30/09 là thứ Bảy, hạn 29/09"): an explanation, not a deadline.
REASON = re.compile(
    r"(?:\s+—\s+|\s*\()?\b\d{1,2}/\d{1,2} la "
    r"(?:thu bay|chu nhat|ngay nghi(?: le)?(?: \((?:[^()]|\([^()]*\))*\))?)"
    r"(?:, han \d{1,2}/\d{1,2})?\)?"
)
