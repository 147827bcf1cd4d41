"""The benchmark's trainings (reports/bench.py): a year of them for its first organization,
built in bulk, each attended by the organization's people."""

from __future__ import annotations

import datetime

from plans.organizations.models import Organization, User

from .models import Training

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
    return len(trainings)
