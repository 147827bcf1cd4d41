"""The reads the training pages, the profile, the audit pages and the demo share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from plans.choices import LEADERSHIP_ROLES, Role
from plans.organizations.access import has_role, headed_department_ids
from plans.organizations.models import Organization

from .models import AuditorCertificate, Onboarding, Training


def sees_everything(user, organization: Organization) -> bool:
    return has_role(user, organization, {Role.ISO_SECRETARY, *LEADERSHIP_ROLES})


def trainings_visible(user, organization: Organization) -> QuerySet:
    """The trainings the person sees: all for the secretary and the leadership; for a head,
    those of their units or attended by their people; for everyone, those they attended."""
    trainings = Training.objects.filter(organization=organization)
    if sees_everything(user, organization):
        return trainings
    units = headed_department_ids(user, organization)
    seen = Q(attendees=user)
    if units:
        seen |= Q(department__in=units) | Q(
            attendees__memberships__department__in=units,
            attendees__memberships__organization=organization,
        )
    # The joins through attendees repeat a training: keep each once.
    return trainings.filter(pk__in=trainings.filter(seen).values("pk"))


@dataclass
class TrainingFilters:
    year: int
    years: list[int]
    unit: str
    person: str
    trainings: QuerySet
    query: str


def training_filters(request, organization: Organization) -> TrainingFilters:
    visible = trainings_visible(request.user, organization)
    today = timezone.localdate()
    years = sorted({d.year for d in visible.dates("held_on", "year")} | {today.year}, reverse=True)
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    trainings = visible.filter(held_on__year=year)
    unit = request.GET.get("unit", "")
    if unit == "agency":
        trainings = trainings.filter(department__isnull=True)
    elif unit.isdigit():
        trainings = trainings.filter(department_id=int(unit))
    person = request.GET.get("person", "")
    if person.isdigit():
        trainings = trainings.filter(attendees=int(person))
    trainings = (
        trainings.select_related("department", "trainer")
        .annotate(attendee_count=Count("attendees", distinct=True))
        .order_by("-held_on", "-pk")
    )
    query = f"year={year}&unit={unit}&person={person}"
    return TrainingFilters(year, years, unit, person, trainings, query)


def person_record(person, organization: Organization) -> dict:
    """A person's training history in the agency: trainings attended, guidance received,
    auditor's certificates."""
    return {
        "trainings": Training.objects.filter(organization=organization, attendees=person)
        .select_related("department", "trainer")
        .order_by("-held_on"),
        "onboardings": Onboarding.objects.filter(organization=organization, person=person)
        .select_related("department", "guided_by", "work_item")
        .order_by("-assigned_on"),
        "certificates": AuditorCertificate.objects.filter(
            organization=organization, person=person
        ).order_by("-issued_on"),
    }


def certificates_expiring(organization: Organization, today: datetime.date | None = None):
    """Certificates that expire within the organization's notice and were not renewed."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=organization.certificate_notice_days)
    return (
        AuditorCertificate.objects.filter(
            organization=organization, expires_on__gte=today, expires_on__lte=horizon
        )
        .exclude(renewal__status="done")
        .select_related("person")
        .order_by("expires_on")
    )


def may_see_person(user, organization: Organization, person) -> bool:
    """A person's training record: themselves, the secretary and leadership, their unit's head."""
    if person.pk == user.pk or sees_everything(user, organization):
        return True
    units = headed_department_ids(user, organization)
    return (
        bool(units)
        and person.memberships.filter(organization=organization, department__in=units).exists()
    )


def people_filter(user, organization: Organization) -> QuerySet:
    """Whom the training list may be filtered by: the agency's people for the secretary and the
    leadership, a head's people, or oneself."""
    from plans.organizations.models import User

    people = User.objects.filter(memberships__organization=organization, is_active=True)
    if not sees_everything(user, organization):
        units = headed_department_ids(user, organization)
        people = people.filter(Q(pk=user.pk) | Q(memberships__department__in=units))
    return people.distinct().order_by("full_name", "username")


def onboardings_visible(user, organization: Organization) -> QuerySet:
    """The guidance the person sees: all for the secretary and leadership; a head, their units'
    (as the work item's unit); everyone, their own. Open ones first."""
    onboardings = Onboarding.objects.filter(organization=organization)
    if not sees_everything(user, organization):
        units = headed_department_ids(user, organization)
        onboardings = onboardings.filter(Q(person=user) | Q(work_item__department__in=units))
    return onboardings.select_related("person", "department", "guided_by", "work_item").order_by(
        F("guided_on").desc(nulls_first=True), "-assigned_on", "-pk"
    )


def uncertified_on(dated, *, organization: Organization) -> list:
    """Of ``dated`` — (person, first day, last day) — the people without a certificate of the
    organization valid on every one of their days, each once, in order: flagged, not refused
    (the agency may still name them). One query."""
    dated = [(person, start, end) for person, start, end in dated if person is not None]
    certificates: dict[int, list] = {}
    for row in AuditorCertificate.objects.filter(
        organization=organization, person__in={person.pk for person, _s, _e in dated}
    ).values("person_id", "issued_on", "expires_on"):
        certificates.setdefault(row["person_id"], []).append(row)

    def valid(person, start, end) -> bool:
        return any(
            c["issued_on"] <= start and (c["expires_on"] is None or end <= c["expires_on"])
            for c in certificates.get(person.pk, ())
        )

    flagged: dict[int, object] = {}
    for person, start, end in dated:
        if not valid(person, start, end):
            flagged.setdefault(person.pk, person)
    return list(flagged.values())


def uncertified(people, *, organization: Organization, starts_on, ends_on) -> list:
    """Of ``people``, those without a certificate valid from ``starts_on`` to ``ends_on``."""
    return uncertified_on(
        [(person, starts_on, ends_on) for person in people], organization=organization
    )
