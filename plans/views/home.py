"""The overview (where a person without a dashboard of their own lands: their organization, roles
and the plans waiting for their approval; reports.home.home decides) and the about page."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from plans.choices import Role
from plans.organizations.access import roles_in
from plans.overview import unit_overview
from plans.work.approvals import waiting_for


def home(request, extra: dict | None = None):
    """``extra``: what the person's roles add (reports.home: an auditor's audits)."""
    organization = request.organization
    waiting = waiting_for(request.user, organization, request)
    today = timezone.localdate()
    return render(
        request,
        "plans/home.html",
        {
            "organization": organization,
            "role_labels": [Role(r).label for r in sorted(roles_in(request.user, organization))],
            "waiting": waiting,
            "unit": unit_overview(request.user, organization, today) if organization else None,
            "today": today,
            **(extra or {}),
        },
    )


def about(request):
    """What isoplan is and which version runs (also the benchmark's bare page: base layout only)."""
    return render(request, "plans/about.html", {"version": settings.ISOPLAN_VERSION})
