"""Every role lands on a page of its own (issue 26, point 5): staff on their unit's work and what
they must know, an internal auditor also on their audits, sessions and open nonconformities."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audits.nonconformity.choices import NonconformityStatus
from plans.choices import Role
from plans.documents.choices import DocumentStatus
from plans.models import Membership, User
from reports.models import AnnualReport

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


def test_the_coordinator_opens_the_report_an_agency_sent_in_its_year(client, demo):
    """Sở LĐTBXH's 2022 report, approved and sent in December 2022: the coordinator finds it
    on the province overview of 2022 and on the agency's page, and opens it and its PDF."""
    report = AnnualReport.objects.get(organization__document_symbol="SLĐTBXH", year=2022)
    assert (report.status, report.submitted_on) == ("approved", datetime.date(2022, 12, 27))
    assert report.approved_by.username == "giamdoc"
    assert timezone.localdate(report.approved_at) == datetime.date(2022, 12, 26)
    _log_in(client, "dieuphoi")
    opens = reverse("reports:province_report", args=[report.pk])
    overview = client.get(reverse("reports:province"), {"nam": 2022})
    assert opens in overview.content.decode()
    agency = client.get(reverse("reports:province_agency", args=[report.organization_id]))
    assert opens in agency.content.decode()
    page = client.get(opens)
    assert page.status_code == 200
    assert "27/12/2022" in page.content.decode()
    pdf = client.get(reverse("reports:province_report_pdf", args=[report.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
