"""Internal auditors' certificates: an auditor without one valid on an audit's dates is flagged
when put on the audit and on its page; a certificate's renewal is the ISO secretary's work, due
the day it expires, closed by the next certificate; the page warns before they expire."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.internal_audit.selectors import uncertified_auditors
from audits.models import Audit, AuditSession
from plans.choices import Role, TaskParty
from plans.training.models import AuditorCertificate
from plans.training.selectors import certificates_expiring, uncertified
from plans.training.services import certificate_record
from plans.work.responsibility import answers_for

pytestmark = pytest.mark.django_db
D = datetime.date
AUDIT = (D(2023, 9, 11), D(2023, 9, 15))
ISSUED = D(2020, 6, 1)


def _certificate(organization, person, user, issued_on=ISSUED, expires_on=None, **kw):
    return certificate_record(
        organization=organization,
        user=user,
        person=person,
        issuer="Trung tâm Năng suất Việt Nam",
        number=kw.pop("number", "ĐGNB-01"),
        issued_on=issued_on,
        expires_on=expires_on,
        **kw,
    )


@pytest.mark.parametrize(
    ("certificate", "flagged"),
    [
        ({"expires_on": None}, False),  # valid, no expiry
        ({"expires_on": D(2023, 9, 15)}, False),  # valid to the audit's last day
        ({"expires_on": D(2023, 9, 13)}, True),  # expires during the audit
        ({"expires_on": D(2022, 12, 31)}, True),  # expired
        ({"issued_on": D(2023, 9, 12)}, True),  # issued after the audit began
        (None, True),  # missing
    ],
)
def test_an_auditor_is_flagged_without_a_certificate_valid_on_the_audits_dates(
    organization, secretary, make_member, certificate, flagged
):
    auditor = make_member(Role.AUDITOR)
    if certificate is not None:
        _certificate(organization, auditor, secretary, **certificate)
    found = uncertified([auditor], organization=organization, starts_on=AUDIT[0], ends_on=AUDIT[1])
    assert found == ([auditor] if flagged else [])


def test_another_agencys_certificate_does_not_count(
    organization, other_organization, secretary, make_member
):
    auditor = make_member(Role.AUDITOR)
    _certificate(other_organization, auditor, secretary)
    assert uncertified([auditor], organization=organization, starts_on=AUDIT[0], ends_on=AUDIT[1])


def _audit_data(organization, department, lead, team=()):
    return {
        "title": "Đánh giá nội bộ năm 2023",
        "year": 2023,
        "units": [department.pk],
        "criteria": "TCVN ISO 9001:2015",
        "lead_auditor": lead.pk,
        "team": [p.pk for p in team],
        "starts_on": "11/09/2023",
        "ends_on": "15/09/2023",
    }


def test_scheduling_an_uncertified_auditor_warns_but_saves_and_the_audit_page_says_so(
    client, organization, department, secretary, make_member
):
    certified = make_member(Role.AUDITOR, full_name="Võ Thị Lan")
    expired = make_member(Role.AUDITOR, full_name="Lê Văn Bình")
    _certificate(organization, certified, secretary)
    _certificate(organization, expired, secretary, expires_on=D(2023, 1, 31), number="ĐGNB-02")
    client.force_login(secretary)
    response = client.post(
        reverse("audits:audit_create"),
        _audit_data(organization, department, certified, team=[expired]),
        follow=True,
    )
    audit = Audit.objects.get()  # saved: a warning, not a refusal
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Chưa có chứng chỉ chuyên gia đánh giá nội bộ còn hiệu lực trong thời gian đánh giá: "
        "Lê Văn Bình."
    ]
    page = client.get(audit.get_absolute_url())
    assert [p.pk for p in page.context["uncertified"]] == [expired.pk]
    assert "Lê Văn Bình" in page.content.decode()


def test_a_sessions_auditor_is_checked_on_the_sessions_day(
    client, organization, department, secretary, make_member
):
    lead = make_member(Role.AUDITOR, full_name="Võ Thị Lan")
    _certificate(organization, lead, secretary)
    late = make_member(Role.AUDITOR, full_name="Lê Văn Bình")
    _certificate(organization, late, secretary, issued_on=D(2023, 9, 13), number="ĐGNB-02")
    audit = Audit.objects.create(
        organization=organization,
        year=2023,
        title="Đánh giá nội bộ năm 2023",
        lead_auditor=lead,
        starts_on=AUDIT[0],
        ends_on=AUDIT[1],
    )
    audit.units.set([department])
    client.force_login(secretary)
    session = {
        "step": "session",
        "department": department.pk,
        "date": "12/09/2023",
        "starts_at": "08:00",
        "ends_at": "10:00",
        "auditors": [late.pk],
    }
    response = client.post(audit.get_absolute_url(), session, follow=True)
    assert AuditSession.objects.count() == 1
    assert any("Lê Văn Bình" in str(m) for m in response.context["messages"])
    AuditSession.objects.filter(audit=audit).update(date=D(2023, 9, 14))
    assert uncertified_auditors(audit) == []  # certified by the session's day


def test_a_certificate_puts_its_renewal_on_the_secretarys_work_and_the_next_one_closes_it(
    organization, secretary, make_member
):
    auditor = make_member(Role.AUDITOR)
    # Expires on Sunday 15/10/2023: renewed by Friday 13/10.
    old = _certificate(organization, auditor, secretary, expires_on=D(2023, 10, 15))
    item = old.renewal
    assert (item.due_date, item.party, item.department) == (
        D(2023, 10, 13),
        TaskParty.ISO_SECRETARY,
        None,
    )
    assert answers_for(secretary, item)
    assert item.title == f"Gia hạn chứng chỉ đánh giá nội bộ của {auditor}"
    new = _certificate(
        organization,
        auditor,
        secretary,
        issued_on=D(2023, 10, 2),
        expires_on=D(2026, 10, 1),
        number="ĐGNB-09",
    )
    item.refresh_from_db()
    assert (item.status, item.done_on, item.closed_by_record) == ("done", D(2023, 10, 2), new)
    assert new.renewal.is_open


@time_machine.travel(datetime.datetime(2023, 9, 1, 3, tzinfo=datetime.UTC))
def test_the_secretary_sees_certificates_expiring_within_the_notice(
    client, organization, secretary, make_member
):
    auditor = make_member(Role.AUDITOR, full_name="Võ Thị Lan")
    soon = _certificate(organization, auditor, secretary, expires_on=D(2023, 10, 20), number="A-1")
    _certificate(
        organization,
        auditor,
        secretary,
        expires_on=D(2024, 6, 1),
        number="A-2",
        issued_on=D(2019, 1, 1),
    )
    assert list(certificates_expiring(organization)) == [soon]
    organization.certificate_notice_days = 30
    organization.save()
    assert list(certificates_expiring(organization)) == []
    client.force_login(secretary)
    assert (
        "Hết hạn trong vòng 30 ngày"
        not in client.get(reverse("plans:certificate_list")).content.decode()
    )


def test_the_secretary_records_a_certificate_with_its_scan_and_the_auditor_sees_only_theirs(
    client, organization, secretary, make_member
):
    auditor = make_member(Role.AUDITOR, full_name="Võ Thị Lan")
    other = make_member(Role.AUDITOR, full_name="Lê Văn Bình")
    _certificate(organization, other, secretary, number="KHAC-1")
    client.force_login(secretary)
    data = {
        "person": auditor.pk,
        "issuer": "Trung tâm Năng suất Việt Nam",
        "number": "ĐGNB-0412",
        "issued_on": "01/06/2023",
        "expires_on": "01/01/2023",
        "scan": SimpleUploadedFile("chung-chi.pdf", b"%PDF-1.4 cert", "application/pdf"),
    }
    refused = client.post(reverse("plans:certificate_create"), data)
    assert refused.status_code == 200
    assert "expires_on" in refused.context["form"].errors
    data["scan"].seek(0)
    response = client.post(reverse("plans:certificate_create"), {**data, "expires_on": ""})
    assert response.status_code == 302
    certificate = AuditorCertificate.objects.get(number="ĐGNB-0412")
    assert certificate.original_name == "chung-chi.pdf"
    assert certificate.renewal is None  # it does not expire
    client.force_login(auditor)
    page = client.get(reverse("plans:certificate_list"))
    assert [c.number for c in page.context["page"].object_list] == ["ĐGNB-0412"]
    assert client.get(reverse("plans:certificate_file", args=[certificate.pk])).status_code == 200
    assert client.get(reverse("plans:certificate_create")).status_code == 403
