"""Reading what a printout download holds, for the tests of every record's PDF, DOCX and XLSX."""

import io
import re
from urllib.parse import unquote

from docx import Document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def file_name(response) -> str:
    """The name the browser saves the download under (RFC 6266: quoted, or ``filename*=utf-8''…``
    when it has Vietnamese letters)."""
    header = response["Content-Disposition"]
    if match := re.search(r'filename="(.*)"', header):
        return match.group(1)
    return unquote(header.rsplit("''", 1)[1])


def docx_document(response):
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    return Document(io.BytesIO(response.content))


def docx_paragraphs(document) -> list[str]:
    """The body's paragraphs in order (not those inside tables)."""
    return [p.text for p in document.paragraphs]


def docx_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def docx_text(document) -> str:
    """Every text of the document, paragraphs and table cells, one line each."""
    lines = docx_paragraphs(document)
    for table in document.tables:
        for row in docx_rows(table):
            lines.extend(row)
    return "\n".join(lines)


def pdf_bold_text(page) -> str:
    """The text of a PDF page set in a bold face (Tinos-Bold, Times New Roman Bold), in order."""
    bold = []

    def visit(text, _cm, _tm, font, _size):
        if font is not None and "Bold" in str(font.get("/BaseFont", "")) and text.strip():
            bold.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(" ".join(bold).split())


def docx_bold_leads(document) -> list[str]:
    """The bold runs that open the body's otherwise plain paragraphs (a decision's "Điều 1.")."""
    return [
        p.runs[0].text
        for p in document.paragraphs
        if len(p.runs) > 1 and p.runs[0].bold and not p.runs[1].bold
    ]
