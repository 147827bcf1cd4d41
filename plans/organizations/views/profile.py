"""The person's own page: email reminders on or off, the addresses of their calendar feeds (their
own, and their units' for a head or the secretary) and renewing a feed's key. The inbox and the
feeds themselves are plans/work/reminder_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from plans.choices import Role
from plans.organizations.access import get_object_for_user, has_role, headed_department_ids
from plans.organizations.forms import ReminderSettingsForm
from plans.organizations.models import Department, new_token


def _feed_departments(request):
    """Units whose feed this person may see: the ones they head; every unit for the secretary."""
    organization = request.organization
    if organization is None:
        return Department.objects.none()
    units = organization.departments.filter(is_active=True).order_by("order", "name")
    if has_role(request.user, organization, {Role.ISO_SECRETARY}):
        return units
    return units.filter(pk__in=headed_department_ids(request.user, organization))


def profile(request):
    form = ReminderSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your settings were saved."))
        return redirect("plans:profile")
    feed = request.build_absolute_uri(
        reverse("plans:person_feed", kwargs={"token": request.user.calendar_token})
    )
    units = [
        (
            unit,
            request.build_absolute_uri(
                reverse("plans:unit_feed", kwargs={"token": unit.calendar_token})
            ),
        )
        for unit in _feed_departments(request)
    ]
    return render(
        request,
        "plans/organizations/profile.html",
        {"form": form, "feed": feed, "units": units},
    )


def feed_token_renew(request, unit_pk: int | None = None):
    """Confirmation (GET) and a new secret key (POST): the old feed address stops working."""
    unit = None
    if unit_pk is not None:
        unit = get_object_for_user(Department, request.user, pk=unit_pk)
        if not _feed_departments(request).filter(pk=unit.pk).exists():
            raise PermissionDenied
    if request.method == "POST":
        target = unit or request.user
        target.calendar_token = new_token()
        target.save(update_fields=["calendar_token"])
        messages.success(request, _("A new calendar address was made; subscribe to it again."))
        return redirect("plans:profile")
    return render(request, "plans/organizations/feed_token_renew.html", {"unit": unit})
