"""Readers: a .docx, a .xlsx or pasted rows → `Source` (tables of text cells, and lines)."""

from __future__ import annotations

import csv
import datetime
import io
from typing import IO

from django.utils.translation import gettext as _

from .table import Cell, ImportFileError, Row, Source, Table

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # a password-protected Office file, or a .doc / .xls
LAYOUT_TABLE_WIDTH = 2  # the header and signature blocks of a plan are laid out in such tables


def _damaged(name: str) -> ImportFileError:
    return ImportFileError(
        _("“%(name)s” could not be read: the file is damaged or not a real Office file.")
        % {"name": name}
    )


def check_not_encrypted(head: bytes, name: str) -> None:
    """Word and Excel save a password-protected .docx/.xlsx as an OLE container, not a zip."""
    if head.startswith(OLE_SIGNATURE):
        raise ImportFileError(
            _(
                "“%(name)s” is protected by a password (or is an old Word 97-2003 / Excel "
                "97-2003 file). Open it, remove the password or save it as .docx / .xlsx, then "
                "upload it again."
            )
            % {"name": name}
        )


# --- Word ---------------------------------------------------------------------------------------
def _cell_lines(tc) -> list[str]:
    from docx.text.paragraph import Paragraph

    return [text for p in tc.p_lst if (text := Paragraph(p, None).text.strip())]


def _docx_rows(tbl) -> list[Row]:
    """Rows as the grid shows them: a cell spanning columns or continuing a vertical merge
    repeats the text of the cell it is merged with, marked as merged."""
    rows: list[Row] = []
    above: dict[int, str] = {}  # the text in each grid column of the row above
    for tr in tbl.tr_lst:
        row: Row = [Cell("") for _ in range(tr.grid_before)]
        for tc in tr.tc_lst:
            column = len(row)
            if tc.vMerge == "continue":
                text, merged = above.get(column, ""), True
            else:
                text, merged = "\n".join(_cell_lines(tc)), False
            row.append(Cell(text, merged))
            row.extend(Cell(text, True) for _ in range(tc.grid_span - 1))
        above = {index: cell.text for index, cell in enumerate(row)}
        rows.append(row)
    return rows


def read_docx(file: IO[bytes], name: str) -> Source:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        body = Document(file).element.body
    except Exception as error:  # zipfile, lxml and python-docx raise many kinds for a broken part
        raise _damaged(name) from error
    source = Source()
    blank_since_table = None  # None: no table yet, or text came after the last one
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            text = Paragraph(element, None).text.strip()
            if text:
                source.lines.append(text)
                blank_since_table = None
        elif element.tag == qn("w:tbl"):
            table = Table(_docx_rows(element), follows_previous=blank_since_table is not None)
            if table.width <= LAYOUT_TABLE_WIDTH:
                source.lines.extend(
                    line for tc in element.iter(qn("w:tc")) for line in _cell_lines(tc)
                )
                blank_since_table = None
            else:
                source.tables.append(table)
                blank_since_table = True
    return source


# --- Excel --------------------------------------------------------------------------------------
def _excel_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def read_xlsx(file: IO[bytes], name: str) -> Source:
    """Every sheet is a table; merged ranges repeat the text of their top-left cell."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise _damaged(name) from error
    source = Source()
    for sheet in workbook.worksheets:
        grid = [[_excel_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merged: set[tuple[int, int]] = set()
        for cells in sheet.merged_cells.ranges:
            top = grid[cells.min_row - 1][cells.min_col - 1] if grid else ""
            for r in range(cells.min_row - 1, min(cells.max_row, len(grid))):
                for c in range(cells.min_col - 1, min(cells.max_col, len(grid[r]))):
                    if (r, c) != (cells.min_row - 1, cells.min_col - 1):
                        grid[r][c] = top
                        merged.add((r, c))
        rows = [
            [Cell(text, (r, c) in merged) for c, text in enumerate(row)]
            for r, row in enumerate(grid)
            if any(row)
        ]
        if rows:
            source.tables.append(Table(_trimmed(rows)))
    return source


def _trimmed(rows: list[Row]) -> list[Row]:
    """Without the empty columns at the right that a sheet's used range often has."""
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell.text), default=0)
    return [row[:width] for row in rows]


# --- pasted rows --------------------------------------------------------------------------------
def read_pasted(text: str) -> Source:
    """Rows copied from a Word or Excel table: cells separated by tabs, a cell of several lines
    in double quotes (as both put it on the clipboard)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    reader = csv.reader(io.StringIO(text), dialect="excel-tab")
    rows = [[Cell(cell.strip()) for cell in row] for row in reader if any(c.strip() for c in row)]
    source = Source(knows_merges=False)
    if rows and max(len(row) for row in rows) > 1:
        source.tables.append(Table(_trimmed(rows)))
    return source


def read_upload(file: IO[bytes], name: str) -> Source:
    """An upload checked by plans.uploads → Source; its kind is known from its name."""
    file.seek(0)
    data = io.BytesIO(file.read())
    return read_xlsx(data, name) if name.lower().endswith(".xlsx") else read_docx(data, name)
