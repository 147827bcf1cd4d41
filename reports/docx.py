"""Plans and reports as Word documents (python-docx), laid out like the PDF for those who edit
in Word."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from plans.letterhead import Letterhead
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


def _header(document, doc: PlanLayout) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(66), Mm(99)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(left.paragraphs[0].add_run(doc.parent_authority.upper()), 12.5)
    agency = _paragraph(
        left, doc.agency, align=WD_ALIGN_PARAGRAPH.CENTER, size=12.5, bold=True, space_after=8
    )
    _rule(agency, 1.2)
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
    centered = [column.key == "order" for column in doc.columns]
    widths = [int(TEXT_WIDTH * c.width / 100) for c in doc.columns]
    for row, values in zip(rows[len(header) :], doc.rows, strict=True):
        _cant_split(row)
        for cell, value, center in zip(row.cells, values, centered, strict=False):
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


def _closing(document, doc: PlanLayout) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in doc.recipients:
        _paragraph(left, line, size=11, space_after=0)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, line in enumerate(doc.signature):
        paragraph = right.paragraphs[0] if number == 0 else right.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line.upper()), 13.5, bold=True)
    for _ in range(4):
        _paragraph(right, "", space_after=0)
    _paragraph(right, doc.signer, align=WD_ALIGN_PARAGRAPH.CENTER, size=13.5, bold=True)


def _document() -> Document:
    """An A4 document with the margins and font of Decree 30/2020 and page numbers."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
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


class _BodyParagraphs(HTMLParser):
    """The paragraphs of a document body rendered for the PDF: (is a heading, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[tuple[bool, str]] = []
        self._current: list[str] | None = None
        self._heading = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "p" and ("doc-sub" in classes or "doc-para" in classes):
            self._current, self._heading = [], "doc-sub" in classes
        elif tag == "br" and self._current is not None:
            self._current.append("\n")

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "p" and self._current is not None:
            self.paragraphs.append((self._heading, "".join(self._current)))
            self._current = None


def render_report_docx(doc: Letterhead, body_html: str) -> bytes:
    """A report whose body is the HTML shared with the page and the PDF (doc-sub / doc-para)."""
    parser = _BodyParagraphs()
    parser.feed(body_html)
    document = _document()
    _header(document, doc)
    _kind_and_title(document, doc)
    for heading, text in parser.paragraphs:
        for line in text.split("\n"):
            _paragraph(
                document,
                " ".join(line.split()),
                align=None if heading else WD_ALIGN_PARAGRAPH.JUSTIFY,
                bold=heading,
                indent=INDENT,
            )
    _closing(document, doc)
    return _saved(document)
