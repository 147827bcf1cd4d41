"""Find the task table and propose what each column holds, from its header row(s)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plans.choices import ImportColumn as C
from plans.planning.timing.parser import normalize

from .table import ImportFileError, Row, Source

# (what the column holds, words of its heading), first match wins: "Thời gian thực hiện" is a
# timing even though "thực hiện" also heads unit columns.
HEADING_WORDS = [
    (C.TIMING, r"thoi gian|thoi han|tien do"),
    (C.SUPPORT, r"tham muu|phoi hop|ho tro"),
    (C.ORDER, r"^(s ?tt|tt|so tt|so thu tu|thu tu)$"),
    (C.OUTPUT, r"san pham|ho so|bieu mau|ket qua"),
    (C.CONTENT, r"noi dung|cong viec|nhiem vu|hoat dong|buoc"),
    (C.LEAD, r"chinh|chu tri|don vi|ca nhan|trach nhiem|thuc hien"),
]
HEADER_SEARCH_ROWS = 5
NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


def plain(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", normalize(text)[1]).split())


def _word_match(pattern: str, text: str) -> bool:
    return re.search(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])", text) is not None


def role_of(label: str) -> str:
    text = plain(label)
    return next((role for role, words in HEADING_WORDS if _word_match(words, text)), C.IGNORE)


@dataclass
class FoundTable:
    labels: list[str]  # the heading of each column, two header rows joined
    rows: list[Row]  # the rows under the header, continuation tables appended
    mapping: list[str]  # proposed ImportColumn per column


def _is_header(row: Row) -> bool:
    roles = {role_of(cell.text) for cell in row if cell.text} - {C.IGNORE}
    return C.CONTENT in roles and len(roles) >= 2


def _is_sub_header(row: Row) -> bool:
    """The second row of a two-row header ("Chính | Tham mưu" under "Trách nhiệm")."""
    own = [cell.text for cell in row if cell.text and not cell.merged]
    return bool(own) and all(role_of(text) != C.IGNORE for text in own)


def _is_numbering(row: Row) -> bool:
    """The row "(1) (2) (3)…" some agencies put under the header."""
    texts = [cell.text for cell in row if cell.text]
    return len(texts) >= 3 and all(NUMBERING.match(t) for t in texts)


def _header(rows: list[Row]) -> tuple[int, int] | None:
    """(first row, number of rows) of the header among the table's first rows."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if _is_header(row):
            count = 2 if index + 1 < len(rows) and _is_sub_header(rows[index + 1]) else 1
            return index, count
    return None


def _labels(header_rows: list[Row], width: int) -> list[str]:
    labels = []
    for column in range(width):
        parts: list[str] = []
        for row in header_rows:
            text = row[column].text if column < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        labels.append(" ".join(" ".join(parts).split()))
    return labels


def propose_mapping(labels: list[str]) -> list[str]:
    mapping, taken = [], set()
    for label in labels:
        role = role_of(label)
        mapping.append(C.IGNORE if role in taken else role)
        taken.add(role)
    return mapping


def _body(rows: list[Row], header_texts: list[list[str]]) -> list[Row]:
    """The rows after a (repeated) header and its numbering row."""
    start = 0
    while start < len(rows) and (
        [c.text for c in rows[start]] in header_texts or _is_numbering(rows[start])
    ):
        start += 1
    return rows[start:]


def find_task_table(source: Source) -> FoundTable:
    if not source.tables:
        raise ImportFileError(_("No table was found: the task table must be a table."))
    for index, table in enumerate(source.tables):
        found = _header(table.rows)
        if found is None:
            continue
        first, count = found
        header_rows = table.rows[first : first + count]
        header_texts = [[c.text for c in row] for row in header_rows]
        rows = _body(table.rows[first + count :], header_texts)
        # A table continued after a page break: the next tables of the same width, each maybe
        # repeating the header.
        for following in source.tables[index + 1 :]:
            if not following.follows_previous or following.width != table.width:
                break
            rows.extend(_body(following.rows, header_texts))
        labels = _labels(header_rows, table.width)
        return FoundTable(labels=labels, rows=rows, mapping=propose_mapping(labels))
    raise ImportFileError(
        _(
            "No column of the table was recognised. The table needs a header row such as "
            "“TT | Nội dung công việc | Đơn vị thực hiện | Thời gian | Sản phẩm”."
        )
    )
