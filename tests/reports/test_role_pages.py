"""Every role lands on a page of its own (issue 26, point 5): staff on their unit's work and what
they must know, an internal auditor also on their audits, sessions and open nonconformities."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from audits.nonconformity.choices import NonconformityStatus
from plans.choices import Role
from plans.documents.choices import DocumentStatus
from plans.models import Membership, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def _log_in(client, username):
    client.force_login(User.objects.get(username=username))


def test_staff_land_on_their_units_work_and_what_to_know(client, demo):
    _log_in(client, "nhanvien")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    unit = response.context["unit"]
    own = Membership.objects.get(user__username="nhanvien", role=Role.STAFF).department
    assert unit.units == [own]
    assert unit.items
    assert all(item.department_id == own.pk and item.is_open for item in unit.items)
    assert unit.open_count >= len(unit.items)
    assert unit.documents
    assert all(
        d.department_id == own.pk and d.status == DocumentStatus.IN_FORCE for d in unit.documents
    )
    assert unit.plan is not None
    content = response.content.decode()
    assert reverse("plans:work_item_detail", args=[unit.items[0].pk]) in content
    assert reverse("plans:document_detail", args=[unit.documents[0].pk]) in content
    assert reverse("plans:plan_detail", args=[unit.plan.pk]) in content
    assert response.context.get("auditing") is None


def test_an_auditor_lands_on_their_audits_and_open_nonconformities(client, demo):
    _log_in(client, "danhgia")
    response = client.get(reverse("home"))
    auditing = response.context["auditing"]
    assert auditing.audits
    for audit in auditing.audits:
        assert (
            audit.lead_auditor.username == "danhgia"
            or audit.team.filter(username="danhgia").exists()
            or audit.sessions.filter(auditors__username="danhgia").exists()
        )
    for session in auditing.sessions:
        assert session.auditors.filter(username="danhgia").exists()
    assert auditing.nonconformities
    for nonconformity in auditing.nonconformities:
        assert nonconformity.status != NonconformityStatus.CLOSED
        assert nonconformity.finding.session.audit in auditing.audits
    content = response.content.decode()
    assert reverse("audits:audit_detail", args=[auditing.audits[0].pk]) in content
    assert reverse("audits:nonconformity_detail", args=[auditing.nonconformities[0].pk]) in content


def test_the_landing_page_does_not_grow_in_queries(client, demo, django_assert_max_num_queries):
    _log_in(client, "danhgia")
    with django_assert_max_num_queries(40):
        client.get(reverse("home"))
