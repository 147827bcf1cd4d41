"""The steering committee's decision (Quyết định … về việc kiện toàn Ban Chỉ đạo ISO) with its
member list as the annex, PDF and DOCX (Decree 30/2020, plans/letterhead.py)."""

from django.http import HttpResponse
from django.utils import timezone

from plans.committee.choices import CompositionStatus
from plans.committee.models import CommitteeComposition
from plans.committee.selectors import members_of
from plans.committee.services import members_sorted
from plans.letterhead import date_line, letterhead, number_line
from plans.organizations.access import get_object_for_user

from .docx import render_decision_docx
from .download import download, record_file_name
from .pdf import render_pdf

MEMBERS_TITLE = "Danh sách thành viên Ban Chỉ đạo ISO"


def decision_date(on) -> str:
    """ "ngày 05 tháng 01 năm 2023" (as the date line), blank until the decision is signed."""
    if on is None:
        return "ngày      tháng      năm      "
    return date_line("", on, None, on.year).removeprefix(", ")


def _context(composition: CommitteeComposition) -> dict:
    organization = composition.organization
    previous = (
        CommitteeComposition.objects.filter(superseded_by=composition).first()
        if not composition.is_draft
        else CommitteeComposition.objects.filter(
            organization=organization, status=CompositionStatus.IN_FORCE
        ).first()
    )
    verb = "kiện toàn" if previous else "thành lập"
    on = composition.decided_on
    year = on.year if on else timezone.localdate().year
    doc = letterhead(
        organization,
        kind="QUYẾT ĐỊNH",
        symbol="QĐ",
        title=f"Về việc {verb} Ban Chỉ đạo ISO của {organization.name}",
        year=year,
    )
    symbol = f"QĐ-{organization.document_symbol}"
    number = composition.decision_number.split("/", 1)[0] if composition.decision_number else ""
    doc.number = number_line(number, symbol)
    if on:
        doc.date = date_line(organization.place_name, on, None, on.year)
    doc.signature = [line.strip() for line in composition.signer_title.split("/") if line.strip()]
    doc.signer = composition.signer_name
    doc.recipients = ["- Như Điều 3;", "- Lưu: VT."]
    attached_to = (
        f"(Kèm theo Quyết định số {number or '      '}/{symbol} {decision_date(on)} "
        f"của Giám đốc {organization.name})"
    )
    return {
        "doc": doc,
        "composition": composition,
        "organization": organization,
        "verb": verb,
        "previous": previous,
        "bases": [line.strip() for line in composition.basis.splitlines() if line.strip()],
        "members": members_sorted(list(members_of(composition))),
        "attached_to": attached_to,
        "appendix_title": MEMBERS_TITLE,
    }


def _printout(request, pk: int, extension: str) -> HttpResponse:
    composition = get_object_for_user(
        CommitteeComposition.objects.select_related("organization"),
        request.user,
        permission="plans.view_committeecomposition",
        pk=pk,
    )
    context = _context(composition)
    if extension == "pdf":
        body = committee_pdf_body(composition, context)
    else:
        body = render_decision_docx(
            context["doc"],
            "reports/committee/_decision_body.html",
            context,
            appendix=(
                MEMBERS_TITLE,
                context["attached_to"],
                "reports/committee/_members_body.html",
            ),
        )
    when = composition.decided_on or "du-thao"
    return download(body, record_file_name("QD", "BCD", composition.organization, when, extension))


def committee_pdf_body(composition: CommitteeComposition, context: dict | None = None) -> bytes:
    """The decision with its members as annex, as a PDF (also for the inspection dossier)."""
    return render_pdf("reports/committee/committee_print.html", context or _context(composition))


def committee_pdf(request, pk: int):
    return _printout(request, pk, "pdf")


def committee_docx(request, pk: int):
    return _printout(request, pk, "docx")
