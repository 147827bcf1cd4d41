"""The published list of documents in force: printed as a decision's appendix (PDF, DOCX), as
XLSX, and on the organization's public page (only when the organization turns it on)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.documents.selectors import documents_in_force
from plans.letterhead import Letterhead, letterhead
from plans.models import Organization

from .declaration import declaration_in_force
from .docx import render_appendix_docx
from .download import download
from .pdf import render_pdf
from .xlsx import render_table_xlsx

LIST_TITLE = "Danh mục tài liệu Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015"


def _organization(request) -> Organization:
    organization = request.organization
    if organization is None:
        raise Http404
    return organization


def _file_name(organization: Organization, extension: str) -> str:
    return f"DMTL-{organization.document_symbol}-{timezone.localdate():%Y%m%d}.{extension}"


def _appendix(request) -> tuple[Organization, Letterhead, str, dict]:
    return _appendix_of(_organization(request))


def _appendix_of(organization: Organization) -> tuple[Organization, Letterhead, str, dict]:
    """The appendix of the decision that publishes the list: its own header, no number, date
    or signature (the decision carries them)."""
    year = timezone.localdate().year
    doc = letterhead(organization, kind="PHỤ LỤC", symbol="QĐ", title=LIST_TITLE, year=year)
    doc.number, doc.date = "", ""
    attached_to = (
        f"(Kèm theo Quyết định số      /QĐ-{organization.document_symbol} ngày      tháng      "
        f"năm {year} của Giám đốc {organization.name})"
    )
    return organization, doc, attached_to, {"documents": documents_in_force(organization)}


def document_list_pdf_body(organization: Organization) -> bytes:
    """The list in force today (also a page of the inspection dossier)."""
    _organization, doc, attached_to, context = _appendix_of(organization)
    return render_pdf(
        "reports/documents/document_list_print.html",
        {"doc": doc, "attached_to": attached_to, **context},
    )


def document_list_pdf(request):
    organization = _organization(request)
    return download(document_list_pdf_body(organization), _file_name(organization, "pdf"))


def document_list_docx(request):
    organization, doc, attached_to, context = _appendix(request)
    body = render_appendix_docx(
        "reports/documents/_document_list_body.html",
        context,
        title=LIST_TITLE,
        attached_to=attached_to,
        doc=doc,
    )
    return download(body, _file_name(organization, "docx"))


def document_list_xlsx(request):
    organization = _organization(request)
    rows = [
        [
            n,
            d.code,
            d.title,
            str(d.get_kind_display()),
            d.tthc_code,
            d.department.name,
            d.current_edition.number,
            f"{d.current_edition.issued_on:%d/%m/%Y}",
            d.current_edition.decision_number,
        ]
        for n, d in enumerate(documents_in_force(organization), start=1)
    ]
    body = render_table_xlsx(
        title=LIST_TITLE,
        headings=[
            ("TT", 6),
            (_("Document code"), 14),
            (_("Document title"), 60),
            (_("Kind"), 16),
            (_("Administrative procedure code"), 16),
            (_("Owner unit"), 28),
            (_("Edition"), 10),
            (_("Issue date"), 12),
            (_("Decision"), 20),
        ],
        rows=rows,
        totals=[_("Total"), "", f"{len(rows)}", "", "", "", "", "", ""],
    )
    return download(body, _file_name(organization, "xlsx"))


@login_not_required  # a public page, when the organization turns it on; 404 otherwise
def public_documents(request, pk: int):
    organization = get_object_or_404(Organization, pk=pk, is_active=True, documents_public=True)
    return render(
        request,
        "reports/documents/public_documents.html",
        {
            "organization": organization,
            "documents": documents_in_force(organization),
            "declaration": declaration_in_force(organization),
        },
    )
