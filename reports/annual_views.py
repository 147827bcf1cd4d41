"""The annual report on the quality system (list, texts, approval, PDF/DOCX, sending it to the
province) and the province-wide view of the coordinator."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isoplan.history_views import history_page
from isoplan.workflow_views import workflow_action
from plans.choices import Role
from plans.letterhead import letterhead
from plans.models import Plan
from plans.organizations.access import get_object_for_user, has_role
from plans.planning.selectors import year_in_force

from . import annual_history
from .annual import ANNUAL_REPORT_ACTIONS, annual_facts
from .download import download, render_printout
from .forms import AnnualReportCreateForm, AnnualReportTextsForm
from .models import AnnualReport, AnnualReportStatus, ConformityDeclaration, ProvinceReply
from .province import SORT_KEYS, province_overview
from .xlsx import render_table_xlsx


def annual_report_list(request):
    """The reports of each year and the declarations of conformity they cite."""
    organization = request.organization
    if organization is None:
        raise Http404
    can_change = request.user.has_perm("reports.change_annualreport", organization)
    step = request.POST.get("step")
    create_form = AnnualReportCreateForm(
        request.POST if step == "create" else None,
        organization=organization,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if step == "create" and create_form.is_valid():
            report = AnnualReport.objects.create(
                organization=organization, year=create_form.cleaned_data["year"]
            )
            return redirect(report)
    return render(
        request,
        "reports/annual/annual_report_list.html",
        {
            "reports": AnnualReport.objects.filter(organization=organization),
            "declarations": ConformityDeclaration.objects.filter(organization=organization),
            "create_form": create_form,
            "can_change": can_change,
        },
    )


def annual_report_detail(request, pk: int):
    report = get_object_for_user(
        AnnualReport.objects.select_related("organization", "approved_by").annotate(
            answered=Exists(ProvinceReply.objects.filter(report=OuterRef("pk")))
        ),
        request.user,
        permission="reports.view_annualreport",
        pk=pk,
    )
    can_change = (
        request.user.has_perm("reports.change_annualreport", report)
        and report.status == AnnualReportStatus.DRAFT
    )
    form = AnnualReportTextsForm(request.POST or None, instance=report)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("The report was saved."))
            return redirect(report)
    return render(
        request,
        "reports/annual/annual_report_detail.html",
        {
            "report": report,
            "facts": annual_facts(report),
            "form": form,
            "can_change": can_change,
            "actions": ANNUAL_REPORT_ACTIONS.available(request.user, report),
            "workflow": ANNUAL_REPORT_ACTIONS,
            # most reports have no answer from the province: no query for none
            "replies": report.replies.select_related("written_by") if report.answered else [],
        },
    )


def annual_report_approve_view(request, pk: int):
    return _annual_action(request, pk, "approve")


def annual_report_submit_view(request, pk: int):
    return _annual_action(request, pk, "submit")


def _annual_action(request, pk: int, action: str):
    report = get_object_for_user(
        AnnualReport, request.user, permission="reports.view_annualreport", pk=pk
    )
    return workflow_action(request, ANNUAL_REPORT_ACTIONS, action, report)


def _annual_download(request, pk: int, kind: str) -> HttpResponse:
    report = get_object_for_user(
        AnnualReport.objects.select_related("organization"),
        request.user,
        permission="reports.view_annualreport",
        pk=pk,
    )
    return annual_report_file(report, kind)


def annual_report_file(report: AnnualReport, kind: str) -> HttpResponse:
    """The report as the agency prints it (also the one the province coordinator downloads)."""
    return download(annual_report_body(report, kind), f"BC-HTQLCL-{report.year}.{kind}")


def annual_report_body(report: AnnualReport, kind: str) -> bytes:
    """Also a page of the inspection dossier."""
    doc = letterhead(
        report.organization,
        kind="BÁO CÁO",
        symbol="BC",
        title=f"Kết quả duy trì, cải tiến Hệ thống quản lý chất lượng năm {report.year}",
        year=report.year,
    )
    context = {"doc": doc, "report": report, "facts": annual_facts(report)}
    return render_printout(
        kind,
        doc=doc,
        page="reports/annual/annual_report_print.html",
        body="reports/annual/_annual_body.html",
        context=context,
    )


def annual_report_pdf(request, pk: int):
    return _annual_download(request, pk, "pdf")


def annual_report_docx(request, pk: int):
    return _annual_download(request, pk, "docx")


PROVINCE_HEADINGS = [
    (gettext_lazy("Agency"), 44),
    (gettext_lazy("Plan approved"), 12),
    (gettext_lazy("Progress (%)"), 12),
    (gettext_lazy("Overdue"), 10),
    (gettext_lazy("Internal audit"), 12),
    (gettext_lazy("Management review"), 12),
    (gettext_lazy("Objectives achieved"), 14),
    (gettext_lazy("Report sent on"), 14),
]


def province_view(request):
    """Every agency of the coordinator's province for a year; ?xlsx=1 downloads the table."""
    organization = request.organization
    if not has_role(request.user, organization, {Role.PROVINCE_COORDINATOR}):
        raise PermissionDenied
    today = timezone.localdate()
    nam = request.GET.get("nam", "")
    if nam.isdigit() and 2000 <= int(nam) <= 2100:
        year = int(nam)
    else:
        year = year_in_force(
            Plan.objects.filter(organization__province=organization.province), today
        )
    rows = province_overview(organization.province, year, today) if organization.province else []
    sort = request.GET.get("sap-xep", "ten")
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["ten"]))
    if request.GET.get("xlsx"):
        yes, no = _("Yes"), _("No")
        body = render_table_xlsx(
            title=f"{organization.province} {year}",
            headings=[(str(label), width) for label, width in PROVINCE_HEADINGS],
            rows=[
                [
                    row.organization.name,
                    yes if row.plan_approved else no,
                    row.progress,
                    row.overdue,
                    yes if row.audit_held else no,
                    yes if row.review_held else no,
                    f"{row.objectives_achieved}/{row.objectives}",
                    row.report_submitted.strftime("%d/%m/%Y") if row.report_submitted else "",
                ]
                for row in rows
            ],
            totals=[],
        )
        return download(body, f"ISO-{organization.province}-{year}.xlsx")
    return render(
        request,
        "reports/province.html",
        {
            "organization": organization,
            "rows": rows,
            "year": year,
            "sort": sort,
            "not_submitted": [r.organization.name for r in rows if r.report_submitted is None],
        },
    )


def annual_report_history(request, pk: int):
    """Every change of the report's texts, its approval and its sending."""
    report = get_object_for_user(
        AnnualReport, request.user, permission="reports.view_annualreport", pk=pk
    )
    trail = [(_("Annual reports"), reverse("reports:annual_report_list"))]
    return history_page(request, report, annual_history.annual_report_history(report), trail=trail)
