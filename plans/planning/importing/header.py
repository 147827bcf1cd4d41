"""The parts of a whole plan around its task table: title, legal bases, purposes and
requirements, recipients, signer — read from the document's lines where they are found."""

from __future__ import annotations

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


# The parts offered, each with the plan fields it sets; the first field says if it was found.
HEADER_PARTS = {
    "title": ["title"],
    "legal_bases": ["legal_bases"],
    "purposes": ["purposes", "requirements"],
    "recipients": ["recipients"],
    "signer": ["signer_name", "signing_authority", "signer_title", "signer_deputy_title"],
}


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
    return {
        part: {name: fields.get(name, "") for name in names}
        for part, names in HEADER_PARTS.items()
        if fields.get(names[0])
    }
