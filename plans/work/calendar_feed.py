"""iCalendar feeds of due dates, so that Outlook or a phone calendar shows them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from icalendar import Calendar, Event

from plans.choices import Role
from plans.organizations.access import departments_without_head
from plans.organizations.models import Department, Membership, User
from plans.work.models import WorkItem
from plans.work.responsibility import ESCALATION, party_members, responsibility_keys


def items_of_person(user: User) -> QuerySet[WorkItem]:
    """The open dated items this person is reminded of (the same rule as the reminders)."""
    rule = Q(pk__in=[])
    memberships = list(
        Membership.objects.filter(user=user).values_list("role", "organization_id", "department_id")
    )
    for (org, department, party), user_ids in party_members(
        {org_id for _role, org_id, _department in memberships}
    ).items():
        if user.pk in user_ids:  # named by a party: a member of the steering committee
            rule |= Q(organization_id=org, department_id=department, party=party)
    for role, org_id, department_id in memberships:
        headless = ()
        if role == Role.ISO_SECRETARY:
            headless = departments_without_head([org_id]).values_list("pk", flat=True)
        for org, department, party in responsibility_keys(role, org_id, department_id, headless):
            if party != ESCALATION:
                rule |= Q(organization_id=org, department_id=department, party=party)
    return _open_dated(WorkItem.objects.filter(rule))


def items_of_unit(department: Department) -> QuerySet[WorkItem]:
    return _open_dated(WorkItem.objects.filter(department=department))


def _open_dated(items: QuerySet[WorkItem]) -> QuerySet[WorkItem]:
    return items.open().filter(due_date__isnull=False).with_sources().order_by("due_date", "pk")


def build_calendar(name: str, items: QuerySet[WorkItem]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//isoplan//vi")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    base = settings.SITE_URL.rstrip("/")
    stamp = datetime.datetime.now(tz=datetime.UTC)
    for item in items:
        event = Event()
        event.add("uid", f"workitem-{item.pk}@isoplan")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_date)  # an all-day event on the due date
        event.add("dtend", item.due_date + datetime.timedelta(days=1))
        event.add("summary", f"{item.title[:120]} ({item.period_label})")
        event.add("description", f"{item.responsible_label} — {item.timing_text}")
        event.add("url", base + reverse("plans:work_item_detail", kwargs={"pk": item.pk}))
        calendar.add_component(event)
    return calendar.to_ical()
