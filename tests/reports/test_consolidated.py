"""The province's consolidated yearly report on ISO 9001 in its agencies: computed from the
agencies' records, in a fixed number of queries, printed as PDF, DOCX and XLSX for the province's
coordinator only."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from audits.internal_audit.choices import AuditStatus
from audits.models import Audit, Nonconformity
from audits.nonconformity.choices import NonconformityStatus
from audits.nonconformity.services import nonconformity_register
from audits.review.choices import ReviewStatus
from plans.choices import OrganizationKind, PlanStatus, Role, WorkItemStatus
from plans.models import (
    Objective,
    ObjectiveResult,
    ObjectiveSet,
    Organization,
    OrganizationName,
    WorkItem,
)
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from reports.consolidated import consolidated_report
from reports.models import AnnualReport, ConformityDeclaration, ConsolidatedReport
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    OrganizationFactory,
    PlanFactory,
    ReviewFactory,
    add_task,
)

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2023, 12, 20)
PROVINCE = "Đồng Tháp"
URL = "reports:province_consolidated"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def home():
    """The coordinator's own agency: it signs the report (and is an agency of the province)."""
    return OrganizationFactory(
        name="Sở Nội vụ",
        province=PROVINCE,
        kind=OrganizationKind.DEPARTMENT,
        document_symbol="SNV",
        place_name="Đồng Tháp",
    )


@pytest.fixture
def coordinator(make_member, home):
    return make_member(Role.PROVINCE_COORDINATOR, org=home)


def _agency(
    name,
    make_member,
    *,
    kind=OrganizationKind.DEPARTMENT,
    province=PROVINCE,
    done=0,
    open_=0,
    plan=True,
    audit=False,
    review=False,
    sent=False,
    accepted=False,
    declared_on=None,
    nonconformities=(0, 0),
    objectives=(0, 0),
):
    """An agency of the province with the records of 2023 asked for. ``nonconformities``:
    (found in 2023, of which closed); ``objectives``: (approved, of which achieved)."""
    organization = OrganizationFactory(name=name, province=province, kind=kind)
    unit = DepartmentFactory(organization=organization)
    secretary = make_member(Role.ISO_SECRETARY, org=organization)
    if plan:
        approved = PlanFactory(organization=organization, year=2023)
        for number in range(done + open_):
            add_task(
                approved,
                content=f"Việc {number}",
                timing="Trước ngày 15/03/2023",
                leads=[UnitRef(department_id=unit.pk)],
            )
        plan_submit(plan=approved, user=secretary)
        plan_approve(plan=approved, user=make_member(Role.DIRECTOR, org=organization))
        ids = list(WorkItem.objects.filter(organization=organization).values_list("pk", flat=True))
        WorkItem.objects.filter(pk__in=ids[:done]).update(
            status=WorkItemStatus.DONE, done_on=D(2023, 3, 1)
        )
    if audit:
        Audit.objects.create(
            organization=organization,
            year=2023,
            title="Đánh giá nội bộ năm 2023",
            lead_auditor=secretary,
            starts_on=D(2023, 9, 11),
            ends_on=D(2023, 9, 12),
            status=AuditStatus.FINISHED,
            finished_on=D(2023, 9, 12),
        )
    if review:
        ReviewFactory(organization=organization, chair=secretary, status=ReviewStatus.HELD)
    if sent:
        AnnualReport.objects.create(
            organization=organization,
            year=2023,
            status="approved",
            submitted_on=D(2023, 12, 10),
            accepted_on=D(2023, 12, 15) if accepted else None,
        )
    if declared_on:
        ConformityDeclaration.objects.create(
            organization=organization,
            number=f"{declared_on.year}/QĐ-{organization.document_symbol}",
            signed_on=declared_on,
            scope="Các TTHC thuộc thẩm quyền",
        )
    found, closed = nonconformities
    for number in range(found):
        nonconformity = nonconformity_register(
            organization=organization,
            user=secretary,
            source="internal_audit",
            severity="minor",
            department=unit,
            found_on=D(2023, 9, 12),
            description=f"Hồ sơ trễ hạn {number}",
        )
        if number < closed:
            Nonconformity.objects.filter(pk=nonconformity.pk).update(
                status=NonconformityStatus.CLOSED, closed_on=D(2023, 11, 1)
            )
    approved_objectives, achieved = objectives
    if approved_objectives:
        objective_set = ObjectiveSet.objects.create(
            organization=organization, year=2023, status=PlanStatus.APPROVED
        )
        for number in range(approved_objectives):
            objective = Objective.objects.create(
                objective_set=objective_set,
                statement=f"Mục tiêu {number}",
                indicator="Tỷ lệ hồ sơ đúng hạn",
                comparison="at_least",
                target_value=100,
                target_unit="%",
                frequency="yearly",
            )
            ObjectiveResult.objects.create(
                objective=objective,
                period_key="y",
                period_label="Năm 2023",
                value=100 if number < achieved else 90,
            )
    return organization


@pytest.fixture
def province(make_member, home):
    """Six agencies besides the coordinator's own: four departments, two communes; one closed
    since, another province's agency and a closed one without records of 2023 left out."""
    _agency(
        "Sở Tư pháp",
        make_member,
        done=3,
        open_=1,
        audit=True,
        review=True,
        sent=True,
        accepted=True,
        declared_on=D(2021, 3, 2),
        nonconformities=(3, 2),
        objectives=(2, 1),
    )
    _agency(
        "Sở Y tế",
        make_member,
        done=2,
        audit=True,
        sent=True,
        declared_on=D(2023, 5, 4),
        nonconformities=(1, 1),
    )
    _agency("Sở Xây dựng", make_member, plan=False)
    _agency(
        "UBND phường 1",
        make_member,
        kind=OrganizationKind.COMMUNE,
        done=1,
        open_=2,
        review=True,
        sent=True,
        objectives=(1, 1),
    )
    _agency("UBND xã An Bình", make_member, kind=OrganizationKind.COMMUNE, plan=False)
    merged = _agency("Sở Kế hoạch và Đầu tư", make_member, done=1, declared_on=D(2024, 1, 5))
    merged.is_active = False
    merged.save()
    closed_before = _agency("Sở cũ", make_member, plan=False)
    closed_before.is_active = False
    closed_before.save()
    _agency("Sở Tư pháp An Giang", make_member, province="An Giang", done=2, sent=True)


def test_the_figures_are_those_of_the_agencies_records(province):
    figures = consolidated_report(PROVINCE, 2023, TODAY)
    names = {agency.organization.name for agency in figures.agencies}
    assert names == {
        "Sở Nội vụ",
        "Sở Tư pháp",
        "Sở Y tế",
        "Sở Xây dựng",
        "UBND phường 1",
        "UBND xã An Bình",
        "Sở Kế hoạch và Đầu tư",  # closed since, counted for 2023
    }
    departments, communes, other = figures.by_kind
    assert (departments.agencies, communes.agencies, other.agencies) == (5, 2, 0)
    assert (departments.plan_approved, communes.plan_approved) == (3, 1)
    assert (departments.audit_held, departments.review_held) == (2, 1)
    assert (communes.audit_held, communes.review_held) == (0, 1)
    assert (departments.report_sent, departments.report_accepted) == (2, 1)
    assert (communes.report_sent, communes.report_accepted) == (1, 0)
    # declared by the year's end (the 2024 declaration does not count for 2023)
    assert (departments.declared, communes.declared) == (2, 0)
    assert (departments.done, departments.items, departments.overdue) == (6, 7, 1)
    assert (communes.done, communes.items, communes.overdue) == (1, 3, 2)
    assert (departments.objectives_achieved, departments.objectives) == (1, 2)
    assert (communes.objectives_achieved, communes.objectives) == (1, 1)
    assert (departments.nonconformities_opened, departments.nonconformities_closed) == (4, 3)
    total = figures.total
    assert (total.agencies, total.plan_approved, total.report_sent, total.declared) == (7, 4, 3, 2)
    assert (total.done, total.items, total.progress) == (7, 10, 70)
    assert [o.name for o in figures.without_plan] == ["Sở Nội vụ", "Sở Xây dựng", "UBND xã An Bình"]
    assert [o.name for o in figures.not_sent] == [
        "Sở Kế hoạch và Đầu tư",
        "Sở Nội vụ",
        "Sở Xây dựng",
        "UBND xã An Bình",
    ]
    justice = next(a for a in figures.agencies if a.organization.name == "Sở Tư pháp")
    symbol = Organization.objects.get(pk=justice.organization.pk).document_symbol
    assert justice.declaration.number == f"2021/QĐ-{symbol}"
    assert (justice.declared, justice.declared_in_year) == (True, False)
    assert [numeral for numeral, _kind, _agencies in figures.groups] == ["I", "II"]


def test_a_past_year_without_records_does_not_fail(province):
    figures = consolidated_report(PROVINCE, 2015, TODAY)
    assert figures.total.plan_approved == 0
    assert "Sở Kế hoạch và Đầu tư" not in {a.organization.name for a in figures.agencies}
    assert consolidated_report("", 2023, TODAY).total.agencies == 0


def test_the_page_does_not_grow_in_queries(
    client, coordinator, make_member, django_assert_max_num_queries
):
    for number in range(6):
        _agency(
            f"Sở số {number}",
            make_member,
            kind=OrganizationKind.COMMUNE if number % 2 else OrganizationKind.DEPARTMENT,
            done=1,
            open_=1,
            audit=True,
            sent=True,
            nonconformities=(1, 1),
            declared_on=D(2022, 1, 1),
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(30) as captured:
        response = client.get(reverse(URL), {"nam": 2023})
    assert response.context["figures"].total.agencies == 7
    for number in range(6, 12):
        _agency(
            f"Sở số {number}",
            make_member,
            kind=OrganizationKind.COMMUNE if number % 2 else OrganizationKind.DEPARTMENT,
            done=2,
            audit=True,
            sent=True,
            nonconformities=(2, 1),
            declared_on=D(2022, 1, 1),
        )
    with django_assert_max_num_queries(len(captured)):
        response = client.get(reverse(URL), {"nam": 2023})
    assert response.context["figures"].total.agencies == 13
    with django_assert_max_num_queries(len(captured)):
        assert client.get(reverse(f"{URL}_xlsx"), {"nam": 2023}).status_code == 200


def test_the_coordinator_reads_it_and_types_parts_three_and_four(client, coordinator, province):
    client.force_login(coordinator)
    assert reverse(URL) in client.get(reverse("reports:province"), {"nam": 2023}).content.decode()
    response = client.get(reverse(URL), {"nam": 2023})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sở Kế hoạch và Đầu tư" in page
    assert "Sở Tư pháp An Giang" not in page
    response = client.post(
        f"{reverse(URL)}?nam=2023",
        {"assessment": "Các cơ quan duy trì tốt HTQLCL.", "proposals": "Đề nghị tập huấn."},
    )
    assert response.status_code == 302
    texts = ConsolidatedReport.objects.get(province=PROVINCE, year=2023)
    assert (texts.assessment, texts.updated_by) == ("Các cơ quan duy trì tốt HTQLCL.", coordinator)
    # another year keeps its own texts
    assert client.get(reverse(URL), {"nam": 2022}).context["texts"].pk is None


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_three_downloads(client, coordinator, province):
    ConsolidatedReport.objects.create(
        province=PROVINCE, year=2023, assessment="Các cơ quan duy trì tốt HTQLCL."
    )
    client.force_login(coordinator)
    pdf = client.get(reverse(f"{URL}_pdf"), {"nam": 2023})
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(pdf.content).split())
    assert "SỞ NỘI VỤ" in text  # the coordinator's agency signs it
    assert "Số: /BC-SNV" in text
    assert "BÁO CÁO Tình hình áp dụng, duy trì và cải tiến" in text
    assert "trên địa bàn tỉnh năm 2023" in text
    assert "Năm 2023, trên địa bàn tỉnh Đồng Tháp có 7 cơ quan" in text
    assert "4/7 cơ quan, đơn vị có Kế hoạch" in text
    assert "Các cơ quan duy trì tốt HTQLCL." in text  # part III as typed
    assert "IV. KIẾN NGHỊ, ĐỀ XUẤT Nơi nhận:" in text  # part IV: lines to write on
    annex = text.split("PHỤ LỤC")[1]  # one row per agency
    assert "UBND xã An Bình" in annex
    assert "Sở Tư pháp An Giang" not in text
    landscape = PdfReader(io.BytesIO(pdf.content)).pages[-1].mediabox
    assert landscape.width > landscape.height  # the annex's wide table

    docx = client.get(reverse(f"{URL}_docx"), {"nam": 2023})
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(docx.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Năm 2023, trên địa bàn tỉnh Đồng Tháp có 7 cơ quan" in paragraphs
    assert "III. ĐÁNH GIÁ, KHÓ KHĂN, VƯỚNG MẮC\nCác cơ quan duy trì tốt HTQLCL." in paragraphs
    assert "IV. KIẾN NGHỊ, ĐỀ XUẤT\n……" in paragraphs
    annex = document.tables[-1]
    assert any(row.cells[1].text == "UBND phường 1" for row in annex.rows)
    assert document.sections[-1].page_width > document.sections[-1].page_height

    xlsx = client.get(reverse(f"{URL}_xlsx"), {"nam": 2023})
    assert xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    summary, agencies = workbook.worksheets
    assert summary.freeze_panes == agencies.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in summary.iter_rows()]
    assert rows[0][:2] == ["Loại cơ quan", "Số cơ quan"]
    assert rows[1][:3] == ["Sở, ban, ngành tỉnh", 5, 3]
    assert rows[-1][:3] == ["Tổng cộng", 7, 4]
    by_name = {row[1]: row for row in agencies.iter_rows(min_row=2, values_only=True)}
    figures = consolidated_report(PROVINCE, 2023, TODAY)
    assert set(by_name) == {agency.organization.name for agency in figures.agencies}
    justice = by_name["Sở Tư pháp"]
    assert justice[3:8] == ("Có", 3, 4, 75, 1)
    assert justice[-2:] == ("10/12/2023", "15/12/2023")
    assert agencies.column_dimensions["B"].width == 40


def test_refused_to_another_province_and_to_an_agency(client, make_member, province):
    elsewhere = OrganizationFactory(name="Sở Nội vụ An Giang", province="An Giang")
    other_coordinator = make_member(Role.PROVINCE_COORDINATOR, org=elsewhere)
    client.force_login(other_coordinator)
    response = client.get(reverse(URL), {"nam": 2023})
    assert response.status_code == 200  # their own province's, never Đồng Tháp's
    assert "Sở Tư pháp" not in {a.organization.name for a in response.context["figures"].agencies}
    assert "Sở Tư pháp An Giang" in response.content.decode()
    # acting in an agency of Đồng Tháp where they hold another role: refused
    justice = OrganizationFactory(name="Sở Tư pháp")
    MembershipFactory(user=other_coordinator, organization=justice, role=Role.STAFF)
    session = client.session
    session["organization_id"] = justice.pk
    session.save()
    assert client.get(reverse(URL), {"nam": 2023}).status_code == 403
    # an agency's secretary of Đồng Tháp
    secretary = make_member(Role.ISO_SECRETARY, org=justice)
    client.force_login(secretary)
    for name in (URL, f"{URL}_pdf", f"{URL}_docx", f"{URL}_xlsx"):
        assert client.get(reverse(name), {"nam": 2023}).status_code == 403
    assert client.post(reverse(URL), {"assessment": "x"}).status_code == 403
    assert not ConsolidatedReport.objects.exists()


def test_a_past_year_names_the_agencies_as_they_were_then(province):
    health = Organization.objects.get(name="Sở Y tế")
    OrganizationName.objects.create(
        organization=health, name="Sở Y tế cũ", document_symbol="SYT", until=D(2023, 6, 30)
    )
    names = {a.organization.name for a in consolidated_report(PROVINCE, 2022, TODAY).agencies}
    assert "Sở Y tế cũ" in names
    assert "Sở Y tế" not in names
    # this year's report: today's names
    names = {a.organization.name for a in consolidated_report(PROVINCE, 2023, TODAY).agencies}
    assert "Sở Y tế" in names


def test_long_lists_point_to_the_annex(client, coordinator, make_member):
    for number in range(21):
        _agency(f"UBND xã số {number:02d}", make_member, kind=OrganizationKind.COMMUNE, plan=False)
    client.force_login(coordinator)
    docx = client.get(reverse(f"{URL}_docx"), {"nam": 2023})
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Còn 22 cơ quan, đơn vị chưa có kế hoạch được phê duyệt (chi tiết tại Phụ lục)." in text
    assert "UBND xã số 00;" not in text
    # the screen names them all
    page = client.get(reverse(URL), {"nam": 2023}).content.decode()
    assert "UBND xã số 20" in page


def test_a_closed_agency_counts_for_any_record_of_the_year(make_member, home):
    """Not only the records the figures count: a draft plan, an audit still planned or a report
    not sent make a closed agency part of that year (counted as not having done them)."""
    draft = _agency("Sở có dự thảo", make_member, plan=False)
    PlanFactory(organization=draft, year=2023)  # a draft, never approved
    planned = _agency("Sở có kế hoạch đánh giá", make_member, plan=False)
    Audit.objects.create(
        organization=planned,
        year=2023,
        title="Đánh giá nội bộ năm 2023",
        lead_auditor=make_member(Role.ISO_SECRETARY, org=planned),
        starts_on=D(2023, 11, 6),
        ends_on=D(2023, 11, 7),
    )
    unsent = _agency("Sở có báo cáo chưa gửi", make_member, plan=False)
    AnnualReport.objects.create(organization=unsent, year=2023, status="draft")
    other_year = _agency("Sở có kế hoạch năm khác", make_member, plan=False)
    PlanFactory(organization=other_year, year=2022)
    for organization in (draft, planned, unsent, other_year):
        organization.is_active = False
        organization.save()

    figures = consolidated_report(PROVINCE, 2023, TODAY)

    counted = {agency.organization.name: agency.row for agency in figures.agencies}
    assert set(counted) == {
        "Sở Nội vụ",
        "Sở có dự thảo",
        "Sở có kế hoạch đánh giá",
        "Sở có báo cáo chưa gửi",
    }
    assert not counted["Sở có dự thảo"].plan_approved
    assert not counted["Sở có kế hoạch đánh giá"].audit_held
    assert counted["Sở có báo cáo chưa gửi"].report_submitted is None
    assert figures.total.report_sent == 0
