"""The history screen of an annual report: the texts written by hand, its approval and its sending
to the province, field by field with readable values; no noise from a text saved unchanged."""

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.choices import Role
from reports.annual import annual_report_approve, annual_report_submit
from reports.models import AnnualReport, AnnualReportStatus
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(organization):
    return AnnualReport.objects.create(organization=organization, year=2023)


def _url(report):
    return reverse("reports:annual_report_history", args=[report.pk])


def test_the_texts_the_approval_and_the_sending_are_in_the_history(
    client, report, secretary, director
):
    client.force_login(secretary)
    assert _url(report) in client.get(report.get_absolute_url()).content.decode()
    client.post(report.get_absolute_url(), {"difficulties": "Thiếu nhân sự\nChưa có phần mềm"})
    # the same text again, as a browser sends it (CRLF line endings): no change
    client.post(report.get_absolute_url(), {"difficulties": "Thiếu nhân sự\r\nChưa có phần mềm"})
    annual_report_approve(report=report, user=director)
    annual_report_submit(report=report, user=secretary)

    shown = entries(client, _url(report))
    assert changes(shown, label(AnnualReport, "difficulties")) == [
        ("~", "", "Thiếu nhân sự\nChưa có phần mềm")
    ]
    assert changes(shown, label(AnnualReport, "status")) == [
        ("~", str(AnnualReportStatus.DRAFT.label), str(AnnualReportStatus.APPROVED.label)),
        ("+", "", str(AnnualReportStatus.DRAFT.label)),
    ]
    sent = changes(shown, label(AnnualReport, "submitted_on"))
    assert sent == [("~", "", f"{timezone.localdate():%d/%m/%Y}")]
    assert [e.user for e in shown[:2]] == [secretary, director]


def test_the_history_does_not_grow_in_queries(
    client, report, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)

    def more():
        for number in range(10):
            client.post(report.get_absolute_url(), {"recommendations": f"Kiến nghị {number}"})

    assert_queries_do_not_grow(client, _url(report), more, django_assert_max_num_queries)


def test_another_agencys_report_has_no_history_screen(
    client, report, make_member, other_organization
):
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(report)).status_code == 404
