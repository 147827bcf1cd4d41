"""An organization's page (its leadership, units and people) and choosing which of one's
organizations to work in."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.choices import LEADERSHIP_ROLES, Role
from plans.organizations.access import get_object_for_user, organization_ids_of
from plans.organizations.models import Membership, Organization

LEADERSHIP_AND_ISO_ROLES = [*LEADERSHIP_ROLES, Role.ISO_SECRETARY]


def organization_detail(request, pk: int):
    organization = get_object_for_user(Organization, request.user, pk=pk)
    memberships = Membership.objects.select_related("user").order_by("role", "user__full_name")
    departments = (
        organization.departments.filter(is_active=True)
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("order", "name")
    )
    leadership = sorted(
        memberships.filter(organization=organization, role__in=LEADERSHIP_AND_ISO_ROLES),
        key=lambda membership: Role.values.index(membership.role),
    )
    return render(
        request,
        "plans/organizations/organization_detail.html",
        {"organization": organization, "departments": departments, "leadership": leadership},
    )


@require_POST
def organization_switch(request):
    """Choose which of one's organizations to work in (for people who belong to several)."""
    try:
        organization_id = int(request.POST.get("organization", ""))
    except ValueError:
        organization_id = None
    if organization_id in organization_ids_of(request.user):
        request.session["organization_id"] = organization_id
    else:
        messages.error(request, _("You do not belong to that organization."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "home"
    return redirect(next_url)
