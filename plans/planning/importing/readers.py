"""Readers: a .docx, a .xlsx or pasted rows → `Source` (tables of text cells, and lines).

An uploaded file is unpacked within the upload rules (isoplan.uploads), then its XML parts are read
element by element (`PartReader`) within a `Budget` of rows, columns and time: no part is ever
held as a whole tree. python-docx and openpyxl still say what an element means (a cell's merge,
a paragraph's text, a value's type), one element at a time."""

from __future__ import annotations

import csv
import datetime
import io
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

from isoplan.uploads import unpack_office_file

from .stream import PartReader, parent_tag
from .table import Budget, Cell, ImportFileError, Row, Source, Table

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


def _docx_row(tr, above: dict[int, str], budget: Budget) -> Row:
    """A row as the grid shows it: a cell spanning columns or continuing a vertical merge
    repeats the text of the cell it is merged with (``above``: the row above), marked as merged."""
    budget.width(tr.grid_before)  # spans are checked before they are laid out
    row: Row = [Cell("") for _ in range(tr.grid_before)]
    for tc in tr.tc_lst:
        column = len(row)
        budget.width(column + tc.grid_span)
        if tc.vMerge == "continue":
            text, merged = above.get(column, ""), True
        else:
            text, merged = "\n".join(_cell_lines(tc)), False
        row.append(Cell(text, merged))
        row.extend(Cell(text, True) for _ in range(tc.grid_span - 1))
    budget.row(len(row))
    return row


def read_docx(xml: bytes | None, name: str, budget: Budget) -> Source:
    """The main document part (word/document.xml) of a Word file, read paragraph by paragraph and
    row by row. The other parts (pictures, styles, headers) do not hold the task table."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import element_class_lookup
    from docx.text.paragraph import Paragraph

    if xml is None:
        raise _damaged(name)
    document, body = qn("w:document"), qn("w:body")
    paragraph, table, table_row = qn("w:p"), qn("w:tbl"), qn("w:tr")

    def unit(element) -> bool:  # a paragraph or table row of the body, not of a nested table
        if element.tag == table_row:
            return parent_tag(element) == table and parent_tag(element, 1) == body
        return element.tag == paragraph and parent_tag(element) == body

    source = Source()
    blank_since_table = None  # None: no table yet, or text came after the last one
    rows: list[Row] = []
    lines: list[str] = []  # the text of the current table's cells, if it lays out a block
    above: dict[int, str] = {}
    try:
        for event, element in PartReader(xml, budget, unit=unit, lookup=element_class_lookup):
            if event == "start" and element.getparent() is None and element.tag != document:
                raise _damaged(name)
            if event == "start" or parent_tag(element) not in (body, table):
                continue
            if element.tag == table_row and parent_tag(element, 1) == body:
                row = _docx_row(element, above, budget)
                above = {index: cell.text for index, cell in enumerate(row)}
                rows.append(row)
                lines.extend(line for tc in element.iter(qn("w:tc")) for line in _cell_lines(tc))
            elif element.tag == paragraph and parent_tag(element) == body:
                text = Paragraph(element, None).text.strip()
                if text:
                    source.lines.append(text)
                    blank_since_table = None
            elif element.tag == table and parent_tag(element) == body:
                found = Table(rows, follows_previous=blank_since_table is not None)
                if found.width <= LAYOUT_TABLE_WIDTH:
                    source.lines.extend(lines)
                    blank_since_table = None
                else:
                    source.tables.append(found)
                    blank_since_table = True
                rows, lines, above = [], [], {}
    except ImportFileError:
        raise
    except Exception as error:  # lxml and python-docx raise many kinds for a broken part
        raise _damaged(name) from error
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


SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
ROW, CELL, MERGE_CELL = f"{SHEET_NS}row", f"{SHEET_NS}c", f"{SHEET_NS}mergeCell"


@dataclass
class Workbook:
    """What reading a workbook's sheets needs, read from its parts the way openpyxl reads them."""

    sheets: list[str]  # the parts of the worksheets, in the workbook's order
    shared_strings: list[str]
    date_styles: set[int]
    timedelta_styles: set[int]
    epoch: datetime.datetime


def _read_workbook(parts: dict[str, bytes], budget: Budget) -> Workbook:
    from openpyxl.cell.text import Text
    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    def elements(part: str, tag: str) -> Iterator:
        for event, element in PartReader(parts[part], budget, unit=lambda e: e.tag == tag):
            if event == "end" and element.tag == tag:
                yield element

    targets, kinds = {}, {}
    for relation in elements("xl/_rels/workbook.xml.rels", f"{RELATIONSHIP_NS}Relationship"):
        target = relation.get("Target", "")
        path = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        kind = relation.get("Type", "").rsplit("/", 1)[-1]
        targets[relation.get("Id")] = path
        kinds.setdefault(kind, path)
    epoch = CALENDAR_WINDOWS_1900
    sheets = []
    for element in elements("xl/workbook.xml", f"{SHEET_NS}sheet"):
        path = targets.get(element.get(R_ID), "")
        if path in parts and path != kinds.get("chartsheet"):
            sheets.append(path)
    for element in elements("xl/workbook.xml", f"{SHEET_NS}workbookPr"):
        if element.get("date1904") in ("1", "true"):
            epoch = CALENDAR_MAC_1904
    strings = []
    if kinds.get("sharedStrings") in parts:
        for element in elements(kinds["sharedStrings"], f"{SHEET_NS}si"):
            strings.append(Text.from_tree(element).content.replace("x005F_", ""))
    custom, styles = {}, []
    if kinds.get("styles") in parts:
        for element in elements(kinds["styles"], f"{SHEET_NS}numFmt"):
            custom[int(element.get("numFmtId"))] = element.get("formatCode")
        for element in elements(kinds["styles"], f"{SHEET_NS}xf"):
            if parent_tag(element) == f"{SHEET_NS}cellXfs":
                styles.append(int(element.get("numFmtId", 0)))
    formats = [custom.get(number) or builtin_format_code(number) for number in styles]
    return Workbook(
        sheets=sheets,
        shared_strings=strings,
        date_styles={index for index, code in enumerate(formats) if is_date_format(code)},
        timedelta_styles={index for index, code in enumerate(formats) if is_timedelta_format(code)},
        epoch=epoch,
    )


def _sheet_cells(xml: bytes, workbook: Workbook, budget: Budget):
    """(row → column → text of the cells with text, merged ranges) of a sheet, read cell by
    cell (openpyxl converts each value as its own reader would)."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    rows: dict[int, dict[int, str]] = {}
    merges: list[tuple[int, int, int, int]] = []
    number = 0
    values: dict[int, str] = {}
    cells = WorkSheetParser(
        None,
        workbook.shared_strings,
        data_only=True,
        epoch=workbook.epoch,
        date_formats=workbook.date_styles,
        timedelta_formats=workbook.timedelta_styles,
    )
    for event, element in PartReader(xml, budget, unit=lambda element: element.tag == CELL):
        tag = element.tag
        if event == "start":
            if tag == ROW:
                number = int(float(element.get("r") or number + 1))
                cells.row_counter, cells.col_counter, values = number, 0, {}
        elif tag == CELL:
            cell = cells.parse_cell(element)
            if text := _excel_text(cell["value"]):
                budget.width(cell["column"])
                values[cell["column"]] = text
        elif tag == ROW:
            if values:
                budget.row(max(values))
                rows[number] = values
        elif tag == MERGE_CELL:
            min_col, min_row, max_col, max_row = range_boundaries(element.get("ref"))
            merges.append((min_row, min_col, max_row, max_col))
    return rows, merges


def _fill_merges(rows, merges, budget: Budget) -> set:
    """Merged ranges repeat the text of their top-left cell (as Excel shows them, a range
    covering rows without cells too); returns the (row, column) of the cells that repeat it."""
    merged: set[tuple[int, int]] = set()

    def top(merge) -> str:
        return rows.get(merge[0], {}).get(merge[1], "")

    # Ranges with text first: they add rows, which the empty ones then mark as merged too.
    for min_row, min_col, max_row, max_col in sorted(merges, key=lambda merge: not top(merge)):
        budget.tick()
        text = top((min_row, min_col))
        if text:
            budget.width(max_col)
            numbers = range(min_row, max_row + 1)
        else:  # only marks: rows without text are left out, and so are columns past the limit
            max_col = min(max_col, budget.max_columns)
            numbers = [r for r in rows if min_row <= r <= max_row]
        for r in numbers:
            if r not in rows:
                budget.row(max_col)
                rows[r] = {}
            row = rows[r]
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    row[c] = text
                    merged.add((r, c))
    return merged


def read_xlsx(parts: dict[str, bytes], name: str, budget: Budget) -> Source:
    """Every sheet is a table; merged ranges repeat the text of their top-left cell."""
    source = Source()
    try:
        workbook = _read_workbook(parts, budget)
        for sheet in workbook.sheets:
            rows, merges = _sheet_cells(parts[sheet], workbook, budget)
            merged = _fill_merges(rows, merges, budget)
            texts = {r: row for r, row in sorted(rows.items()) if any(row.values())}
            width = max((c for row in texts.values() for c, text in row.items() if text), default=0)
            if texts:
                source.tables.append(
                    Table(
                        [
                            [Cell(row.get(c, ""), (r, c) in merged) for c in range(1, width + 1)]
                            for r, row in texts.items()
                        ]
                    )
                )
    except ImportFileError:
        raise
    except Exception as error:  # a broken part: bad XML, a missing part or shared string…
        raise _damaged(name) from error
    return source


def _trimmed(rows: list[Row]) -> list[Row]:
    """Without the empty columns at the right that a sheet's used range often has."""
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell.text), default=0)
    return [row[:width] for row in rows]


# --- pasted rows --------------------------------------------------------------------------------
def read_pasted(text: str) -> Source:
    """Rows copied from a Word or Excel table: cells separated by tabs, a cell of several lines
    in double quotes (as both put it on the clipboard)."""
    budget = Budget(_("Pasted rows"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    reader = csv.reader(io.StringIO(text), dialect="excel-tab")
    rows = []
    try:
        for row in reader:
            width = max((i + 1 for i, cell in enumerate(row) if cell.strip()), default=0)
            if width:
                budget.row(width)
                rows.append([Cell(cell.strip()) for cell in row[:width]])
    except csv.Error as error:  # a cell longer than csv's limit (128 KB)
        raise budget.too_large() from error
    source = Source(knows_merges=False)
    if rows and max(len(row) for row in rows) > 1:
        source.tables.append(Table(_trimmed(rows)))
    return source


def read_upload(file: IO[bytes], name: str) -> Source:
    """An upload checked by isoplan.uploads → Source; its kind is known from its name."""
    budget = Budget(name)
    parts = unpack_office_file(file, name=name, tick=budget.tick)
    if name.lower().endswith(".xlsx"):
        return read_xlsx(parts, name, budget)
    return read_docx(parts.get("word/document.xml"), name, budget)
