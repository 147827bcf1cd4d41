"""Where a printed task table may break across pages (Decree 30/2020: a row's cells are not split
"when it can be avoided"), as data so that the PDF and the DOCX break alike.

A short row moves whole to the next page; a long one splits, as Word's "allow row to break across
pages" does: keeping it whole would leave most of a page blank before it, or, taller than a page,
it would split anyway without the repeated header row.
"""

from __future__ import annotations

import functools
import math

TEXT_WIDTH_MM = 165  # A4 less the 30 mm and 15 mm side margins
CELL_PADDING_MM = 3  # 3 pt each side and the borders
MM_PER_CHAR = 1.85  # Tinos 12 pt, Vietnamese text: 1.71 mm a character, plus room for word wraps
SPLIT_FROM_LINES = 12  # about a quarter of a page: at most that much is left blank before a row


@functools.cache  # a plan's table has a handful of widths and a 300-task plan 1,800 cells
def _chars_per_line(width_percent: float) -> int:
    return max(1, int((TEXT_WIDTH_MM * width_percent / 100 - CELL_PADDING_MM) / MM_PER_CHAR))


def cell_lines(text: str, width_percent: float) -> int:
    """How many lines ``text`` takes in a column of ``width_percent`` of the table (an estimate)."""
    chars = _chars_per_line(width_percent)
    return sum(max(1, math.ceil(len(line) / chars)) for line in (text or "").splitlines() or [""])


def row_may_split(cells: list[str], widths: list[float]) -> bool:
    """Whether a task row is long enough to split across pages rather than move whole."""
    for text, width in zip(cells, widths, strict=False):
        # An empty cell takes one line; most others are told short by the bound alone.
        if (
            text
            and _at_most_lines(text, width) > SPLIT_FROM_LINES
            and cell_lines(text, width) > SPLIT_FROM_LINES
        ):
            return True
    return False


def _at_most_lines(text: str, width_percent: float) -> float:
    """A bound of ``cell_lines`` from the text's length: most cells are told short by it alone
    (a 300-task plan has 1,800 of them), line by line counting only the long ones."""
    return len(text.splitlines()) + len(text) / _chars_per_line(width_percent)
