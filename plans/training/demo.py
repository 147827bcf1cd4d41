"""The demo's training of the current year (in Sở LĐTBXH): a newcomer guided, another to be
guided soon, two trainings held, the auditors' certificates (one expiring). Built through the
services; running it again creates nothing twice."""

from __future__ import annotations

import datetime

from django.db import transaction

from plans.choices import Role
from plans.organizations.demo import LABOUR
from plans.organizations.models import Department, Membership, Organization, User

from . import services
from .models import AuditorCertificate, Onboarding, Training

NEWCOMERS = [
    # username, full name, job title, days before today they were assigned, guided after (days)
    ("moi.ngoc", "Bùi Thị Ngọc", "Chuyên viên", 40, 6),
    ("moi.khoa", "Ngô Văn Khoa", "Chuyên viên", 3, None),
]
UNIT = "Phòng Người có công"


def _day(today: datetime.date, days_before: int) -> datetime.date:
    """``days_before`` today, but in this year (the demo's year starts on 2 January)."""
    return max(today - datetime.timedelta(days=days_before), datetime.date(today.year, 1, 2))


def _person(username: str, full_name: str, job_title: str) -> User:
    person, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "job_title": job_title,
            "email": f"{username}@example.gov.vn",
        },
    )
    if created:
        person.set_unusable_password()  # someone to guide, not a demo login
        person.save(update_fields=["password"])
    return person


@transaction.atomic
def load_current_training(today: datetime.date) -> str:
    organization = Organization.objects.filter(name=LABOUR).first()
    if organization is None:
        return "  Training: no demo agency"
    unit = Department.objects.get(organization=organization, name=UNIT)
    secretary = User.objects.get(username="thuky")
    head = User.objects.get(username="truongphong")
    auditor = User.objects.get(username="danhgia")
    created = 0
    for username, full_name, job_title, days_before, guided_after in NEWCOMERS:
        person = _person(username, full_name, job_title)
        membership, _new = Membership.objects.get_or_create(
            user=person, organization=organization, role=Role.STAFF, department=unit
        )
        onboarding = services.onboarding_open(
            membership=membership, user=secretary, on=_day(today, days_before)
        )
        if onboarding is None:
            continue
        created += 1
        if guided_after is not None:
            services.onboarding_record(
                onboarding=onboarding,
                user=head,
                guided_on=min(
                    onboarding.assigned_on + datetime.timedelta(days=guided_after), today
                ),
                guided_by=head,
                covered_procedures=True,
                covered_policy=True,
                covered_objectives=True,
                notes="Quy trình giải quyết chế độ người có công; sổ tay chất lượng.",
            )
    # The newcomer of three days ago was not there yet.
    people = list(
        User.objects.filter(memberships__organization=organization, is_active=True)
        .exclude(username=NEWCOMERS[-1][0])
        .distinct()
    )
    trainings = [
        {
            "held_on": _day(today, 30),
            "department": None,
            "title": f"Tập huấn TCVN ISO 9001:2015 và HTQLCL của Sở năm {today.year}",
            "trainer_name": "Chi cục Tiêu chuẩn Đo lường Chất lượng Đồng Tháp",
            "hours": 4,
            "attendees": people,
            "user": secretary,
        },
        {
            "held_on": _day(today, 10),
            "department": unit,
            "title": "Hướng dẫn áp dụng quy trình giải quyết chế độ ưu đãi người có công",
            "trainer": head,
            "hours": 2,
            "attendees": [p for p in people if p.memberships.filter(department=unit).exists()],
            "user": head,
        },
    ]
    for spec in trainings:
        user = spec.pop("user")
        if Training.objects.filter(
            organization=organization, title=spec["title"], held_on__year=today.year
        ).exists():
            continue
        services.training_record(organization=organization, user=user, **spec)
        created += 1
    certificates = [
        (
            auditor,
            "ĐGNB-0412/2023",
            datetime.date(today.year - 3, today.month, min(today.day, 28)),
            today + datetime.timedelta(days=30),  # within the secretary's notice
        ),
        (secretary, "ĐGNB-0087/2021", datetime.date(2021, 6, 15), None),
    ]
    for person, number, issued_on, expires_on in certificates:
        if AuditorCertificate.objects.filter(organization=organization, number=number).exists():
            continue
        services.certificate_record(
            organization=organization,
            user=secretary,
            person=person,
            issuer="Trung tâm Năng suất Việt Nam",
            number=number,
            issued_on=issued_on,
            expires_on=expires_on,
        )
        created += 1
    status = "created" if created else "exists"
    guided = Onboarding.objects.filter(organization=organization).count()
    held = Training.objects.filter(organization=organization, held_on__year=today.year).count()
    return f"  Training {today.year}: {guided} newcomers, {held} trainings held [{status}]"
