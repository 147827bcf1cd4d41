"""Plans and reports as Word documents (python-docx), laid out like the PDF for those who edit
in Word."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from plans.letterhead import Letterhead, agency_lines, agency_rule_indent_mm
from plans.page_breaks import row_may_split
from plans.planning.layout import PlanLayout

FONT = "Times New Roman"
INDENT = Cm(1.27)
TEXT_WIDTH = Mm(210 - 30 - 15)


def _font(run, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _paragraph(
    container,
    text: str = "",
    *,
    align=None,
    size=13,
    bold=False,
    italic=False,
    indent=None,
    space_after=6,
    upper=False,
):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if indent is not None:
        fmt.first_line_indent = indent
    if text:
        _font(paragraph.add_run(text.upper() if upper else text), size, bold, italic)
    return paragraph


def _rule(paragraph, width_share: float) -> None:
    """A short line under a centred paragraph: a bottom border inside side indents."""
    paragraph.paragraph_format.left_indent = Cm(width_share)
    paragraph.paragraph_format.right_indent = Cm(width_share)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _repeat_header(row) -> None:
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _page_number_header(section) -> None:
    """Page numbers centred at the top, not on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run, 13)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), tag)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)


def _header(document, doc: PlanLayout | Letterhead) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(66), Mm(99)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(left.paragraphs[0].add_run(doc.parent_authority.upper()), 12.5)
    # The name on its lines (plans.letterhead.agency_lines), a short rule centred under it.
    _paragraph(
        left,
        "\n".join(agency_lines(doc.agency)),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=12.5,
        bold=True,
        space_after=0,
    )
    rule = _paragraph(left, "", align=WD_ALIGN_PARAGRAPH.CENTER, size=4, space_after=8)
    _rule(rule, agency_rule_indent_mm(doc.agency) / 10)
    if doc.number:  # an appendix carries its decision's number, not its own
        _paragraph(left, doc.number, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12.5, bold=True)
    motto = _paragraph(
        right,
        "Độc lập - Tự do - Hạnh phúc",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=13.5,
        bold=True,
        space_after=8,
    )
    _rule(motto, 1.6)
    if doc.date:  # minutes have no place/date line
        _paragraph(right, doc.date, align=WD_ALIGN_PARAGRAPH.RIGHT, size=13.5, italic=True)


def _task_table(document, doc: PlanLayout) -> None:
    """The task table: header row(s) marked to repeat on every page, rows that do not split."""
    header = doc.header_rows
    table = document.add_table(rows=len(header) + len(doc.rows), cols=len(doc.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in table.rows[: len(header)]:
        _repeat_header(row)
    column = 0
    for label, colspan, rowspan in header[0]:
        cell = table.cell(0, column)
        if colspan > 1 or rowspan > 1:
            cell = cell.merge(table.cell(rowspan - 1, column + colspan - 1))
        _cell_text(cell, label, bold=True, center=True)
        column += colspan
    if len(header) == 2:  # the columns under a shared heading
        grouped = [i for i, c in enumerate(doc.columns) if c.group]
        for (label, _colspan, _rowspan), position in zip(header[1], grouped, strict=True):
            _cell_text(table.cell(1, position), label, bold=True, center=True)
    # Rows and cells are looked up once: python-docx finds each one anew in the table's XML.
    rows = list(table.rows)
    body = rows[len(header) :]
    centered = [column.key == "order" for column in doc.columns]
    shares = [c.width for c in doc.columns]
    widths = [int(TEXT_WIDTH * share / 100) for share in shares]
    for index, (row, values, span) in enumerate(zip(body, doc.rows, doc.number_spans, strict=True)):
        if not row_may_split(values, shares):
            _cant_split(row)
        if span > 1:  # a row's number spans its sub-rows
            row.cells[0].merge(body[index + span - 1].cells[0])
        for position, (cell, value, center) in enumerate(
            zip(row.cells, values, centered, strict=False)
        ):
            if position or span:
                _cell_text(cell, value, center=center)
    for row in rows:
        for position, cell in enumerate(row.cells):
            cell.width = widths[position]


def _cell_text(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = ""
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            _font(paragraph.add_run(line), 12, bold=bold)


def _recipients_into(paragraph, container, recipients: list[str]) -> None:
    """ "Nơi nhận:" in 12 pt bold italic on ``paragraph``, then one 11 pt line per recipient."""
    _font(paragraph.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in recipients:
        _paragraph(container, line, size=11, space_after=0)


def _sign_into(cell, titles: list[str], signer: str) -> None:
    """A signature block, centred: titles in capitals, room to sign and seal, the name."""
    for number, line in enumerate(titles):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line.upper()), 13.5, bold=True)
    for _ in range(4):
        _paragraph(cell, "", space_after=0)
    _paragraph(cell, signer, align=WD_ALIGN_PARAGRAPH.CENTER, size=13.5, bold=True)


def _closing(document, doc: PlanLayout | Letterhead) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    _recipients_into(left.paragraphs[0], left, doc.recipients)
    _sign_into(right, doc.signature, doc.signer)


def _signatures(document, signatures: list[tuple[str, str]]) -> None:
    """Signature blocks side by side (minutes: THƯ KÝ left, CHỦ TỌA right)."""
    table = document.add_table(rows=1, cols=len(signatures))
    _no_borders(table)
    for cell, (title, signer) in zip(table.rows[0].cells, signatures, strict=True):
        _sign_into(cell, [title], signer)


def _recipients(document, recipients: list[str]) -> None:
    _paragraph(document, "", space_after=0)
    _recipients_into(document.add_paragraph(), document, recipients)


def _document(*, landscape: bool = False) -> Document:
    """An A4 document with the margins and font of Decree 30/2020 and page numbers; landscape
    for a page that carries a wide table."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.start_type = WD_SECTION.NEW_PAGE
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _page_number_header(section)
    return document


def _kind_and_title(document, doc: Letterhead | PlanLayout) -> None:
    _paragraph(
        document, doc.kind, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, bold=True, space_after=0
    )
    title = _paragraph(
        document, doc.title, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, bold=True, space_after=12
    )
    _rule(title, 5.5)


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_plan_docx(doc: PlanLayout) -> bytes:
    document = _document()
    if doc.is_draft:
        mark = _paragraph(document, "DỰ THẢO", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12, bold=True)
        mark.runs[0].font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    _header(document, doc)
    _kind_and_title(document, doc)
    for basis in doc.legal_bases:
        _paragraph(document, basis, align=WD_ALIGN_PARAGRAPH.JUSTIFY, italic=True, indent=INDENT)
    for line in doc.introduction:
        _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=INDENT)
    for section_ in doc.sections:
        _paragraph(document, f"{section_.numeral}. {section_.heading}", bold=True, indent=INDENT)
        for line in section_.paragraphs:
            _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=INDENT)
        for heading, lines in section_.subsections:
            _paragraph(document, heading, bold=True, indent=INDENT)
            for line in lines:
                _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=INDENT)
        if section_.kind == "table":
            _task_table(document, doc)
            _paragraph(document, "", space_after=0)
    for line in doc.closing:
        _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=INDENT)
    _closing(document, doc)
    return _saved(document)


@dataclass
class _Cell:
    text: str = ""
    colspan: int = 1
    bold: bool = False
    center: bool = False


@dataclass
class _Table:
    """A body table: its header rows (repeated on each page), its rows, relative column widths
    from <col>/<th> "width:…%" where the template gives them."""

    header: list[list[_Cell]] = field(default_factory=list)
    rows: list[list[_Cell]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


_WIDTH = re.compile(r"width:\s*([\d.]+)%")


class _Body(HTMLParser):
    """The blocks of a document body rendered for the PDF, in order: ("sub" | "para", text) for
    <p class="doc-sub|doc-para">, ("table", _Table) for <table class="doc-table">. A paragraph
    that opens with <strong> (a decision's "Điều 1.") keeps that lead in ``leads`` by its
    block's index, to be bold in Word as in the PDF."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str | _Table]] = []
        self.leads: dict[int, str] = {}
        self._lead_from: int | None = None
        self._current: list[str] | None = None
        self._kind = ""
        self._table: _Table | None = None
        self._in_head = False
        self._row: list[_Cell] | None = None
        self._cell: _Cell | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = attributes.get("class") or ""
        style = attributes.get("style") or ""
        if tag == "table" and "doc-table" in classes:
            self._table = _Table()
        elif self._table is not None:
            self._table_tag(tag, attributes, style)
        elif tag == "p" and ("doc-sub" in classes or "doc-para" in classes):
            self._current, self._kind = [], "sub" if "doc-sub" in classes else "para"
            # a decision's "GIÁM ĐỐC SỞ …" and "QUYẾT ĐỊNH:" lines; its legal bases in italics
            if "doc-center" in classes:
                self._kind = "center"
            elif "doc-basis" in classes:
                self._kind = "basis"
        elif tag == "br" and self._current is not None:
            self._current.append("\n")
        elif tag == "strong" and self._current is not None and not "".join(self._current).strip():
            self._lead_from = len(self._current)

    def _table_tag(self, tag, attributes, style):
        table = self._table
        if tag == "thead":
            self._in_head = True
        elif tag == "col" and (width := _WIDTH.search(style)):
            table.widths.append(float(width.group(1)))
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = _Cell(
                colspan=int(attributes.get("colspan") or 1),
                bold=tag == "th" or "bold" in style,
                center=tag == "th" or "center" in style,
            )
            self._current = []
            if tag == "th" and self._in_head and (width := _WIDTH.search(style)):
                table.widths.append(float(width.group(1)))
        elif tag == "br" and self._current is not None:
            self._current.append("\n")

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if self._table is not None:
            if tag in ("th", "td") and self._cell is not None:
                self._cell.text = _lines("".join(self._current))
                self._row.append(self._cell)
                self._cell = self._current = None
            elif tag == "tr" and self._row is not None:
                (self._table.header if self._in_head else self._table.rows).append(self._row)
                self._row = None
            elif tag == "thead":
                self._in_head = False
            elif tag == "table":
                self.blocks.append(("table", self._table))
                self._table = None
        elif tag == "strong" and self._lead_from is not None and self._current is not None:
            self.leads[len(self.blocks)] = " ".join(
                "".join(self._current[self._lead_from :]).split()
            )
            self._lead_from = None
        elif tag == "p" and self._current is not None:
            self.blocks.append((self._kind, "".join(self._current)))
            self._current = self._lead_from = None


def _lines(text: str) -> str:
    """Template whitespace collapsed inside each line; <br> kept as line breaks."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")


def _body_table(document, table: _Table, text_width) -> None:
    """A body table like the plan's task table: header rows repeat, rows do not split."""
    columns = max(sum(cell.colspan for cell in row) for row in table.header + table.rows)
    grid = document.add_table(rows=len(table.header) + len(table.rows), cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for number, cells in enumerate(table.header + table.rows):
        row = grid.rows[number]
        if number < len(table.header):
            _repeat_header(row)
        else:
            _cant_split(row)
        # The row's own cells: ``grid.cell`` lists the whole table's on each call (a table of
        # hundreds of rows took minutes).
        grid_cells, position = row.cells, 0
        for cell in cells:
            target = grid_cells[position]
            if cell.colspan > 1:
                target = target.merge(grid_cells[position + cell.colspan - 1])
            _cell_text(target, cell.text, bold=cell.bold, center=cell.center)
            position += cell.colspan
    if len(table.widths) == columns:
        total = sum(table.widths)
        widths = [int(text_width * width / total) for width in table.widths]
        for row in grid.rows:
            for position, cell in enumerate(row.cells):
                cell.width = widths[position]
    _paragraph(document, "", space_after=0)


def _body(document, body_html: str, text_width=TEXT_WIDTH) -> None:
    parser = _Body()
    parser.feed(body_html)
    for number, (kind, content) in enumerate(parser.blocks):
        if kind == "table":
            _body_table(document, content, text_width)
            continue
        lead = parser.leads.get(number, "")
        for line in _lines(content).split("\n"):
            if kind == "center":
                _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
                continue
            rest = line
            if lead and line.startswith(lead):  # "Điều 1." bold, the article's text not
                rest = line[len(lead) :]
            paragraph = _paragraph(
                document,
                "" if rest != line else line,
                align=None if kind == "sub" else WD_ALIGN_PARAGRAPH.JUSTIFY,
                bold=kind == "sub",
                italic=kind == "basis",
                indent=INDENT,
            )
            if rest != line:
                _font(paragraph.add_run(lead), bold=True, italic=kind == "basis")
                _font(paragraph.add_run(rest), bold=kind == "sub", italic=kind == "basis")
            lead = ""  # only the paragraph's first line opens with it


def render_report_docx(
    doc: Letterhead, body_html: str, *, signatures: list[tuple[str, str]] | None = None
) -> bytes:
    """A report, notice or minutes whose body is the HTML shared with the PDF (doc-sub,
    doc-para, doc-table). ``signatures``: minutes are signed side by side (THƯ KÝ, CHỦ TỌA),
    their recipients below."""
    document = _document()
    _header(document, doc)
    _kind_and_title(document, doc)
    _body(document, body_html)
    if signatures:
        _signatures(document, signatures)
        _recipients(document, doc.recipients)
    else:
        _closing(document, doc)
    return _saved(document)


def _vietnamese(template: str, context: dict) -> str:
    """A body template rendered in Vietnamese whatever language the person reads the site in
    (official documents, as reports.pdf.render_pdf)."""
    with translation.override("vi"):
        return render_to_string(template, context)


def render_body_docx(
    doc: Letterhead,
    body_template: str,
    context: dict,
    *,
    signatures: list[tuple[str, str]] | None = None,
) -> bytes:
    """The DOCX of a printout from the body template its PDF includes."""
    return render_report_docx(doc, _vietnamese(body_template, context), signatures=signatures)


def render_appendix_docx(
    body_template: str,
    context: dict,
    *,
    title: str,
    attached_to: str,
    doc: Letterhead | None = None,
    landscape: bool = False,
) -> bytes:
    """An appendix (phụ lục): under the letterhead's header when it has one, "PHỤ LỤC", its
    title, the line naming the decision or report it is attached to, then the body from the
    template its PDF includes; no closing (the document it is attached to is signed)."""
    document = _document(landscape=landscape)
    if doc is not None:
        _header(document, doc)
    _paragraph(
        document, "PHỤ LỤC", align=WD_ALIGN_PARAGRAPH.CENTER, size=14, bold=True, space_after=0
    )
    _paragraph(
        document, title.upper(), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, bold=True, space_after=0
    )
    note = _paragraph(
        document, attached_to, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, space_after=12
    )
    _rule(note, 5.5)
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    _body(document, _vietnamese(body_template, context), text_width)
    return _saved(document)


def _appendix_heading(document, title: str, attached_to: str) -> None:
    _paragraph(
        document, "PHỤ LỤC", align=WD_ALIGN_PARAGRAPH.CENTER, size=14, bold=True, space_after=0
    )
    _paragraph(
        document, title.upper(), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, bold=True, space_after=0
    )
    note = _paragraph(
        document, attached_to, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, space_after=12
    )
    _rule(note, 5.5)


def render_decision_docx(
    doc: Letterhead,
    body_template: str,
    context: dict,
    *,
    appendix: tuple[str, str, str] | None = None,
    landscape_appendix: bool = False,
) -> bytes:
    """A decision (or a declaration, a report) from the body template its PDF includes, signed,
    then on a new page its appendix: ``appendix`` is (title, the line naming the decision, the
    appendix's body template), rendered with the same context; ``landscape_appendix``: on
    landscape pages of its own, for a wide table."""
    document = _document()
    _header(document, doc)
    _kind_and_title(document, doc)
    _body(document, _vietnamese(body_template, context))
    _closing(document, doc)
    if appendix is not None:
        title, attached_to, template = appendix
        text_width = TEXT_WIDTH
        if landscape_appendix:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
            section.left_margin, section.right_margin = Mm(25), Mm(20)
            text_width = section.page_width - section.left_margin - section.right_margin
        else:
            document.add_page_break()
        _appendix_heading(document, title, attached_to)
        _body(document, _vietnamese(template, context), text_width)
    return _saved(document)
