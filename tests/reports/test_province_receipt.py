"""The province receives the annual reports: its coordinator comments, asks for a correction
(the report goes back to the agency as a draft) or accepts it; the agency reads each answer."""

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.choices import Role
from plans.models import Notification
from reports.annual import annual_report_approve, annual_report_submit
from reports.models import AnnualReport, AnnualReportStatus, ProvinceReply
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(make_member):
    organization = OrganizationFactory(name="Sở Tư pháp", province="Đồng Tháp")
    secretary = make_member(Role.ISO_SECRETARY, org=organization, username="thuky.stp")
    director = make_member(Role.DIRECTOR, org=organization, username="giamdoc.stp")
    report = AnnualReport.objects.create(organization=organization, year=2023)
    return organization, secretary, director, report


def _send(report, secretary, director) -> AnnualReport:
    report = annual_report_approve(report=report, user=director)
    return annual_report_submit(report=report, user=secretary)


@pytest.fixture
def coordinator(make_member):
    home = OrganizationFactory(name="Sở Khoa học và Công nghệ", province="Đồng Tháp")
    return make_member(Role.PROVINCE_COORDINATOR, org=home, full_name="Phạm Thu Hà")


def test_comment_correction_then_acceptance(client, agency, coordinator):
    organization, secretary, director, report = agency
    report = _send(report, secretary, director)
    page = reverse("reports:province_report", args=[report.pk])
    reply = reverse("reports:province_report_reply", args=[report.pk])
    client.force_login(coordinator)
    assert client.get(page).context["reply_form"] is not None

    # A comment needs words: the form comes back with what was chosen.
    response = client.post(reply, {"kind": "comment", "text": "  "})
    assert response.context["reply_form"].errors["text"] == ["Hãy viết nội dung cơ quan cần đọc."]
    assert ProvinceReply.objects.count() == 0
    client.post(reply, {"kind": "comment", "text": "Đề nghị bổ sung kết quả khảo sát quý IV."})
    (told,) = Notification.objects.filter(user=secretary)
    assert "Phạm Thu Hà" in told.title
    assert "khảo sát quý IV" in told.body

    # A correction: back to the agency as a draft, out of the province's reach until sent again.
    response = client.post(reply, {"kind": "correction", "text": "Số liệu mục 2 chưa khớp."})
    assert response["Location"] == reverse("reports:province_agency", args=[organization.pk])
    report.refresh_from_db()
    assert (report.status, report.submitted_on) == (AnnualReportStatus.DRAFT, None)
    assert client.get(page).status_code == 403
    assert Notification.objects.filter(user=secretary).count() == 2  # told who sent it

    # The agency reads both answers on its report, corrects, approves and sends again.
    client.force_login(secretary)
    detail = client.get(report.get_absolute_url()).content.decode()
    assert "Số liệu mục 2 chưa khớp." in detail
    assert "khảo sát quý IV" in detail
    report = _send(report, secretary, director)

    client.force_login(coordinator)
    client.post(reply, {"kind": "accepted", "text": ""})
    report.refresh_from_db()
    assert report.accepted_on == timezone.localdate()
    assert client.get(page).context["reply_form"] is None  # answered
    response = client.post(reply, {"kind": "accepted", "text": ""}, follow=True)
    assert "không chờ tỉnh trả lời" in response.content.decode()
    assert list(report.replies.values_list("kind", flat=True)) == [
        "comment",
        "correction",
        "accepted",
    ]
    client.force_login(secretary)
    assert "Đã được tỉnh tiếp nhận ngày" in client.get(report.get_absolute_url()).content.decode()


def test_only_the_provinces_coordinator_answers(client, agency, make_member):
    _organization, secretary, director, report = agency
    report = _send(report, secretary, director)
    reply = reverse("reports:province_report_reply", args=[report.pk])
    elsewhere = OrganizationFactory(name="Sở KH&CN An Giang", province="An Giang")
    for person in (make_member(Role.PROVINCE_COORDINATOR, org=elsewhere), secretary, director):
        client.force_login(person)
        assert client.post(reply, {"kind": "accepted"}).status_code == 403
    report.refresh_from_db()
    assert report.accepted_on is None
