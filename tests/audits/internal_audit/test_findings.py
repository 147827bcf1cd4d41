"""Checklist lines recorded, corrected and deleted: who may, while the audit allows it, never in
one's own unit, and what happens to the nonconformity a finding registered."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from audits.internal_audit.services import (
    audit_finish,
    finding_delete,
    finding_edit,
    finding_record,
)
from audits.models import Audit, AuditSession, Finding, Nonconformity
from audits.nonconformity.services import NonconformityError
from plans.choices import Role
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date
LINE = {"clause": "7.5", "question": "Danh mục hồ sơ?", "result": "conforming", "evidence": "Có"}


@pytest.fixture
def auditor(make_member, organization):
    home = DepartmentFactory(organization=organization, name="Thanh tra Sở")
    return make_member(Role.AUDITOR, department=home, full_name="Võ Thị Lan")


@pytest.fixture
def audit(organization, department, auditor):
    audit = Audit.objects.create(
        organization=organization,
        year=2023,
        title="Đánh giá nội bộ đợt 1 năm 2023",
        lead_auditor=auditor,
        starts_on=D(2023, 9, 11),
        ends_on=D(2023, 9, 15),
    )
    audit.units.set([department, auditor.memberships.get().department])
    return audit


def _session(audit, department, auditors):
    session = AuditSession.objects.create(
        audit=audit,
        department=department,
        date=D(2023, 9, 12),
        starts_at=datetime.time(8),
        ends_at=datetime.time(10),
    )
    session.auditors.set(auditors)
    return session


@pytest.fixture
def session(audit, department, auditor):
    return _session(audit, department, [auditor])


@pytest.fixture
def finding(session, auditor):
    return finding_record(session=session, user=auditor, **LINE)


def _saved(finding):
    return Finding.objects.filter(pk=finding.pk).values(*LINE).first()


def _refused(message):
    return pytest.raises(NonconformityError, match=f"^{re.escape(message)}$")


def test_the_sessions_auditor_corrects_and_deletes_a_line(finding, auditor):
    edited = finding_edit(
        finding=finding, user=auditor, **{**LINE, "question": "Danh mục hồ sơ năm 2023?"}
    )
    assert _saved(edited)["question"] == "Danh mục hồ sơ năm 2023?"
    assert edited.nonconformity is None
    finding_delete(finding=edited, user=auditor)
    assert not Finding.objects.exists()


def test_the_iso_secretary_writes_any_sessions_checklist(finding, secretary, session):
    finding_record(session=session, user=secretary, **LINE)
    finding_edit(finding=finding, user=secretary, **{**LINE, "evidence": "Có, cập nhật 8/2023"})
    finding_delete(finding=finding, user=secretary)
    assert Finding.objects.get().recorded_by == secretary


def test_an_auditor_writes_nothing_in_their_own_unit_even_assigned_there(audit, auditor, secretary):
    """The schedule refuses the assignment; a session of the auditor's own unit scheduled
    around it still refuses the auditor's record, correction and deletion."""
    own_unit = auditor.memberships.get().department
    session = _session(audit, own_unit, [auditor])
    line = finding_record(session=session, user=secretary, **LINE)
    refusal = gettext("%(unit)s is your own unit: an internal auditor does not audit it.") % {
        "unit": "Thanh tra Sở"
    }
    with _refused(refusal):
        finding_record(session=session, user=auditor, **LINE)
    with _refused(refusal):
        finding_edit(finding=line, user=auditor, **{**LINE, "result": "nc_major"})
    with _refused(refusal):
        finding_delete(finding=line, user=auditor)
    assert list(Finding.objects.values_list("pk", flat=True)) == [line.pk]
    assert _saved(line) == LINE
    assert not Nonconformity.objects.exists()


def test_a_finished_audits_checklists_are_closed(audit, finding, auditor, secretary, session):
    audit_finish(audit=audit, user=secretary, finished_on=D(2023, 9, 15), conclusions="Phù hợp")
    refusal = gettext("The audit is finished: its checklists are closed.")
    with _refused(refusal):
        finding_record(session=session, user=auditor, **LINE)
    with _refused(refusal):
        finding_edit(finding=finding, user=auditor, **{**LINE, "question": "Khác"})
    with _refused(refusal):
        finding_delete(finding=finding, user=auditor)
    assert _saved(finding) == LINE


def test_only_the_sessions_auditors_and_the_secretary_write_its_checklist(
    finding, session, make_member, department
):
    colleague = make_member(
        Role.AUDITOR, department=DepartmentFactory(organization=department.organization)
    )
    not_on_session = gettext(
        "Only the auditors of this session and the ISO secretary record its findings."
    )
    no_permission = gettext("You may not record findings in this audit.")
    for person, refusal in (
        (colleague, not_on_session),  # an auditor of the agency, but of another session
        (make_member(Role.DIRECTOR), no_permission),
        (make_member(Role.DEPARTMENT_HEAD, department=department), no_permission),
    ):
        with _refused(refusal):
            finding_record(session=session, user=person, **LINE)
        with _refused(refusal):
            finding_edit(finding=finding, user=person, **{**LINE, "question": "Khác"})
        with _refused(refusal):
            finding_delete(finding=finding, user=person)
    assert Finding.objects.count() == 1
    assert _saved(finding) == LINE


def test_a_finding_that_registered_a_nonconformity_is_corrected_in_its_text_only(session, auditor):
    finding = finding_record(
        session=session,
        user=auditor,
        clause="8.5.1",
        question="Phiếu xin lỗi?",
        result="nc_minor",
        evidence="3/20 hồ sơ không có phiếu",
    )
    nonconformity = finding.nonconformity
    kept = gettext(
        "This finding registered %(code)s: its result cannot change while the nonconformity "
        "exists; only its clause, question and evidence can be corrected."
    ) % {"code": "KPH-2023-01"}
    for result in ("conforming", "nc_major"):
        with _refused(kept):
            finding_edit(
                finding=finding,
                user=auditor,
                clause="8.5.1",
                question="Phiếu xin lỗi?",
                result=result,
                evidence="3/20",
            )
    with _refused(
        gettext(
            "This finding registered %(code)s: it cannot be deleted while the nonconformity exists."
        )
        % {"code": "KPH-2023-01"}
    ):
        finding_delete(finding=finding, user=auditor)
    # Its text is corrected, and the register's entry says the same.
    finding_edit(
        finding=finding,
        user=auditor,
        clause="8.5.2",
        question="Phiếu xin lỗi hồ sơ trễ hạn?",
        result="nc_minor",
        evidence="3/20 hồ sơ trễ hạn không có phiếu",
    )
    nonconformity.refresh_from_db()
    assert (nonconformity.clause, nonconformity.description, nonconformity.severity) == (
        "8.5.2",
        "Phiếu xin lỗi hồ sơ trễ hạn?\n3/20 hồ sơ trễ hạn không có phiếu",
        "minor",
    )
    assert nonconformity.history.first().history_user == auditor
    assert Finding.objects.get().nonconformity == nonconformity


def test_a_line_corrected_to_a_nonconformity_enters_the_register(finding, auditor, department):
    edited = finding_edit(
        finding=finding, user=auditor, **{**LINE, "result": "nc_major", "evidence": "Không có"}
    )
    nonconformity = Nonconformity.objects.get()
    assert edited.nonconformity == nonconformity
    assert (nonconformity.code, nonconformity.severity, nonconformity.department) == (
        "KPH-2023-01",
        "major",
        department,
    )
    assert nonconformity.description == "Danh mục hồ sơ?\nKhông có"


# --- the pages -----------------------------------------------------------------------------------
def test_the_checklist_offers_edit_and_delete_to_who_may(
    client, finding, session, auditor, make_member, department
):
    nonconforming = finding_record(session=session, user=auditor, **{**LINE, "result": "nc_minor"})
    url = reverse("audits:session_checklist", args=[session.pk])
    edit = reverse("audits:finding_edit", args=[finding.pk])
    delete = reverse("audits:finding_delete", args=[finding.pk])
    client.force_login(auditor)
    page = client.get(url).content.decode()
    assert edit in page
    assert delete in page
    assert reverse("audits:finding_edit", args=[nonconforming.pk]) in page
    assert reverse("audits:finding_delete", args=[nonconforming.pk]) not in page
    colleague = make_member(
        Role.AUDITOR, department=DepartmentFactory(organization=department.organization)
    )
    for person in (colleague, make_member(Role.STAFF, department=department)):
        client.force_login(person)
        page = client.get(url).content.decode()
        assert edit not in page
        assert delete not in page
    client.force_login(colleague)  # told why, not shown a form
    page = client.get(url).content.decode()
    assert (
        gettext("Only the auditors of this session and the ISO secretary record its findings.")
        in page
    )
    assert 'name="question"' not in page


def test_correcting_a_line_keeps_what_was_typed_on_an_error(client, finding, auditor, session):
    client.force_login(auditor)
    url = reverse("audits:finding_edit", args=[finding.pk])
    page = client.get(url).content.decode()
    assert "Danh mục hồ sơ?" in page  # the saved line, to correct
    response = client.post(
        url, {"clause": "7.5", "question": "", "result": "conforming", "evidence": "Sổ đã ghi"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["question"]
    assert "Sổ đã ghi" in response.content.decode()
    response = client.post(
        url,
        {
            "clause": "7.5",
            "question": "Danh mục hồ sơ 2023?",
            "result": "conforming",
            "evidence": "Có",
        },
    )
    assert response["Location"] == reverse("audits:session_checklist", args=[session.pk])
    assert _saved(finding)["question"] == "Danh mục hồ sơ 2023?"


def test_the_result_of_a_nonconforming_line_cannot_be_changed_by_the_form(client, session, auditor):
    line = finding_record(session=session, user=auditor, **{**LINE, "result": "nc_minor"})
    client.force_login(auditor)
    url = reverse("audits:finding_edit", args=[line.pk])
    assert "disabled" in client.get(url).content.decode()
    client.post(url, {**LINE, "result": "conforming", "question": "Danh mục hồ sơ 2023?"})
    line.refresh_from_db()
    assert (line.result, line.question) == ("nc_minor", "Danh mục hồ sơ 2023?")
    assert line.nonconformity is not None


def test_deleting_a_line_asks_first(client, finding, auditor, session):
    client.force_login(auditor)
    url = reverse("audits:finding_delete", args=[finding.pk])
    page = client.get(url).content.decode()
    assert "Danh mục hồ sơ?" in page
    assert reverse("audits:session_checklist", args=[session.pk]) in page  # cancel
    assert Finding.objects.exists()
    response = client.post(url)
    assert response["Location"] == reverse("audits:session_checklist", args=[session.pk])
    assert not Finding.objects.exists()


def test_a_nonconforming_line_is_not_deleted_through_its_address(client, session, auditor):
    line = finding_record(session=session, user=auditor, **{**LINE, "result": "nc_minor"})
    client.force_login(auditor)
    url = reverse("audits:finding_delete", args=[line.pk])
    for method in (client.get, client.post):
        response = method(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse(
            "audits:session_checklist", args=[session.pk]
        )
        assert "KPH-2023-01" in response.content.decode()
    assert Finding.objects.filter(pk=line.pk).exists()


def test_the_pages_refuse_who_may_not_and_a_closed_audit(
    client, audit, finding, secretary, make_member, department, other_organization
):
    edit = reverse("audits:finding_edit", args=[finding.pk])
    delete = reverse("audits:finding_delete", args=[finding.pk])
    client.force_login(make_member(Role.STAFF, department=department))
    for url in (edit, delete):
        assert client.get(url).status_code == 403
        assert client.post(url, LINE).status_code == 403
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    for url in (edit, delete):
        assert client.get(url).status_code == 404
    audit_finish(audit=audit, user=secretary, finished_on=D(2023, 9, 15), conclusions="Phù hợp")
    client.force_login(secretary)
    for url in (edit, delete):
        assert client.get(url).status_code == 403
        assert client.post(url, LINE).status_code == 403
    assert _saved(finding) == LINE
