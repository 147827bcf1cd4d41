"""Vietnamese text without its diacritics, character for character ("Đổi" → "Doi")."""

import unicodedata


def _plain(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


def unaccented(text: str) -> str:
    """``text`` without diacritics, one character for one, so that positions stay aligned."""
    return "".join(_plain(char) for char in text)
