"""What every download of reports shares: the response that hands over a file to save."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from plans.letterhead import Letterhead

from .docx import render_body_docx
from .pdf import render_pdf

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(body: bytes, name: str) -> HttpResponse:
    """A file to save, typed by the extension of its name ("….pdf", "….docx", "….xlsx")."""
    response = HttpResponse(body, content_type=TYPES[name.rsplit(".", 1)[1]])
    # RFC 6266 form: names carry Vietnamese letters (SLĐTBXH).
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def record_file_name(symbol: str, subject: str, organization, when, extension: str) -> str:
    """ "BC-DGNB-SLĐTBXH-20230911.docx": like the plan's "KH-SLĐTBXH-2023-v1", the document's
    symbol, what the record is about, the agency's symbol and when (a day, or a year or period
    as text), so that two printouts of one record (the audit report, its corrective actions)
    never share a name."""
    if hasattr(when, "strftime"):
        when = f"{when:%Y%m%d}"
    return f"{symbol}-{subject}-{organization.document_symbol}-{when}.{extension}"


def render_printout(
    extension: str,
    *,
    doc: Letterhead,
    page: str,
    body: str,
    context: dict,
    signatures: list[tuple[str, str]] | None = None,
) -> bytes:
    """A printout with the letterhead as PDF (the ``page`` template, which includes ``body``)
    or as DOCX (``body`` alone, framed by reports.docx): one body for both."""
    if extension == "pdf":
        return render_pdf(page, context)
    return render_body_docx(doc, body, context, signatures=signatures)
