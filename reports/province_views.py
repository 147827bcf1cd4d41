"""The province coordinator's pages: one agency of their province read-only (its approved plan,
progress, objectives and the reports it sent) and a report it marked sent, which the coordinator
answers (reports/receipt.py); who may is reports.rules (``view_province_agency``,
``view_sent_annualreport``, ``receive_annualreport``)."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.models import Organization, Plan
from plans.planning.selectors import year_in_force

from . import receipt
from .annual import AnnualReportError, annual_facts
from .annual_views import annual_report_file
from .forms import ProvinceReplyForm
from .models import AnnualReport, ReplyKind
from .province import agency_view


def _may(user, permission: str, obj) -> bool:
    """The rule itself, not ``user.has_perm``: Django's model backend grants a superuser every
    permission, and the administrator reads no agency's records (tests/security/matrix.py)."""
    return rules.has_perm(permission, user, obj)


def _agency(request, pk: int) -> Organization:
    # An agency merged into another stays readable for its past years.
    agencies = Organization.objects.filter(Q(is_active=True) | Q(merged_into__isnull=False))
    organization = get_object_or_404(agencies.select_related("merged_into"), pk=pk)
    if not _may(request.user, "reports.view_province_agency", organization):
        raise PermissionDenied
    return organization


def _sent_report(request, pk: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("organization"), pk=pk)
    if not _may(request.user, "reports.view_sent_annualreport", report):
        raise PermissionDenied
    return report


def province_agency(request, pk: int):
    organization = _agency(request, pk)
    today = timezone.localdate()
    nam = request.GET.get("nam", "")
    if nam.isdigit() and 2000 <= int(nam) <= 2100:
        year = int(nam)
    else:
        year = year_in_force(Plan.objects.filter(organization=organization), today)
    view = agency_view(organization, year, today)
    progress = view.progress
    return render(
        request,
        "reports/province_agency.html",
        {
            "agency": organization,
            "merged_agencies": list(organization.merged_agencies.order_by("name")),
            "year": year,
            "view": view,
            "plan": view.plan,
            "tasks": view.tasks,
            "doc": view.doc,
            "editable": False,
            "progress_units": progress.get("by_unit", []),
            "progress_tasks": [
                (task, progress.get("by_task", {}).get(task.pk)) for task in view.tasks
            ],
        },
    )


def province_report(request, pk: int, reply_form=None):
    report = _sent_report(request, pk)
    if reply_form is None and _may(request.user, "reports.receive_annualreport", report):
        reply_form = ProvinceReplyForm() if report.accepted_on is None else None
    return render(
        request,
        "reports/province_report.html",
        {
            "report": report,
            "facts": annual_facts(report),
            "agency": report.organization,
            "replies": report.replies.select_related("written_by"),
            "reply_form": reply_form,
        },
    )


@require_POST
def province_report_reply(request, pk: int):
    """The coordinator's answer: a comment, a correction asked (the report leaves the province's
    list until sent again) or acceptance; a form with an error is shown again as typed."""
    report = _sent_report(request, pk)
    if not _may(request.user, "reports.receive_annualreport", report):
        raise PermissionDenied
    form = ProvinceReplyForm(request.POST)
    if not form.is_valid():
        return province_report(request, pk, reply_form=form)
    kind, text = form.cleaned_data["kind"], form.cleaned_data["text"]
    try:
        if kind == ReplyKind.ACCEPTED:
            receipt.report_accept(report=report, user=request.user, text=text)
        elif kind == ReplyKind.CORRECTION:
            receipt.report_ask_correction(report=report, user=request.user, text=text)
        else:
            receipt.report_comment(report=report, user=request.user, text=text)
    except AnnualReportError as error:
        messages.error(request, str(error))
        return redirect("reports:province_report", pk=pk)
    if kind == ReplyKind.CORRECTION:
        messages.success(request, str(receipt.RECEIPT_ACTIONS["correct"].done))
        return redirect("reports:province_agency", pk=report.organization_id)
    messages.success(request, _("Your answer was sent to the agency."))
    return redirect("reports:province_report", pk=pk)


def province_report_pdf(request, pk: int):
    return annual_report_file(_sent_report(request, pk), "pdf")
