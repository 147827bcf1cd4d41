"""The demo's training of the current year, and the history screens of a guidance and a
certificate."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans.choices import Role
from plans.models import Organization
from plans.training.models import AuditorCertificate, Onboarding, Training
from plans.training.selectors import certificates_expiring
from plans.training.services import certificate_record, onboarding_open, onboarding_record
from tests.factories import MembershipFactory, UserFactory
from tests.histories import changes, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_demo_has_this_years_newcomers_trainings_and_an_expiring_certificate():
    call_command("load_demo", stdout=StringIO())
    today = timezone.localdate()
    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    onboardings = Onboarding.objects.filter(organization=labour, assigned_on__year=today.year)
    guided = onboardings.get(guided_on__isnull=False)
    assert guided.work_item.status == "done"
    assert guided.guided_by.username == "truongphong"
    waiting = onboardings.get(guided_on__isnull=True)
    assert waiting.work_item.is_open
    assert today <= waiting.work_item.due_date <= today + datetime.timedelta(days=20)
    assert Training.objects.filter(organization=labour, held_on__year=today.year).count() == 2
    [expiring] = certificates_expiring(labour, today)
    assert expiring.person.username == "danhgia"
    call_command("load_demo", stdout=StringIO())  # nothing twice
    assert Onboarding.objects.count() == 2
    assert Training.objects.count() == 2
    assert AuditorCertificate.objects.count() == 2


def test_the_guidance_and_its_item_are_in_its_history(client, organization, department, secretary):
    membership = MembershipFactory(
        user=UserFactory(), organization=organization, role=Role.STAFF, department=department
    )
    onboarding = onboarding_open(membership=membership, on=D(2023, 10, 5))
    onboarding_record(
        onboarding=onboarding,
        user=secretary,
        guided_on=D(2023, 10, 9),
        guided_by=secretary,
        covered_policy=True,
    )
    client.force_login(secretary)
    found = entries(client, reverse("plans:onboarding_history", args=[onboarding.pk]))
    assert changes(found, label(Onboarding, "guided_on"))[0] == ("~", "", "09/10/2023")
    assert any(e.user == secretary for e in found)


def test_a_certificates_correction_is_in_its_history(client, organization, secretary, make_member):
    auditor = make_member(Role.AUDITOR)
    certificate = certificate_record(
        organization=organization,
        user=secretary,
        person=auditor,
        issuer="Trung tâm Năng suất Việt Nam",
        number="ĐGNB-01",
        issued_on=D(2021, 6, 1),
        expires_on=D(2024, 6, 1),
    )
    client.force_login(secretary)
    url = reverse("plans:certificate_edit", args=[certificate.pk])
    data = {
        "person": auditor.pk,
        "issuer": "Trung tâm Năng suất Việt Nam",
        "number": "ĐGNB-01",
        "issued_on": "01/06/2021",
        "expires_on": "03/06/2024",
        "lock_version": certificate.lock_version,
    }
    assert client.post(url, data).status_code == 302
    certificate.refresh_from_db()
    assert certificate.renewal.due_date == D(2024, 6, 3)  # the renewal follows
    found = entries(client, reverse("plans:certificate_history", args=[certificate.pk]))
    assert changes(found, label(AuditorCertificate, "expires_on"))[0] == (
        "~",
        "01/06/2024",
        "03/06/2024",
    )
