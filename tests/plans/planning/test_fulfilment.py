"""What completes a plan task ("Hoàn thành khi"): proposed from its words, chosen by the secretary,
and the records that close its items."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from audits.models import SatisfactionSurvey
from audits.review.services import survey_record
from plans.choices import Role
from plans.documents.services import document_review_record
from plans.models import PlanTask, WorkItem
from plans.planning.fulfilment import NONE, propose
from plans.planning.services.plan import plan_approve, plan_create, plan_submit
from plans.planning.services.task import TaskData, UnitRef, task_update
from reports.annual import declaration_record
from reports.models import ConformityDeclaration
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("content", "completion"),
    [
        # Phrasings of plans other than the three seeds.
        ("Ban hành Mục tiêu chất lượng năm 2025 của UBND xã", "objectives_approved"),
        ("Thiết lập MTCL của các phòng, đơn vị", "objectives_approved"),
        ("Tổng hợp, báo cáo kết quả thực hiện MTCL 6 tháng, năm", "objective_results"),
        ("Đánh giá mức độ hoàn thành mục tiêu chất lượng", "objective_results"),
        ("Xây dựng Chương trình đánh giá nội bộ năm 2025", "internal_audit_scheduled"),
        ("Phê duyệt kế hoạch đánh giá nội bộ", "internal_audit_scheduled"),
        ("Tổ chức đánh giá chất lượng nội bộ", "internal_audit_done"),
        ("Triển khai đánh giá nội bộ tại các bộ phận", "internal_audit_done"),
        ("Họp xem xét của lãnh đạo", "management_review_held"),
        ("Tổ chức cuộc họp xem xét lãnh đạo về HTQLCL", "management_review_held"),
        ("Thực hiện hành động khắc phục sau đánh giá nội bộ", "audit_findings_closed"),
        ("Khắc phục các điểm không phù hợp", "audit_findings_closed"),
        ("Rà soát hệ thống văn bản, quy trình nội bộ", "documents_reviewed"),
        ("Tổ chức khảo sát mức độ hài lòng của người dân", "satisfaction_survey_done"),
        ("Công bố lại HTQLCL phù hợp TCVN ISO 9001:2015", "conformity_declared"),
        (
            "Báo cáo tình hình áp dụng, duy trì HTQLCL gửi Sở Khoa học và Công nghệ",
            "annual_report_sent",
        ),
        # A training recorded (plans/training/).
        ("Đào tạo nhận thức về TCVN ISO 9001:2015 cho công chức mới", "training_held"),
        (
            "Hướng dẫn thực hiện các quy định của HTQLCL khi có công chức, viên chức được bố trí "
            "công việc mới",
            "onboarding_recorded",
        ),
        # Nothing a record shows: the units mark it done.
        ("Xem xét, đề xuất giải pháp về kết quả khảo sát sự hài lòng", ""),
        ("Rà soát, bổ sung Mục tiêu chất lượng đã ban hành", ""),
    ],
)
def test_the_completion_is_proposed_from_the_tasks_words(content, completion):
    assert propose(content) == completion


def test_the_secretarys_choice_stands_through_approval_and_copy(organization, secretary, director):
    plan = PlanFactory(organization=organization, year=2022)
    proposed = add_task(plan, content="Họp xem xét của Lãnh đạo", timing="Tháng 12/2022")
    chosen = add_task(plan, content="Tổ chức đánh giá nội bộ", timing="Tháng 10/2022")
    none = add_task(plan, content="Tiến hành đánh giá nội bộ lần 2", timing="Tháng 11/2022")
    for task, choice in ((chosen, "internal_audit_scheduled"), (none, NONE)):
        task_update(
            task=task,
            data=TaskData(
                content=task.content,
                timing_text=task.timing_text,
                leads=[UnitRef(party="iso_secretary")],
                fulfilled_by=choice,
            ),
            expected_version=task.lock_version,
        )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    next_year = plan_create(organization=organization, year=2023, copy_from=plan)
    for p in (plan, next_year):
        assert dict(p.tasks.values_list("content", "fulfilled_by")) == {
            "Họp xem xét của Lãnh đạo": "management_review_held",
            "Tổ chức đánh giá nội bộ": "internal_audit_scheduled",
            "Tiến hành đánh giá nội bộ lần 2": "",
        }
    assert PlanTask.objects.get(pk=proposed.pk).fulfilled_by_manual is False


def test_the_task_form_shows_and_changes_the_completion(client, organization, secretary):
    plan = PlanFactory(organization=organization, year=2022)
    task = add_task(plan, content="Họp xem xét của Lãnh đạo", timing="Tháng 12/2022")
    client.force_login(secretary)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Hoàn thành khi: Biên bản họp xem xét của lãnh đạo được phê duyệt" in page
    response = client.post(
        reverse("plans:task_edit", args=[task.pk]),
        {
            "content": task.content,
            "timing_text": task.timing_text,
            "leads": ["p:iso_secretary"],
            "fulfilled_by": NONE,
            "lock_version": task.lock_version,
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.fulfilled_by, task.fulfilled_by_manual) == ("", True)


@pytest.fixture
def approved(organization, secretary, director, department):
    """Approved plans of 2022 and 2023 with the same survey and declaration tasks, and a draft of
    2024."""
    plans = {}
    for year in (2022, 2023, 2024):
        plan = PlanFactory(organization=organization, year=year)
        add_task(
            plan,
            content="Tổ chức khảo sát sự hài lòng của người dân",
            timing=f"Tháng 11/{year}",
            leads=[UnitRef(department_id=department.pk)],
        )
        add_task(plan, content="Công bố lại HTQLCL", timing=f"Quý IV/{year}")
        if year < 2024:
            plan_submit(plan=plan, user=secretary)
            plan_approve(plan=plan, user=director)
        plans[year] = plan
    return plans


def test_a_record_completes_only_its_years_approved_plan(approved, organization, secretary):
    with time_machine.travel(datetime.datetime(2023, 12, 5, 2, tzinfo=datetime.UTC)):
        survey_record(
            survey=SatisfactionSurvey(
                period_start=D(2023, 1, 1),
                period_end=D(2023, 11, 30),
                method="paper",
                responses=120,
                satisfied_percent=95,
            ),
            organization=organization,
            user=secretary,
        )
        declaration_record(
            declaration=ConformityDeclaration(
                number="12/QĐ-SLĐTBXH", signed_on=D(2023, 12, 1), scope="Toàn bộ hoạt động"
            ),
            organization=organization,
            user=secretary,
        )
    done = WorkItem.objects.filter(status="done")
    assert set(done.values_list("task__plan__year", "task__content", "done_on")) == {
        (2023, "Tổ chức khảo sát sự hài lòng của người dân", D(2023, 11, 30)),
        (2023, "Công bố lại HTQLCL", D(2023, 12, 1)),
    }
    assert {item.closed_by_record.__class__.__name__ for item in done} == {
        "SatisfactionSurvey",
        "ConformityDeclaration",
    }
    # The unit's item was closed by the person who recorded the survey.
    assert set(done.values_list("completed_by", flat=True)) == {secretary.pk}


def test_the_last_document_review_of_the_year_completes_the_review_task(
    organization, secretary, director, department
):
    """Two documents due for review in 2023: the plan's review task is done when the second is."""
    from tests.plans.documents.test_documents import _document, _issue

    documents = []
    for code in ("QT-05", "QT-06"):
        document = _document(organization, department, secretary, code=code)
        _issue(document, secretary, director, issued=D(2023, 3, 1))  # next review: 5/9/2023
        documents.append(document)
    plan = PlanFactory(organization=organization, year=2023)
    task = add_task(plan, content="Rà soát các quy trình nội bộ", timing="Tháng 9/2023")
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    with time_machine.travel(datetime.datetime(2023, 9, 6, 2, tzinfo=datetime.UTC)):
        document_review_record(
            document=documents[0], user=secretary, reviewed_on=D(2023, 8, 28), note="Phù hợp"
        )
        assert task.work_items.open().exists()
        document_review_record(
            document=documents[1], user=secretary, reviewed_on=D(2023, 9, 4), note="Phù hợp"
        )
    [item] = task.work_items.all()
    assert (item.status, item.done_on) == ("done", D(2023, 9, 4))


def test_the_secretary_changes_the_completion_of_an_approved_plans_task(
    client, organization, secretary, director, department, make_member
):
    plan = PlanFactory(organization=organization, year=2022)
    task = add_task(plan, content="Đánh giá sự hài lòng của người dân", timing="Tháng 11/2022")
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    url = reverse("plans:task_fulfilment", args=[task.pk])
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    assert client.post(url, {"fulfilled_by": "satisfaction_survey_done"}).status_code == 403
    client.force_login(secretary)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Hoàn thành khi: các đơn vị tự đánh dấu hoàn thành" in page
    assert url in page
    response = client.post(url, {"fulfilled_by": "satisfaction_survey_done"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.fulfilled_by, task.fulfilled_by_manual) == ("satisfaction_survey_done", True)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Hoàn thành khi: Kết quả khảo sát sự hài lòng được ghi nhận" in page
