"""Quality objectives: achievement, quality check, workflow, measurement items, results, report."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from plans.choices import PlanStatus, Role
from plans.models import WorkItem
from plans.objectives.choices import Comparison, Frequency
from plans.objectives.models import Objective, ObjectiveResult, ObjectiveSet, result_verdict
from plans.objectives.selectors import achievement_report
from plans.objectives.services import (
    objective_quality,
    objectives_approve,
    objectives_copy,
    objectives_return,
    objectives_submit,
    result_record,
)
from plans.planning.services.plan import PlanWorkflowError
from tests.factories import DepartmentFactory, add_objective
from tests.printouts import docx_document, docx_paragraphs, docx_rows, docx_text, file_name

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def agency_set(organization):
    return ObjectiveSet.objects.create(organization=organization, year=2022)


@pytest.fixture
def unit_set(organization, department):
    return ObjectiveSet.objects.create(organization=organization, year=2022, department=department)


@pytest.mark.parametrize(
    ("comparison", "target", "value", "done", "achieved"),
    [
        (Comparison.AT_LEAST, 95, Decimal(96), None, True),
        (Comparison.AT_LEAST, 95, Decimal(95), None, True),
        (Comparison.AT_LEAST, 95, Decimal("94.9"), None, False),
        (Comparison.AT_MOST, 0, Decimal(0), None, True),
        (Comparison.AT_MOST, 0, Decimal(1), None, False),
        (Comparison.EXACTLY, 12, Decimal(12), None, True),
        (Comparison.EXACTLY, 12, Decimal(11), None, False),
        (Comparison.YES, None, None, True, True),
        (Comparison.YES, None, None, False, False),
        (Comparison.AT_LEAST, 95, None, None, None),  # not measured
        (Comparison.YES, None, None, None, None),
    ],
)
def test_achievement_for_every_comparison(agency_set, comparison, target, value, done, achieved):
    objective = add_objective(
        agency_set, comparison=comparison, target_value=None if target is None else Decimal(target)
    )
    assert objective.achieved(value, done) is achieved
    # The database's verdict (the province's figures) is the same.
    ObjectiveResult.objects.create(
        objective=objective, period_key="q-1", period_label="Quý 1", value=value, done=done
    )
    assert _verdict_in_sql(objective) == {True: 1, False: 0, None: None}[achieved]


def _verdict_in_sql(objective):
    rows = Objective.objects.filter(pk=objective.pk).annotate(verdict=result_verdict())
    return rows.values_list("verdict", flat=True).get()


def test_the_databases_verdict_takes_the_override_and_nothing_measured_is_none(agency_set):
    objective = add_objective(agency_set, target_value=Decimal(95))
    assert _verdict_in_sql(objective) is None  # no result yet
    ObjectiveResult.objects.create(
        objective=objective,
        period_key="q-1",
        period_label="Quý 1",
        value=Decimal(90),
        achieved_override=True,
        override_reason="Chỉ tiêu điều chỉnh giữa kỳ",
    )
    assert _verdict_in_sql(objective) == 1


def test_an_override_wins_and_needs_a_reason(agency_set, secretary):
    objective = add_objective(agency_set)
    agency_set.status = PlanStatus.APPROVED
    agency_set.save()
    with pytest.raises(PlanWorkflowError):
        result_record(
            objective=objective,
            period_key="q-1",
            user=secretary,
            value=Decimal(99),
            achieved_override=True,
        )
    result = result_record(
        objective=objective,
        period_key="q-1",
        user=secretary,
        value=Decimal(99),
        achieved_override=True,
        override_reason="2 hồ sơ trễ do lỗi hệ thống của tỉnh",
    )
    assert result.achieved is True
    assert objective.achieved(result.value, None) is False


@pytest.mark.parametrize(
    ("statement", "indicator", "comparison", "target", "unit", "with_department", "missing"),
    [
        (
            "100% hồ sơ TTHC của Sở giải quyết đúng hạn năm 2022",
            "Tỷ lệ",
            "at_least",
            100,
            "%",
            False,
            [],
        ),
        (
            "Nâng cao chất lượng phục vụ",
            "",
            "at_least",
            None,
            "",
            False,
            ["specific", "measurable", "time_bound", "scoped"],
        ),
        (
            "Giải quyết hồ sơ đúng hạn cho người dân",
            "Tỷ lệ",
            "at_least",
            120,
            "%",
            True,
            ["time_bound", "feasible"],
        ),
        ("Tỷ lệ hài lòng đạt cao hằng quý", "Tỷ lệ", "yes", None, "", True, []),
    ],
)
def test_the_quality_check(
    agency_set, department, statement, indicator, comparison, target, unit, with_department, missing
):
    objective = add_objective(
        agency_set,
        statement=statement,
        indicator=indicator,
        comparison=comparison,
        target_value=None if target is None else Decimal(target),
        target_unit=unit,
        department=department if with_department else None,
    )
    assert objective_quality(objective) == missing


def test_approval_creates_a_measurement_item_per_period(
    agency_set, secretary, director, department
):
    add_objective(agency_set, department=department)
    add_objective(
        agency_set,
        statement="Không có khiếu nại về thái độ phục vụ trong năm 2022",
        frequency=Frequency.SEMIANNUAL,
        comparison=Comparison.AT_MOST,
        target_value=Decimal(0),
    )
    objectives_submit(objective_set=agency_set, user=secretary)
    objectives_approve(objective_set=agency_set, user=director)
    items = list(
        WorkItem.objects.order_by("objective__pk", "due_date").values_list(
            "period_label", "due_date", "department", "party"
        )
    )
    # Results due 10 days after the period, on a working day (10/04/2022 is a Sunday).
    assert items[:4] == [
        ("Quý I", D(2022, 4, 12), department.pk, ""),  # 11/4 is the Hùng Kings' day off
        ("Quý II", D(2022, 7, 11), department.pk, ""),
        ("Quý III", D(2022, 10, 10), department.pk, ""),
        ("Quý IV", D(2023, 1, 10), department.pk, ""),
    ]
    assert items[4:] == [
        ("6 tháng đầu năm", D(2022, 7, 11), None, "iso_secretary"),
        ("6 tháng cuối năm", D(2023, 1, 10), None, "iso_secretary"),
    ]
    assert set(WorkItem.objects.values_list("year", flat=True)) == {2022}


def test_the_workflow_with_a_return(agency_set, secretary, director):
    with pytest.raises(PlanWorkflowError):
        objectives_submit(objective_set=agency_set, user=secretary)  # empty
    add_objective(agency_set)
    objectives_submit(objective_set=agency_set, user=secretary)
    with pytest.raises(PlanWorkflowError):
        objectives_return(objective_set=agency_set, user=director, comment="")
    objectives_return(objective_set=agency_set, user=director, comment="Bổ sung chỉ tiêu hài lòng")
    agency_set.refresh_from_db()
    assert (agency_set.status, agency_set.return_comment) == ("draft", "Bổ sung chỉ tiêu hài lòng")
    with pytest.raises(PlanWorkflowError):
        objectives_approve(objective_set=agency_set, user=director)  # a draft
    assert WorkItem.objects.count() == 0


def test_entering_a_result_closes_the_periods_work_item(client, agency_set, secretary, director):
    objective = add_objective(agency_set)
    objectives_submit(objective_set=agency_set, user=secretary)
    objectives_approve(objective_set=agency_set, user=director)
    client.force_login(secretary)
    url = reverse("plans:result_edit", args=[objective.pk, "q-1"])
    response = client.post(url, {"value": "", "comment": "chưa có số liệu"})
    assert "Hãy nhập kết quả đo được" in response.content.decode()
    client.post(url, {"value": "98.5", "comment": "3 hồ sơ trễ hạn"})
    result = ObjectiveResult.objects.get()
    assert (result.value, result.achieved) == (Decimal("98.5"), False)
    item = WorkItem.objects.get(period_key="q-1")
    assert (item.status, item.completed_by) == ("done", secretary)
    assert WorkItem.objects.filter(status="done").count() == 1


def test_a_unit_head_edits_only_their_units_objectives(
    client, make_member, department, organization, unit_set, agency_set
):
    other_unit = DepartmentFactory(organization=organization)
    other_set = ObjectiveSet.objects.create(
        organization=organization, year=2022, department=other_unit
    )
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=department))
    data = {
        "statement": "100% hồ sơ của phòng giải quyết đúng hạn năm 2022",
        "indicator": "Tỷ lệ",
        "comparison": "at_least",
        "target_value": "100",
        "target_unit": "%",
        "method": "",
        "frequency": "quarterly",
        "department": department.pk,
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("plans:objective_add", args=[unit_set.pk]), data)
    assert response.status_code == 302
    assert unit_set.objectives.count() == 1
    assert client.post(reverse("plans:objective_add", args=[other_set.pk]), data).status_code == 403
    assert (
        client.post(reverse("plans:objective_add", args=[agency_set.pk]), data).status_code == 403
    )
    # Results too.
    foreign = add_objective(other_set)
    other_set.status = PlanStatus.APPROVED
    other_set.save()
    assert client.get(reverse("plans:result_edit", args=[foreign.pk, "q-1"])).status_code == 403


def test_objectives_are_copied_from_last_year(client, secretary, agency_set):
    add_objective(agency_set).actions.create(
        action="Rà soát hồ sơ trễ hạn", timing_text="Hằng tháng năm 2022"
    )
    copy = objectives_copy(source=agency_set, year=2023)
    objective = copy.objectives.get()
    assert objective.statement.endswith("trong năm 2023")
    assert objective.actions.get().timing_text == "Hằng tháng năm 2023"
    assert copy.status == "draft"

    client.force_login(secretary)
    response = client.post(reverse("plans:objective_set_list"), {"year": 2023, "copy": "on"})
    assert "Đã có bộ mục tiêu này cho năm 2023" in response.content.decode()


def test_the_report_counts_and_downloads(client, agency_set, secretary, director):
    first = add_objective(agency_set)
    second = add_objective(
        agency_set,
        statement="Không có khiếu nại trong năm 2022",
        comparison=Comparison.AT_MOST,
        target_value=Decimal(0),
    )
    add_objective(agency_set, statement="Tỷ lệ hài lòng từ 95% năm 2022", target_value=Decimal(95))
    objectives_submit(objective_set=agency_set, user=secretary)
    objectives_approve(objective_set=agency_set, user=director)
    result_record(objective=first, period_key="q-1", user=secretary, value=Decimal(100))
    result_record(objective=first, period_key="q-2", user=secretary, value=Decimal(100))
    result_record(objective=second, period_key="q-1", user=secretary, value=Decimal(2))
    report = achievement_report(agency_set, up_to="2")
    assert (
        report["total"],
        report["achieved"],
        report["not_achieved"],
        report["not_measured"],
    ) == (3, 1, 1, 1)
    assert [len(row.cells) for row in report["rows"]] == [2, 2, 2]

    client.force_login(director)
    page = client.get(reverse("plans:objective_report", args=[agency_set.pk]), {"quy": "2"})
    assert "1/3 mục tiêu đạt" in page.content.decode()
    assert "<svg" in page.content.decode()
    pdf = client.get(reverse("reports:objective_report_pdf", args=[agency_set.pk]), {"quy": "2"})
    assert pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from openpyxl import load_workbook

    xlsx = client.get(reverse("reports:objective_report_xlsx", args=[agency_set.pk]))
    rows = list(load_workbook(BytesIO(xlsx.content)).worksheets[0].values)
    assert len(rows) == 1 + 3 + 1
    assert rows[-1][0] == "Tổng cộng"


def test_pages_do_not_grow_in_queries_with_objectives(
    client, agency_set, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)

    def count(url):
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    detail = reverse("plans:objective_set_detail", args=[agency_set.pk])
    report = reverse("plans:objective_report", args=[agency_set.pk])
    add_objective(agency_set)
    few = (count(detail), count(report))
    for n in range(8):
        objective = add_objective(agency_set, statement=f"Mục tiêu {n} của Sở năm 2022")
        objective.actions.create(action="Hoạt động", timing_text="Quý II")
    assert (count(detail), count(report)) == few


def test_a_measurement_shows_on_the_units_work_page(
    client, unit_set, secretary, director, make_member, department
):
    add_objective(unit_set, department=department)
    objectives_submit(objective_set=unit_set, user=secretary)
    objectives_approve(objective_set=unit_set, user=director)
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=department))
    page = client.get(reverse("plans:unit_work"), {"group": "overdue"}).content.decode()
    assert "100% hồ sơ TTHC được giải quyết đúng hạn" in page
    items = WorkItem.objects.filter(department=department)
    assert items.count() == 4
    detail = client.get(reverse("plans:work_item_detail", args=[items.first().pk])).content.decode()
    assert "Mục tiêu chất lượng năm 2022" in detail


def test_the_report_in_word_has_the_letterhead_the_summary_and_eachadd_objective(
    client, agency_set, secretary, director, make_member, other_organization, admin_user
):
    first = add_objective(agency_set)
    second = add_objective(
        agency_set,
        statement="Không có khiếu nại trong năm 2022",
        comparison=Comparison.AT_MOST,
        target_value=Decimal(0),
    )
    objectives_submit(objective_set=agency_set, user=secretary)
    objectives_approve(objective_set=agency_set, user=director)
    result_record(objective=first, period_key="q-1", user=secretary, value=Decimal(100))
    result_record(objective=second, period_key="q-1", user=secretary, value=Decimal(2))
    url = reverse("reports:objective_report_docx", args=[agency_set.pk])
    client.force_login(make_member(Role.STAFF))
    response = client.get(url, {"quy": "1"})
    assert file_name(response) == "BC-MTCL-SLĐTBXH-2022-Q1.docx"
    document = docx_document(response)
    assert "Số:       /BC-SLĐTBXH" in docx_rows(document.tables[0])[0][0]
    paragraphs = docx_paragraphs(document)
    assert paragraphs[:2] == [
        "BÁO CÁO",
        "Kết quả thực hiện mục tiêu chất lượng quý 1 năm 2022 của Sở Lao động – Thương binh và "
        "Xã hội",
    ]
    assert paragraphs[2] == (
        "Trong 2 mục tiêu chất lượng: 1 mục tiêu đạt, 1 mục tiêu không đạt, 0 mục tiêu chưa đo."
    )
    rows = docx_rows(document.tables[1])
    assert [(row[1], row[3], row[4]) for row in rows[1:]] == [
        ("100% hồ sơ TTHC được giải quyết đúng hạn trong năm 2022", "Quý I: 100", "Đạt"),
        ("Không có khiếu nại trong năm 2022", "Quý I: 2", "Không đạt"),
    ]
    assert "Nơi nhận:" in docx_text(document)
    assert file_name(client.get(url)) == "BC-MTCL-SLĐTBXH-2022.docx"  # the whole year
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(url).status_code == 404
    client.force_login(admin_user)  # no agency to act in
    assert client.get(url).status_code == 404
