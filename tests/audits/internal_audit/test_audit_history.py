"""The history screens of an internal audit (its plan, sessions and findings) and of the year's
audit programme, field by field with readable values."""

import datetime

import pytest
from django.urls import reverse

from audits.internal_audit.choices import AuditStatus, FindingResult
from audits.internal_audit.services import finding_record
from audits.models import Audit, AuditProgramme, AuditSession, Finding
from plans.choices import Role
from tests.factories import DepartmentFactory
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def auditor(make_member, organization):
    home = DepartmentFactory(organization=organization, name="Thanh tra Sở")
    return make_member(Role.AUDITOR, department=home, full_name="Võ Thị Lan")


@pytest.fixture
def audit(client, secretary, department, auditor):
    """Planned on its page, with a session of the schedule, as the secretary does it."""
    client.force_login(secretary)
    client.post(
        reverse("audits:audit_create"),
        {
            "title": "Đánh giá nội bộ năm 2023",
            "year": 2023,
            "units": [department.pk],
            "processes": "Giải quyết TTHC",
            "criteria": "TCVN ISO 9001:2015",
            "lead_auditor": auditor.pk,
            "team": [auditor.pk],
            "starts_on": "2023-09-11",
            "ends_on": "2023-09-15",
        },
    )
    audit = Audit.objects.get()
    client.post(
        audit.get_absolute_url(),
        {
            "step": "session",
            "department": department.pk,
            "date": "2023-09-12",
            "starts_at": "08:00",
            "ends_at": "10:00",
            "auditors": [auditor.pk],
            "auditees": "Trưởng phòng",
        },
    )
    return audit


def _url(audit):
    return reverse("audits:audit_history", args=[audit.pk])


def test_the_plan_the_schedule_and_the_findings_are_in_the_history(
    client, secretary, audit, auditor, department
):
    session = audit.sessions.get()
    client.force_login(auditor)  # the finding through the checklist page, as the auditor does
    client.post(
        reverse("audits:session_checklist", args=[session.pk]),
        {
            "clause": "7.5",
            "question": "Hồ sơ có được kiểm soát không?",
            "result": FindingResult.NC_MINOR,
            "evidence": "Sổ theo dõi thiếu 3 hồ sơ",
        },
    )
    assert Finding.objects.get().nonconformity.code == "KPH-2023-01"
    shown = entries(client, _url(audit))

    # the units audited and the team by name (many-to-many), the lead auditor by full name
    assert changes(shown, label(Audit, "units")) == [("~", "", "Phòng Người có công")]
    assert changes(shown, label(Audit, "team")) == [("~", "", "Võ Thị Lan")]
    plan = [e for e in shown if e.subject == str(Audit._meta.verbose_name).capitalize()]
    assert ("+", "", "Võ Thị Lan") in changes(plan, label(Audit, "lead_auditor"))
    # recording the first finding started the audit
    assert changes(plan, label(Audit, "status"))[0] == (
        "~",
        str(AuditStatus.PLANNED.label),
        str(AuditStatus.IN_PROGRESS.label),
    )
    # the session: its unit, times and auditors; its subject names the unit and the day
    session_entries = [e for e in shown if "12/09/2023" in e.subject and "7.5" not in e.subject]
    assert all(department.name in e.subject for e in session_entries)
    assert ("+", "", "08:00") in changes(session_entries, label(AuditSession, "starts_at"))
    assert ("~", "", "Võ Thị Lan") in changes(session_entries, label(AuditSession, "auditors"))
    # the finding: its result's label, and the nonconformity it raised by its code
    finding = [e for e in shown if "7.5" in e.subject]
    assert ("+", "", str(FindingResult.NC_MINOR.label)) in changes(
        finding, label(Finding, "result")
    )
    raised = [c.new for e in finding for c in e.changes if "KPH-2023-01" in c.new]
    assert raised
    assert finding[0].user == auditor


def test_the_programme_history_shows_each_change_of_its_text(client, secretary, organization):
    client.force_login(secretary)
    data = {"year": 2023, "objectives": "Đánh giá sự phù hợp", "scope": "01 lần/năm"}
    client.post(reverse("audits:audit_list"), data)
    programme = AuditProgramme.objects.get()
    client.post(
        reverse("audits:audit_list") + f"?chuong-trinh={programme.pk}",
        {**data, "scope": "02 lần/năm"},
    )
    url = reverse("audits:audit_programme_history", args=[programme.pk])
    assert url in client.get(reverse("audits:audit_list")).content.decode()
    shown = entries(client, url)
    assert changes(shown, label(AuditProgramme, "scope")) == [
        ("~", "01 lần/năm", "02 lần/năm"),
        ("+", "", "01 lần/năm"),
    ]
    assert shown[0].user == secretary


def test_the_history_does_not_grow_in_queries(
    client, secretary, audit, auditor, django_assert_max_num_queries
):
    session = audit.sessions.get()
    finding_record(  # one of each related record from the start: a finding, its nonconformity
        session=session,
        clause="7.5",
        question="Câu hỏi",
        result=FindingResult.NC_MINOR,
        evidence="",
        user=auditor,
    )

    def more():
        for number in range(8):
            finding_record(
                session=session,
                clause=f"8.{number}",
                question="Câu hỏi",
                result=FindingResult.NC_MAJOR if number % 2 else FindingResult.CONFORMING,
                evidence="",
                user=auditor,
            )
        extra = AuditSession.objects.create(
            audit=audit,
            department=session.department,
            date=D(2023, 9, 13),
            starts_at=datetime.time(8),
            ends_at=datetime.time(9),
        )
        extra.auditors.set([auditor, secretary])

    assert_queries_do_not_grow(client, _url(audit), more, django_assert_max_num_queries)


def test_another_agencys_audit_has_no_history_screen(
    client, audit, make_member, other_organization
):
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(audit)).status_code == 404
