"""The province's consolidated yearly report for its coordinator: the figures on screen with the
form for the texts of parts III and IV, and the report as PDF, DOCX and XLSX
(reports/consolidated.py computes it; who may is reports.rules ``view_consolidated_report``)."""

import datetime

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.letterhead import Letterhead, letterhead
from plans.models import Organization, Plan
from plans.planning.selectors import year_in_force

from .consolidated import ConsolidatedFigures, consolidated_report
from .docx import render_decision_docx
from .download import download
from .forms import ConsolidatedReportForm
from .models import ConsolidatedReport
from .pdf import render_pdf
from .xlsx import render_consolidated_xlsx

BODY = "reports/consolidated/_consolidated_body.html"
ANNEX = "reports/consolidated/_consolidated_annex.html"
PAGE = "reports/consolidated/consolidated_print.html"


def _coordinator_agency(request) -> Organization:
    """The agency the coordinator acts in: its province is the report's, it signs it."""
    organization = request.organization
    if not rules.has_perm("reports.view_consolidated_report", request.user, organization):
        raise PermissionDenied
    return organization


def _year(request, province: str, today: datetime.date) -> int:
    nam = request.GET.get("nam", "")
    if nam.isdigit() and 2000 <= int(nam) <= 2100:
        return int(nam)
    return year_in_force(Plan.objects.filter(organization__province=province), today)


def _texts(province: str, year: int) -> ConsolidatedReport:
    """The coordinator's texts of that year, or blank ones (not saved until typed)."""
    saved = ConsolidatedReport.objects.filter(province=province, year=year).first()
    return saved or ConsolidatedReport(province=province, year=year)


def consolidated_page(request):
    organization = _coordinator_agency(request)
    today = timezone.localdate()
    year = _year(request, organization.province, today)
    texts = _texts(organization.province, year)
    form = ConsolidatedReportForm(request.POST or None, instance=texts)
    if request.method == "POST":
        if not rules.has_perm("reports.change_consolidated_report", request.user, organization):
            raise PermissionDenied
        if form.is_valid():
            saved = form.save(commit=False)
            saved.updated_by = request.user
            saved.save()
            messages.success(request, _("The report was saved."))
            return redirect(f"{reverse('reports:province_consolidated')}?nam={year}")
    figures = consolidated_report(organization.province, year, today)
    return render(
        request,
        "reports/consolidated/consolidated_page.html",
        {
            "organization": organization,
            "year": year,
            "figures": figures,
            "texts": texts,
            "form": form,
        },
    )


def consolidated_letterhead(organization: Organization, year: int) -> Letterhead:
    """The coordinator's agency (the Sở Nội vụ, say) reports to the Ministry of Science and
    Technology and the province's People's Committee (Thông tư 26/2014/TT-BKHCN)."""
    doc = letterhead(
        organization,
        kind="BÁO CÁO",
        symbol="BC",
        title=(
            "Tình hình áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo "
            "TCVN ISO 9001:2015 tại các cơ quan hành chính trên địa bàn tỉnh năm "
            f"{year}"
        ),
        year=year,
    )
    doc.recipients = [
        "- Bộ Khoa học và Công nghệ;",
        f"- UBND tỉnh {organization.province};",
        "- Lưu: VT.",
    ]
    return doc


def consolidated_body(
    organization: Organization, figures: ConsolidatedFigures, texts, extension: str
) -> bytes:
    if extension == "xlsx":
        return render_consolidated_xlsx(figures)
    doc = consolidated_letterhead(organization, figures.year)
    context = {
        "doc": doc,
        "figures": figures,
        "texts": texts,
        "annex_title": (
            "Kết quả áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng của từng cơ quan "
            f"năm {figures.year}"
        ),
        "attached_to": (
            f"(Kèm theo Báo cáo số {doc.number.removeprefix('Số: ')} của {organization.name})"
        ),
    }
    if extension == "pdf":
        return render_pdf(PAGE, context)
    return render_decision_docx(
        doc,
        BODY,
        context,
        appendix=(context["annex_title"], context["attached_to"], ANNEX),
        landscape_appendix=True,
    )


def consolidated_download(request, extension: str):
    organization = _coordinator_agency(request)
    today = timezone.localdate()
    year = _year(request, organization.province, today)
    figures = consolidated_report(organization.province, year, today)
    body = consolidated_body(organization, figures, _texts(organization.province, year), extension)
    return download(body, f"BC-ISO-{organization.province}-{year}.{extension}")
