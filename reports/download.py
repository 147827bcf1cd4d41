"""What every download of reports shares: the response that hands over a file to save."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

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
