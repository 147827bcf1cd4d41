"""The person's own page (email on/off, calendar feeds), the inbox, and the calendar feeds."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.access import get_object_for_user, has_role, headed_department_ids
from plans.choices import Role
from plans.models import Department, Notification, User
from plans.models.organization import new_token
from plans.services.calendar_feed import build_calendar, items_of_person, items_of_unit
from plans.services.reminders import notifications_mark_read


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "email_reminders"]


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
    return render(request, "plans/profile.html", {"form": form, "feed": feed, "units": units})


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
    return render(request, "plans/feed_token_renew.html", {"unit": unit})


def notification_list(request):
    page = Paginator(Notification.objects.filter(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "plans/notification_list.html", {"page": page})


def notification_detail(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_mark_read(user=request.user, notification_ids=[notification.pk])
    return render(request, "plans/notification_detail.html", {"notification": notification})


@require_POST
def notifications_read_all(request):
    notifications_mark_read(user=request.user)
    return redirect("plans:notification_list")


def _ics(name: str, body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


@login_not_required  # calendar apps cannot log in: the unguessable key is the credential
def person_feed(request, token: str):
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    return _ics(
        "isoplan", build_calendar(f"isoplan – {user.get_full_name()}", items_of_person(user))
    )


@login_not_required
def unit_feed(request, token: str):
    unit = get_object_or_404(Department, calendar_token=token, is_active=True)
    return _ics("isoplan-don-vi", build_calendar(f"isoplan – {unit.name}", items_of_unit(unit)))
