"""The common shape every reader produces: tables of text cells, and the document's lines."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# A plan's task table has a few hundred rows of up to a dozen columns, read in a second or two.
MAX_ROWS = 5000
MAX_COLUMNS = 60
# Below the web server's worker time-out (gunicorn: 30 s), so the person gets a message.
READ_SECONDS = 20


class ImportFileError(Exception):
    """The file or text cannot be imported. The message is for the user."""


class Budget:
    """What reading one file or one paste may take: rows (counted over all its tables), columns
    per row and time. A reader calls `row` for every row it keeps and `tick` while it works, so a
    file built to be huge or slow to read is stopped with a message, not by the server."""

    def __init__(
        self,
        name: str,
        *,
        rows: int = MAX_ROWS,
        columns: int = MAX_COLUMNS,
        seconds: float | None = None,
    ):
        self.name, self.max_rows, self.max_columns = name, rows, columns
        self.seconds = READ_SECONDS if seconds is None else seconds
        self.rows = 0
        self.deadline = time.monotonic() + self.seconds

    def too_large(self) -> ImportFileError:
        return ImportFileError(
            _(
                "“%(name)s” is too large to import: a task table has at most %(rows)s rows of at "
                "most %(columns)s columns. Keep only the task table and try again."
            )
            % {"name": self.name, "rows": self.max_rows, "columns": self.max_columns}
        )

    def width(self, columns: int) -> None:
        if columns > self.max_columns:
            raise self.too_large()

    def row(self, columns: int = 0) -> None:
        self.rows += 1
        if self.rows > self.max_rows:
            raise self.too_large()
        self.width(columns)
        self.tick()

    def tick(self) -> None:
        if time.monotonic() >= self.deadline:
            raise ImportFileError(
                _(
                    "Reading “%(name)s” took more than %(seconds)s seconds and was stopped. A "
                    "plan's task table reads in a few seconds: keep only the task table in the "
                    "file, or paste its rows instead."
                )
                % {"name": self.name, "seconds": self.seconds}
            )


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
