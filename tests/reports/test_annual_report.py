"""The annual report on the quality system: generated from the year's data, texts, approval, PDF."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from audits.internal_audit.services import audit_finish
from audits.models import Audit
from audits.nonconformity.services import nonconformity_register
from plans.choices import EventKind, Role, WorkItemStatus
from plans.models import Plan, WorkItem
from plans.planning.services.plan import plan_approve, plan_close, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.services import event_record
from reports.annual import AnnualReportError, annual_facts, annual_report_approve
from reports.dashboard import organization_dashboard
from reports.models import AnnualReport, ConformityDeclaration
from reports.province import province_overview
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def report(organization, department, secretary, director, make_member):
    plan = PlanFactory(organization=organization, year=2023, number="04")
    leads = [UnitRef(department_id=department.pk)]
    add_task(plan, content="Rà soát quy trình", timing="Trước ngày 15/03/2023", leads=leads)
    add_task(plan, content="Đào tạo nhận thức", timing="Trước ngày 15/05/2023", leads=leads)
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    WorkItem.objects.filter(task__content="Rà soát quy trình").update(status=WorkItemStatus.DONE)
    auditor = make_member(Role.AUDITOR)
    audit = Audit.objects.create(
        organization=organization,
        year=2023,
        title="Đánh giá nội bộ năm 2023",
        lead_auditor=auditor,
        starts_on=D(2023, 9, 11),
        ends_on=D(2023, 9, 12),
    )
    audit_finish(audit=audit, user=secretary, finished_on=D(2023, 9, 12), conclusions="Phù hợp")
    for year in (2023, 2022):
        nonconformity_register(
            organization=organization,
            user=secretary,
            source="complaint",
            severity="minor",
            department=department,
            found_on=D(year, 4, 3),
            description="Trả kết quả trễ hạn",
        )
    event_record(
        organization=organization,
        kind=EventKind.NEW_GUIDANCE,
        occurred_on=D(2023, 5, 10),
        user=secretary,
        description="Quyết định 19/2014/QĐ-TTg được thay thế",
    )
    ConformityDeclaration.objects.create(
        organization=organization,
        number="125/QĐ-SLĐTBXH",
        signed_on=D(2021, 3, 2),
        scope="Các TTHC thuộc thẩm quyền giải quyết của Sở",
    )
    return AnnualReport.objects.create(organization=organization, year=2023)


def test_the_report_is_gathered_from_the_years_data(client, report, secretary):
    client.force_login(secretary)
    url = report.get_absolute_url()
    client.post(url, {"reasons": "Chờ hướng dẫn của Bộ", "difficulties": "Thiếu nhân sự"})
    page = client.get(url).content.decode()
    for part in (
        "Thực hiện Kế hoạch số 04/",
        "1/2 nội dung đã hoàn thành",
        "- Đào tạo nhận thức;",
        "Lý do: Chờ hướng dẫn của Bộ",
        "Đánh giá nội bộ năm 2023, kết thúc ngày 12/09/2023",
        "Điểm không phù hợp trong năm: 1,",  # the 2022 one is not counted
        "Quyết định số 125/QĐ-SLĐTBXH ngày 02/03/2021",
        "Quyết định 19/2014/QĐ-TTg được thay thế",
        "Thiếu nhân sự",
    ):
        assert part in page, part


def test_the_director_approves_and_the_report_prints(client, report, secretary, director):
    approve = reverse("reports:annual_report_approve", args=[report.pk])
    client.force_login(secretary)
    assert client.post(approve).status_code == 403
    client.force_login(director)
    client.post(approve)
    report.refresh_from_db()
    assert (report.status, report.approved_by) == ("approved", director)
    client.force_login(secretary)
    assert client.post(report.get_absolute_url(), {"difficulties": "x"}).status_code == 403
    response = client.get(reverse("reports:annual_report_pdf", args=[report.pk]))
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "BÁO CÁO" in text
    assert "Kết quả duy trì, cải tiến Hệ thống quản lý chất lượng năm 2023" in text
    assert "Kiến nghị, đề xuất" in text
    word = Document(
        io.BytesIO(client.get(reverse("reports:annual_report_docx", args=[report.pk])).content)
    )
    paragraphs = [p.text for p in word.paragraphs]
    assert "Kết quả duy trì, cải tiến Hệ thống quản lý chất lượng năm 2023" in paragraphs
    assert "1/2 nội dung đã hoàn thành" in " ".join(paragraphs)
    heading = next(p for p in word.paragraphs if p.text == "10. Kiến nghị, đề xuất")
    assert heading.runs[0].bold


def test_one_report_per_year_with_a_clear_message(client, report, secretary, organization):
    client.force_login(secretary)
    response = client.post(reverse("reports:annual_report_list"), {"step": "create", "year": 2023})
    assert "Báo cáo năm 2023 đã có" in response.content.decode()
    response = client.post(reverse("reports:annual_report_list"), {"step": "create", "year": 2024})
    assert AnnualReport.objects.filter(organization=organization, year=2024).exists()


def test_another_agency_cannot_see_the_report(client, report, make_member, other_organization):
    client.force_login(make_member(Role.DIRECTOR, org=other_organization))
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:annual_report_pdf", args=[report.pk])).status_code == 404


def test_the_report_page_takes_a_fixed_number_of_queries(
    client, report, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)
    with django_assert_max_num_queries(24):
        client.get(report.get_absolute_url())


def test_a_stale_second_approval_of_the_report_is_refused(report, director):
    first = AnnualReport.objects.get(pk=report.pk)
    stale = AnnualReport.objects.get(pk=report.pk)
    annual_report_approve(report=first, user=director)
    with pytest.raises(AnnualReportError, match=r"^Báo cáo này đã được phê duyệt\.$"):
        annual_report_approve(report=stale, user=director)
    assert report.history.filter(status="approved").count() == 1


def test_after_the_plan_is_closed_the_year_reads_the_same_everywhere(
    report, organization, director
):
    """The year played to its end: one task done, one not; the plan closed on 15/12. The annual
    report, the dashboard and the province view all say one done, one not done."""
    plan = Plan.objects.get(organization=organization, year=2023)
    with time_machine.travel(datetime.datetime(2023, 12, 15, 3, tzinfo=datetime.UTC)):
        plan_close(plan=plan, user=director)
    facts = annual_facts(report)
    assert [t.content for t in facts.tasks_done] == ["Rà soát quy trình"]
    assert [t.content for t in facts.tasks_not_done] == ["Đào tạo nhận thức"]
    today = D(2024, 1, 10)
    [unit] = organization_dashboard(organization, 2023, today).units
    assert (unit.done, unit.overdue, unit.upcoming) == (1, 1, 0)
    [row] = province_overview(organization.province, 2023, today)
    assert (row.items, row.done, row.overdue, row.progress) == (2, 1, 1, 50)
