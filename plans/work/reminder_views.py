"""How reminders reach a person besides email: the inbox of notifications, and the calendar feeds
of a person and of a unit (their keys are shown and renewed on the person's settings page,
plans/organizations/views/profile.py)."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from plans.organizations.models import Department, User
from plans.work.calendar_feed import build_calendar, items_of_person, items_of_unit
from plans.work.models import Notification
from plans.work.reminders import notifications_mark_read


def notification_list(request):
    page = Paginator(Notification.objects.filter(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "plans/work/notification_list.html", {"page": page})


def notification_detail(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_mark_read(user=request.user, notification_ids=[notification.pk])
    return render(request, "plans/work/notification_detail.html", {"notification": notification})


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
