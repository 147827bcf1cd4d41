"""The province coordinator's read-only pages: one agency of their province (its approved plan,
progress, objectives and the reports it sent) and a report it marked sent. Nothing here writes;
who may read is reports.rules (``view_province_agency``, ``view_sent_annualreport``)."""

import rules
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from plans.models import Organization, Plan
from plans.planning.selectors import year_in_force

from .annual import annual_facts
from .annual_views import annual_report_file
from .models import AnnualReport
from .province import agency_view


def _may(user, permission: str, obj) -> bool:
    """The rule itself, not ``user.has_perm``: Django's model backend grants a superuser every
    permission, and the administrator reads no agency's records (tests/security/matrix.py)."""
    return rules.has_perm(permission, user, obj)


def _agency(request, pk: int) -> Organization:
    organization = get_object_or_404(Organization, pk=pk, is_active=True)
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


def province_report(request, pk: int):
    report = _sent_report(request, pk)
    return render(
        request,
        "reports/province_report.html",
        {"report": report, "facts": annual_facts(report), "agency": report.organization},
    )


def province_report_pdf(request, pk: int):
    return annual_report_file(_sent_report(request, pk), "pdf")
