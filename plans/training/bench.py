"""The benchmark's trainings (reports/bench.py): a year of them for its first organization,
built in bulk, each attended by the organization's people."""

from __future__ import annotations

import datetime

from plans.organizations.models import Membership, Organization, User

from .models import Training
from .services import certificate_record, onboarding_open

TRAININGS = 60


def build_trainings(*, organization: Organization, year: int, user, count: int = TRAININGS) -> int:
    units = list(organization.departments.order_by("order"))
    people = list(User.objects.filter(memberships__organization=organization).distinct())
    trainings = Training.objects.bulk_create(
        Training(
            organization=organization,
            department=units[n % len(units)] if n % 4 else None,
            held_on=datetime.date(year, 1 + n % 12, 1 + n % 28),
            title=f"Tập huấn quy trình nội bộ số {n + 1}",
            trainer_name="Chi cục Tiêu chuẩn Đo lường Chất lượng",
            recorded_by=user,
        )
        for n in range(count)
    )
    attendees = Training.attendees.through
    attendees.objects.bulk_create(
        attendees(training_id=training.pk, user_id=person.pk)
        for training in trainings
        for person in people
    )
    # A newcomer to guide and an auditor's certificate to renew: the two kinds of item they open.
    newcomer = Membership.objects.filter(organization=organization).exclude(department=None).first()
    onboarding_open(membership=newcomer, user=user, on=datetime.date(year, 3, 2))
    certificate_record(
        organization=organization,
        user=user,
        person=newcomer.user,
        issuer="Viện Tiêu chuẩn Chất lượng Việt Nam",
        number="CG-BENCH-1",
        issued_on=datetime.date(year - 2, 5, 1),
        expires_on=datetime.date(year, 11, 30),
    )
    return len(trainings)
