"""The checklist's rules hold whatever the address: an auditor assigned to a session of the
auditor's own unit (the schedule form refuses it; here it is written around the form) records,
corrects and deletes nothing there, through any of the pages."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from audits.internal_audit.services import finding_record
from audits.models import Audit, AuditSession, Finding, Nonconformity
from plans.models import Department, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_unit_session(world):
    """A session of the auditor's own unit (Thanh tra Sở) with the auditor assigned, and a line
    the ISO secretary recorded there."""
    auditor = User.objects.get(username="danhgia")
    own_unit = Department.objects.get(memberships__user=auditor)
    session = AuditSession.objects.create(
        audit=Audit.objects.get(pk=world.ids["open_audit"]),
        department=own_unit,
        date=datetime.date(2023, 9, 13),
        starts_at=datetime.time(8),
        ends_at=datetime.time(10),
    )
    session.auditors.set([auditor])
    finding_record(
        session=session,
        clause="7.5",
        question="Sổ theo dõi đơn thư?",
        result="conforming",
        evidence="Có",
        user=User.objects.get(username="thuky"),
    )
    return session


def _lines():
    return list(Finding.objects.order_by("pk").values("pk", "clause", "question", "result"))


def test_the_auditor_writes_nothing_in_a_session_of_their_own_unit(own_unit_session):
    client = Client()
    client.force_login(User.objects.get(username="danhgia"))
    [line] = own_unit_session.findings.all()
    checklist = reverse("audits:session_checklist", args=[own_unit_session.pk])
    refusal = gettext("%(unit)s is your own unit: an internal auditor does not audit it.") % {
        "unit": own_unit_session.department.name
    }
    before, registered = _lines(), Nonconformity.objects.count()
    nonconforming = {"clause": "8.5.1", "question": "Phiếu?", "result": "nc_major", "evidence": ""}
    page = client.get(checklist).content.decode()
    assert refusal in page
    assert reverse("audits:finding_edit", args=[line.pk]) not in page
    for url, data in (
        (checklist, nonconforming),
        (reverse("audits:finding_edit", args=[line.pk]), nonconforming),
        (reverse("audits:finding_delete", args=[line.pk]), {}),
    ):
        for method, sent in (("get", None), ("post", data)):
            response = getattr(client, method)(url, sent, follow=True)
            if response.redirect_chain:  # sent back to the checklist, told why
                assert response.redirect_chain[-1][0] == checklist, (method, url)
            assert response.status_code == 200
            assert refusal in response.content.decode(), (method, url)
            assert 'name="question"' not in response.content.decode()
    assert _lines() == before
    assert Nonconformity.objects.count() == registered


def test_the_sessions_auditor_corrects_a_line_elsewhere(world):
    """The same pages work for the auditor where the auditor is not of the unit."""
    client = Client()
    client.force_login(User.objects.get(username="danhgia"))
    url = reverse("audits:finding_edit", args=[world.ids["finding"]])
    response = client.post(
        url,
        {"clause": "7.5", "question": "Danh mục hồ sơ 2023?", "result": "conforming"},
    )
    assert response["Location"] == reverse(
        "audits:session_checklist", args=[world.ids["open_session"]]
    )
    assert Finding.objects.get(pk=world.ids["finding"]).question == "Danh mục hồ sơ 2023?"
