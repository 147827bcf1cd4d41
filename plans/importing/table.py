"""The common shape every reader produces: tables of text cells, and the document's lines."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFileError(Exception):
    """The file or text cannot be imported. The message is for the user."""


@dataclass(frozen=True)
class Cell:
    text: str
    # The cell repeats a merged neighbour (above, or to the left): a person reads the value as
    # applying here too, but it is not new text of this row.
    merged: bool = False


Row = list[Cell]


@dataclass
class Table:
    rows: list[Row]
    # Only blank paragraphs (a page break) separate it from the table before: maybe its rest.
    follows_previous: bool = False

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass
class Source:
    """What a reader found: the tables in reading order and the document's text outside the task
    tables (paragraphs, and the cells of one- and two-column layout tables), one line each."""

    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    # Merges are known (docx, xlsx); pasted text loses them and leaves the cells empty.
    knows_merges: bool = True
