"""The text as the parser reads it: tidied, and lower case without diacritics, character for
character, so that a match in the one can be read in the other; and the key of an event's words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable


def _plain(char: str) -> str:
    if char == "đ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


def normalize(text: str) -> tuple[str, str]:
    """(the text tidied, the same text in lower case without diacritics): one character of one
    for one character of the other, so that a match in the second can be read in the first."""
    tidy = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return tidy, "".join(_plain(c) for c in tidy.lower())


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


# Words that say nothing of which event it is: "khi có sự thay đổi về cơ cấu" and "thay đổi cơ
# cấu" are the same event. Without diacritics, only the words that cannot be another ("co" may be
# "có" or "cơ", "moi" "mỗi" or "mới").
EVENT_STOP_WORDS = frozenset(
    [
        "có",
        "sự",
        "các",
        "những",
        "về",
        "được",
        "ngày",
        "khi",
        "của",
        "một",
        "mỗi",
        "là",
        "thì",
        "kể",
        "từ",
        "sau",
        "nhận",
        "đã",
        "bị",
        "tại",
        "ở",
        "và",
    ]
)
PLAIN_STOP_WORDS = frozenset(["cac", "nhung", "ve", "duoc", "ngay", "khi", "cua", "sau", "va"])


def event_key(words: str) -> str:
    """The key under which similar wordings of a named event are one event: lower case without
    diacritics, punctuation and words like "có", "sự", "các", "về", "được", "khi" dropped."""
    tidy, _plain_text = normalize(words or "")
    kept = []
    for token in re.findall(r"\w+", tidy.lower()):
        plain = "".join(_plain(c) for c in token)
        if token in EVENT_STOP_WORDS or (plain == token and plain in PLAIN_STOP_WORDS):
            continue
        kept.append(plain)
    return " ".join(kept)
