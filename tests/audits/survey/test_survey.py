"""Satisfaction surveys: the questionnaire from the agency's template and its guard, paper forms,
the tally, closing (the plan's task, the review's and the annual report's inputs), the report."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from audits.models import ManagementReview, SatisfactionSurvey
from audits.review.services import review_facts
from audits.survey.choices import SurveyStatus
from audits.survey.models import Survey, SurveyQuestion, SurveyResponse, TemplateQuestion
from audits.survey.selectors import survey_tally
from audits.survey.services import (
    SurveyError,
    question_add,
    question_change,
    question_move,
    question_remove,
    response_submit,
    survey_close,
    survey_reopen,
    template_questions,
)
from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from reports.annual import annual_facts
from reports.models import AnnualReport
from tests.audits.survey.conftest import form_data
from tests.factories import DepartmentFactory, PlanFactory, add_task
from tests.printouts import docx_document, docx_text, file_name

pytestmark = pytest.mark.django_db


def _answer(survey, scores: list[int], *, comment="", department=None, procedure="", **kw):
    """One form: the scale questions answered in order with ``scores``."""
    scale = list(survey.questions.filter(kind="scale"))
    answers = {q.pk: s for q, s in zip(scale, scores, strict=False)}
    if comment:
        answers[survey.questions.get(kind="text").pk] = comment
    return response_submit(
        survey=survey,
        answers=answers,
        channel=kw.pop("channel", "online"),
        department=department,
        procedure=procedure,
        **kw,
    )


def test_a_new_survey_copies_the_agencys_questionnaire(survey, organization):
    template = list(template_questions(organization).values_list("kind", "text", "required"))
    assert len(template) == 9
    assert list(survey.questions.values_list("kind", "text", "required")) == template
    assert any("thái độ" in text for _, text, _ in template)  # staff attitude
    # Editing the template later changes no survey already planned.
    first = TemplateQuestion.objects.filter(organization=organization).first()
    question_change(question=first, kind="scale", text="Câu hỏi mới", required=True)
    assert not survey.questions.filter(text="Câu hỏi mới").exists()


def test_questions_cannot_change_destructively_once_answered(survey, department):
    question = survey.questions.first()
    question_change(question=question, kind="scale", text="Nơi tiếp nhận dễ tìm", required=True)
    _answer(survey, [5] * 8)
    for step in (
        lambda: question_change(question=question, kind="text", text="Khác", required=False),
        lambda: question_remove(question=question),
    ):
        with pytest.raises(SurveyError, match="đã có phiếu trả lời"):
            step()
    # Adding a question and reordering lose no answer.
    added = question_add(owner=survey, kind="scale", text="Giờ làm việc hợp lý", required=False)
    assert added.order == 10
    question_move(question=added, up=True)
    assert list(survey.questions.values_list("pk", flat=True))[-2] == added.pk
    assert SurveyQuestion.objects.get(pk=question.pk).text == "Nơi tiếp nhận dễ tìm"


def test_the_questions_page_explains_why_a_question_is_locked(client, survey, secretary):
    _answer(survey, [4] * 8)
    client.force_login(secretary)
    page = client.get(reverse("audits:survey_questions", args=[survey.pk])).content.decode()
    assert "Lúc này chỉ có thể thêm câu hỏi mới và đổi thứ tự" in page
    question = survey.questions.first()
    url = reverse("audits:survey_question", args=[question.pk])
    response = client.post(url, {"step": "remove"}, follow=True)
    assert "đã có phiếu trả lời" in response.content.decode()
    assert SurveyQuestion.objects.filter(pk=question.pk).exists()


def test_staff_type_in_a_paper_form(client, survey, make_member, department):
    desk = make_member(Role.STAFF, department=department)
    client.force_login(desk)
    url = reverse("audits:survey_paper", args=[survey.pk])
    day = timezone.localdate() - datetime.timedelta(days=1)
    if day.year != survey.year:
        day = timezone.localdate()
    data = form_data(
        survey,
        3,
        submitted_on=f"{day:%d/%m/%Y}",
        department=department.pk,
        procedure="Cấp giấy phép lao động",
    )
    assert client.post(url, data).status_code == 302
    response = SurveyResponse.objects.get()
    assert (response.channel, response.entered_by, response.submitted_on) == ("paper", desk, day)
    assert (response.department, response.procedure) == (department, "Cấp giấy phép lao động")
    # A date outside the period is refused, what was typed kept.
    data["submitted_on"] = f"01/01/{survey.year - 1}"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Ngày của phiếu phải nằm trong thời gian khảo sát" in refused.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_the_tally_counts_each_scale_point_unit_and_procedure(survey, department, organization):
    other = DepartmentFactory(organization=organization, name="Phòng Lao động – Việc làm")
    survey.departments.add(other)
    _answer(survey, [5, 4, 1], department=department, procedure="Cấp giấy phép lao động")
    _answer(survey, [4, 2, 3], department=department, comment="Cần thêm ghế chờ")
    _answer(survey, [3, 5], department=other, channel="paper", user=None)
    _answer(survey, [5, 5, 5], procedure="Cấp giấy phép lao động", comment="Tốt")

    tally = survey_tally(survey)
    assert (tally.responses, tally.online, tally.paper) == (4, 3, 1)
    first, second, third = tally.questions[:3]
    assert first.counts == [0, 0, 1, 1, 2]
    assert (first.answered, first.satisfied, first.satisfied_percent) == (4, 3, Decimal("75.00"))
    assert first.mean == Decimal("4.25")
    assert second.counts == [0, 1, 0, 1, 2]
    assert third.counts == [1, 0, 1, 0, 1]  # not answered on the third form
    assert third.answered == 3
    assert tally.questions[3].answered == 0
    assert tally.questions[3].satisfied_percent is None
    # 11 answers on the scale, 7 of them 4 or 5.
    assert (tally.answered, tally.satisfied) == (11, 7)
    assert tally.satisfied_percent == Decimal("63.64")
    by_unit = {g.label: (g.responses, g.satisfied_percent) for g in tally.units}
    assert by_unit == {
        "Phòng Người có công": (2, Decimal("50.00")),  # 5,4,1 and 4,2,3
        "Phòng Lao động – Việc làm": (1, Decimal("50.00")),
        "—": (1, Decimal("100.00")),
    }
    by_procedure = {g.label: g.responses for g in tally.procedures}
    assert by_procedure == {"Cấp giấy phép lao động": 2, "—": 2}
    assert tally.comments == 2


def test_the_tally_page_reads_a_fixed_number_of_queries(
    client, survey, secretary, department, django_assert_max_num_queries
):
    client.force_login(secretary)
    url = reverse("audits:survey_detail", args=[survey.pk])
    for n in range(5):
        _answer(survey, [5, 4, 3], department=department, comment=f"Ý kiến {n}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(60):
        _answer(survey, [n % 5 + 1] * 8, department=department, comment=f"Góp ý {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["comments"].object_list) == 20  # paged
    list_url = reverse("audits:survey_list")
    with django_assert_max_num_queries(12):
        assert client.get(list_url).status_code == 200


@pytest.fixture
def approved_plan(organization, secretary, director, department):
    year = timezone.localdate().year
    plan = PlanFactory(organization=organization, year=year)
    task = add_task(
        plan,
        content="Xây dựng Kế hoạch, tổ chức đánh giá sự hài lòng của khách hàng",
        timing=f"Tháng 12/{year}",
        leads=[UnitRef(department_id=department.pk)],
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    task.refresh_from_db()
    assert task.fulfilled_by == "satisfaction_survey_done"
    return plan


def test_closing_completes_the_plan_task_and_feeds_the_review_and_annual_report(
    approved_plan, survey, secretary, director, organization
):
    for scores in ([5] * 8, [4] * 8, [2] * 8):
        _answer(survey, scores, comment="Góp ý")
    item = WorkItem.objects.get(task__plan=approved_plan)
    assert item.status != WorkItemStatus.DONE

    survey_close(survey=survey, user=secretary)
    survey.refresh_from_db()
    item.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    assert item.status == WorkItemStatus.DONE
    assert item.closed_by_record == survey
    assert item.completed_by == secretary
    summary = survey.summary
    assert (summary.responses, summary.satisfied_percent) == (3, Decimal("66.67"))
    assert survey.title in summary.method
    # What the management review and the annual report read.
    year = survey.year
    review = ManagementReview.objects.create(
        organization=organization,
        year=year,
        title="Họp xem xét",
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        meeting_on=datetime.date(year, 12, 31),
        starts_at=datetime.time(8),
        place="Phòng họp",
        chair=director,
        participants="Lãnh đạo",
    )
    assert review_facts(review).surveys == [summary]
    report = AnnualReport.objects.create(organization=organization, year=year)
    assert annual_facts(report).surveys == [summary]

    # Reopened (late paper forms): the results are withdrawn and the task is open again.
    survey_reopen(survey=survey, user=secretary)
    item.refresh_from_db()
    assert item.status != WorkItemStatus.DONE
    assert not SatisfactionSurvey.objects.exists()
    assert review_facts(review).surveys == []
    _answer(survey, [5] * 8)
    survey_close(survey=Survey.objects.get(pk=survey.pk), user=secretary)
    assert SatisfactionSurvey.objects.get().responses == 4
    assert WorkItem.objects.get(pk=item.pk).status == WorkItemStatus.DONE


def test_closing_twice_is_refused(survey, secretary):
    survey_close(survey=survey, user=secretary)
    with pytest.raises(SurveyError):
        survey_close(survey=Survey.objects.get(pk=survey.pk), user=secretary)
    assert SatisfactionSurvey.objects.count() == 1


def test_the_results_report_prints_the_tally(client, survey, secretary, department):
    _answer(survey, [5, 4, 3, 2, 1, 5, 5, 4], department=department, comment="Cần thêm ghế chờ")
    _answer(survey, [4] * 8, procedure="Cấp giấy phép lao động")
    client.force_login(secretary)

    pdf = client.get(reverse("reports:survey_report_pdf", args=[survey.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in ("BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cần thêm ghế chờ"):
        assert expected in text
    assert file_name(pdf).startswith("BC-KSHL-SLĐTBXH-")

    document = docx_document(client.get(reverse("reports:survey_report_docx", args=[survey.pk])))
    words = docx_text(document)
    assert "thu về 2 phiếu (2 phiếu trực tuyến, 0 phiếu giấy)" in words
    assert "Phòng Người có công" in words
    assert "Cấp giấy phép lao động" in words
    # 16 answers on the scale, 13 of them 4 or 5.
    assert (
        "Tỷ lệ hài lòng chung (mức “Hài lòng” và “Rất hài lòng” trên tổng số câu trả lời "
        "theo thang điểm): 81,25%" in words
    )

    xlsx = client.get(reverse("reports:survey_report_xlsx", args=[survey.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    first = next(row for row in rows if row[0] in (1, "1"))
    assert [str(v) for v in first[2:7]] == ["0", "0", "0", "1", "1"]
    assert str(first[9]) == "100.00"


def test_people_of_another_agency_do_not_see_the_survey(
    client, survey, make_member, other_organization
):
    outsider = make_member(Role.ISO_SECRETARY, org=other_organization)
    client.force_login(outsider)
    for name in ("audits:survey_detail", "audits:survey_paper", "reports:survey_report_pdf"):
        assert client.get(reverse(name, args=[survey.pk])).status_code == 404, name


def test_the_plan_defaults_and_validation(client, secretary, organization):
    client.force_login(secretary)
    url = reverse("audits:survey_create")
    page = client.get(url)
    assert "Khảo sát sự hài lòng của người dân, tổ chức năm" in page.content.decode()
    year = timezone.localdate().year
    refused = client.post(
        url,
        {
            "title": "Khảo sát quý IV",
            "year": year,
            "period_start": f"31/12/{year}",
            "period_end": f"01/10/{year}",
            "method": "desk",
            "target_responses": 100,
        },
    )
    assert "Ngày kết thúc trước ngày bắt đầu" in refused.content.decode()
    assert 'value="Khảo sát quý IV"' in refused.content.decode()
    assert not Survey.objects.exists()
    created = client.post(
        url,
        {
            "title": "Khảo sát quý IV",
            "year": year,
            "period_start": f"01/10/{year}",
            "period_end": f"31/12/{year}",
            "method": "desk",
            "target_responses": 100,
        },
    )
    survey = Survey.objects.get()
    assert created.status_code == 302
    assert (survey.status, survey.questions.count()) == (SurveyStatus.PREPARING, 9)


def test_the_secretary_prints_slips_and_the_qr_sheet(client, survey, secretary):
    client.force_login(secretary)
    url = reverse("audits:survey_tokens", args=[survey.pk])
    assert client.post(url, {"count": 3}).status_code == 302
    assert client.post(url, {"count": 501}).status_code == 200  # refused: at most 500 at once
    page = client.get(url).content.decode()
    codes = list(survey.tokens.values_list("code", flat=True))
    assert len(codes) == 3
    for code in codes:
        assert code in page
    assert page.count('src="data:image/svg+xml') == 3
    sheet = client.get(reverse("audits:survey_qr", args=[survey.pk])).content.decode()
    assert f"http://127.0.0.1:8000/y-kien/{survey.public_key}/" in sheet
    assert 'src="data:image/svg+xml' in sheet
