"""The parts of a whole plan around its task table: title, legal bases, purposes and
requirements, recipients, signer — read from the document's lines where they are found."""

from __future__ import annotations

import datetime
import re

from plans.choices import SigningAuthority

from .columns import plain

ROMAN_HEADING = re.compile(r"^[IVX]+\s*[.)]")
AUTHORITY = re.compile(r"^(KT|TM|TL|Q)\s*\.\s*(.+)$")
LEGAL_BASIS = ("can cu", "thuc hien quyet dinh")
TITLE_ENDS = ("can cu", "thuc hien", "nham", "theo", "de ")


def _title(lines: list[str], plains: list[str]) -> str:
    if "ke hoach" not in plains:
        return ""
    start = plains.index("ke hoach") + 1
    title = []
    for line, text in zip(lines[start : start + 3], plains[start : start + 3], strict=True):
        if not text or text.startswith(TITLE_ENDS) or ROMAN_HEADING.match(line):
            break
        title.append(line)
    return " ".join(title)


def _section(lines: list[str], plains: list[str], pattern: str) -> list[str]:
    """The lines under the numbered heading (e.g. "I. MỤC ĐÍCH, YÊU CẦU") up to the next one."""
    for index, line in enumerate(lines):
        if ROMAN_HEADING.match(line) and re.search(pattern, plains[index]):
            end = next(
                (i for i in range(index + 1, len(lines)) if ROMAN_HEADING.match(lines[i])),
                len(lines),
            )
            return lines[index + 1 : end]
    return []


def _purposes_and_requirements(lines: list[str]) -> tuple[str, str]:
    section = _section(lines, [plain(line) for line in lines], r"muc dich|yeu cau")
    purposes: list[str] = []
    requirements: list[str] = []
    target = purposes
    for line in section:
        text = plain(line)
        if re.fullmatch(r"(\d+ )?muc dich", text):
            target = purposes
        elif re.fullmatch(r"(\d+ )?yeu cau", text):
            target = requirements
        else:
            target.append(line)
    return "\n".join(purposes), "\n".join(requirements)


def _closing(lines: list[str], plains: list[str]) -> dict[str, str]:
    parts: dict[str, str] = {}
    start = next((i for i, t in enumerate(plains) if t.startswith("noi nhan")), None)
    if start is None:
        return parts
    recipients = [lines[start].partition(":")[2].strip()]
    index = start + 1
    while index < len(lines) and lines[index].startswith(("-", "–", "+")):
        recipients.append(lines[index])
        index += 1
    parts["recipients"] = "\n".join(r for r in recipients if r)
    rest = lines[index:]
    titles = [line for line in rest if line.isupper()]
    names = [line for line in rest if not line.isupper() and not line.startswith("(")]
    if titles:
        authority = AUTHORITY.match(titles[0])
        if authority:
            parts["signing_authority"] = f"{authority.group(1)}."
            parts["signer_title"] = authority.group(2).strip()
            parts["signer_deputy_title"] = titles[1] if len(titles) > 1 else ""
        else:
            parts["signing_authority"] = SigningAuthority.NONE
            parts["signer_title"] = titles[0]
            parts["signer_deputy_title"] = ""
    if names:
        parts["signer_name"] = names[-1]
    return parts


DATE_LINE = re.compile(r"\bngay(?: (\d{1,2}))? thang(?: (\d{1,2}))? nam(?: (\d{4}))?\b")


def _date(lines: list[str], plains: list[str]) -> dict:
    """The date line above the title as the agency filled it: "Đồng Tháp, ngày      tháng 11
    năm 2022" gives the month and the year of issue, a full date the date."""
    end = plains.index("ke hoach") if "ke hoach" in plains else min(len(lines), 12)
    for line, text in zip(lines[:end], plains[:end], strict=True):
        found = DATE_LINE.search(text)
        if not found or "," not in line:
            continue
        day, month, year = (int(part) if part else None for part in found.groups())
        if day and month and year:
            try:
                return {"issued_on": datetime.date(year, month, day).isoformat()}
            except ValueError:
                return {}
        if month and not 1 <= month <= 12:
            return {}
        return {"issued_year": year, "issued_month": month} if year or month else {}
    return {}


# The numbered sections a plan has, by their words: the heading as written is kept.
SECTIONS = {
    "purposes": r"muc dich|yeu cau",
    "scope": r"pham vi",
    "tasks": r"noi dung|nhiem vu",
    "implementation": r"to chuc thuc hien",
}
ROMAN_PREFIX = re.compile(r"^[IVX]+\s*[.)]\s*")
END_OF_BODY = ("tren day", "noi nhan")


def _headings(lines: list[str], plains: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line, text in zip(lines, plains, strict=True):
        if ROMAN_HEADING.match(line):
            key = next((k for k, words in SECTIONS.items() if re.search(words, text)), None)
            if key and key not in found:
                found[key] = ROMAN_PREFIX.sub("", line).strip()
    return found


def _implementation(lines: list[str], plains: list[str]) -> str:
    """Section "Tổ chức thực hiện" as written, up to the closing paragraph or the recipients."""
    section = _section(lines, plains, SECTIONS["implementation"])
    kept = []
    for line in section:
        if plain(line).startswith(END_OF_BODY):
            break
        kept.append(line)
    return "\n".join(kept)


# The parts offered, each with the plan fields it sets; the first field says if it was found.
HEADER_PARTS = {
    "title": ["title"],
    "date": ["issued_year", "issued_month", "issued_on"],
    "legal_bases": ["legal_bases"],
    "purposes": ["purposes", "requirements"],
    "headings": ["headings"],
    "implementation": ["implementation"],
    "recipients": ["recipients"],
    "signer": ["signer_name", "signing_authority", "signer_title", "signer_deputy_title"],
}


# What a part sets a field to when the document does not say it ("" for text).
MISSING = {"issued_on": None, "issued_month": None, "issued_year": None}


def header_parts(lines: list[str]) -> dict[str, dict[str, str]]:
    """Part → {plan field: text}, for the parts found in the document."""
    plains = [plain(line) for line in lines]
    purposes, requirements = _purposes_and_requirements(lines)
    bases = [line for line, text in zip(lines, plains, strict=True) if text.startswith(LEGAL_BASIS)]
    fields = {
        "title": _title(lines, plains),
        "legal_bases": "\n".join(bases),
        "purposes": purposes,
        "requirements": requirements,
        **_closing(lines, plains),
    }
    fields.update(_date(lines, plains))
    fields["headings"] = _headings(lines, plains)
    fields["implementation"] = _implementation(lines, plains)
    return {
        part: {name: fields.get(name, MISSING.get(name, "")) for name in names}
        for part, names in HEADER_PARTS.items()
        if any(fields.get(name) for name in names)
    }
