"""The home page: where each role lands, and the dashboard of the director and the secretary
(its reads are reports/dashboard.py)."""

from django.shortcuts import redirect, render
from django.utils import timezone

from audits.internal_audit.selectors import auditor_overview
from plans.choices import LEADERSHIP_ROLES, Role
from plans.organizations.access import has_role
from plans.planning.selectors import year_in_force
from plans.views.home import home as overview
from plans.work.approvals import waiting_for
from plans.work.models import work_years

from .dashboard import organization_dashboard


def home(request):
    """Where each role lands: the director and the secretary on the dashboard of their
    organization, a department head on their unit's work, the province coordinator on the
    province view, everyone else on the overview: their unit's work, the procedures it owns and
    the plan of the year; an internal auditor also their audits, sessions and open
    nonconformities."""
    organization = request.organization
    if has_role(request.user, organization, {Role.ISO_SECRETARY, *LEADERSHIP_ROLES}):
        return _dashboard(request)
    if has_role(request.user, organization, {Role.DEPARTMENT_HEAD}):
        return redirect("plans:unit_work")
    if has_role(request.user, organization, {Role.PROVINCE_COORDINATOR}):
        return redirect("reports:province")
    if has_role(request.user, organization, {Role.AUDITOR}):
        today = timezone.localdate()
        return overview(request, {"auditing": auditor_overview(request.user, organization, today)})
    return overview(request)


def _dashboard(request):
    organization = request.organization
    today = timezone.localdate()
    years = sorted(work_years(organization.pk))
    nam = request.GET.get("nam", "")
    year = int(nam) if nam.isdigit() else year_in_force(organization.plans.all(), today)
    data = organization_dashboard(organization, year, today)
    waiting = waiting_for(request.user, organization, request)
    return render(
        request,
        "reports/dashboard.html",
        {
            "organization": organization,
            "dashboard": data,
            "years": years,
            "waiting": waiting,
            "today": today,
        },
    )
