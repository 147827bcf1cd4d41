"""Management review: inputs from the period's data, decisions as work items, holding, approval."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from audits.internal_audit.services import audit_finish, finding_record
from audits.models import Audit, AuditSession, ManagementReview, SatisfactionSurvey
from audits.nonconformity.choices import NonconformitySource
from audits.nonconformity.services import nonconformity_register
from audits.review.choices import OutputKind, ReviewStatus
from audits.review.services import (
    ReviewError,
    review_approve,
    review_facts,
    review_hold,
    review_output_add,
)
from plans.choices import EventKind, PlanStatus, Role
from plans.models import WorkItem
from plans.objectives.choices import Frequency
from plans.objectives.models import Objective, ObjectiveResult, ObjectiveSet
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from plans.risks.models import ContextEntry
from plans.risks.services import risk_action_add, risk_record, risk_rerate, risk_withdraw
from plans.work.services import work_item_complete
from tests.factories import DepartmentFactory, PlanFactory, ReviewFactory, add_task
from tests.printouts import docx_document, docx_paragraphs, docx_rows, docx_text, file_name

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def review(organization, director):
    return ReviewFactory(
        organization=organization,
        chair=director,
        title="Họp xem xét của Lãnh đạo 6 tháng đầu năm 2023",
        participants="Ban Chỉ đạo ISO\nTrưởng các phòng",
    )


def _objective_results(organization, *values, frequency=Frequency.QUARTERLY):
    objective_set = ObjectiveSet.objects.create(
        organization=organization, year=2023, status=PlanStatus.APPROVED
    )
    objective = Objective.objects.create(
        objective_set=objective_set,
        statement="100% hồ sơ TTHC được giải quyết đúng hạn trong năm 2023",
        indicator="Tỷ lệ hồ sơ đúng hạn",
        comparison="at_least",
        target_value=Decimal(100),
        target_unit="%",
        frequency=frequency,
    )
    for quarter, value in enumerate(values, start=1):
        ObjectiveResult.objects.create(
            objective=objective,
            period_key=f"q-{quarter}",
            period_label=f"Quý {quarter}",
            value=Decimal(value),
        )


def _nonconformity(organization, department, user, found_on):
    return nonconformity_register(
        organization=organization,
        user=user,
        source=NonconformitySource.COMPLAINT,
        severity="minor",
        department=department,
        found_on=found_on,
        description="Trả kết quả trễ hạn",
    )


def test_the_inputs_reflect_the_period_and_the_organization_only(
    review, organization, other_organization, department, secretary, director, make_member
):
    # Objectives: Q1 achieved, Q2 missed, Q3 after the period; another agency's results ignored.
    _objective_results(organization, 100, 97, 100)
    _objective_results(other_organization, 50)
    # Plan progress: one task done, one overdue in the period, one due after it.
    plan = PlanFactory(organization=organization, year=2023)
    leads = [UnitRef(department_id=department.pk)]
    add_task(plan, content="Rà soát quy trình", timing="Trước ngày 15/03/2023", leads=leads)
    add_task(plan, content="Đo lường MTCL", timing="Trước ngày 15/05/2023", leads=leads)
    add_task(plan, content="Đánh giá nội bộ", timing="Trước ngày 20/10/2023", leads=leads)
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    work_item_complete(item=WorkItem.objects.get(due_date=D(2023, 3, 15)), user=secretary)
    # Nonconformities: one found in the period, one after; another agency's ignored.
    found = _nonconformity(organization, department, secretary, D(2023, 4, 3))
    _nonconformity(organization, department, secretary, D(2023, 8, 1))
    elsewhere = DepartmentFactory(organization=other_organization)
    _nonconformity(other_organization, elsewhere, secretary, D(2023, 4, 3))
    # An audit finished in the period with a conforming line and a minor nonconformity.
    auditor = make_member(Role.AUDITOR, department=DepartmentFactory(organization=organization))
    audit = Audit.objects.create(
        organization=organization,
        year=2023,
        title="Đánh giá nội bộ đợt 1",
        lead_auditor=auditor,
        starts_on=D(2023, 5, 8),
        ends_on=D(2023, 5, 9),
    )
    session = AuditSession.objects.create(
        audit=audit,
        department=department,
        date=D(2023, 5, 8),
        starts_at=datetime.time(8),
        ends_at=datetime.time(10),
    )
    session.auditors.set([auditor])  # the session's auditor records its findings
    for result in ("conforming", "nc_minor"):
        finding_record(
            session=session, clause="8.5.1", question="?", result=result, evidence="", user=auditor
        )
    audit_finish(audit=audit, user=secretary, finished_on=D(2023, 5, 9), conclusions="Phù hợp")
    # Surveys: one of the period, one of last year.
    survey = {"method": "Phiếu khảo sát", "responses": 120, "satisfied_percent": Decimal(96)}
    SatisfactionSurvey.objects.create(
        organization=organization, period_start=D(2023, 1, 1), period_end=D(2023, 6, 30), **survey
    )
    SatisfactionSurvey.objects.create(
        organization=organization, period_start=D(2022, 7, 1), period_end=D(2022, 12, 31), **survey
    )

    # Decisions of the previous review (held inside this period) count; a later one does not.
    for meeting_on, decision in ((D(2023, 1, 5), "Cập nhật quy trình"), (D(2023, 12, 20), "Sau")):
        other = ManagementReview.objects.create(
            organization=organization,
            year=meeting_on.year,
            title=decision,
            period_start=D(2022, 1, 1),
            period_end=D(2022, 12, 31),
            meeting_on=meeting_on,
            starts_at=datetime.time(8),
            place="Phòng họp",
            chair=director,
            participants="-",
        )
        review_output_add(
            review=other, kind=OutputKind.SYSTEM_CHANGE, decision=decision, user=secretary
        )

    facts = review_facts(review, today=D(2023, 7, 10))

    assert [o.decision for o in facts.previous_outputs] == ["Cập nhật quy trình"]

    assert [r.period_key for r in facts.objectives_achieved] == ["q-1"]
    assert [r.period_key for r in facts.objectives_missed] == ["q-2"]
    [unit] = [u for u in facts.units if u.label == department.name]
    assert (unit.total, unit.done, unit.overdue) == (2, 1, 1)
    codes = [nc.code for nc in facts.nonconformities_found]
    assert found.code in codes
    assert len(codes) == 2  # the complaint and the audit finding
    assert facts.nonconformities_open == 2
    assert facts.audits == [audit]
    assert facts.findings == {"Phù hợp": 1, "Không phù hợp nhẹ": 1}
    assert [s.period_end for s in facts.surveys] == [D(2023, 6, 30)]


def test_the_inputs_take_a_fixed_number_of_queries(
    review, organization, department, secretary, django_assert_max_num_queries
):
    for day in range(1, 21):
        _nonconformity(organization, department, secretary, D(2023, 3, day))
    _objective_results(organization, 100, 90)
    with django_assert_max_num_queries(13):
        review_facts(review, today=D(2023, 7, 10))


def test_the_risk_inputs_are_open_high_risks_actions_done_and_effectiveness(
    review, organization, department, secretary
):
    def risk(likelihood, impact, **fields):
        return risk_record(
            organization=organization,
            user=secretary,
            year=2023,
            department=department,
            process="Giải quyết TTHC",
            description=f"Rủi ro {likelihood} × {impact}",
            likelihood=likelihood,
            impact=impact,
            **{"treatment": "reduce", **fields},
        )

    still_high, treated = risk(5, 4), risk(4, 4)
    risk(5, 5, kind="opportunity", treatment="pursue")  # high, but an opportunity
    risk(1, 2)  # open but low
    withdrawn = risk(5, 5)
    risk_withdraw(risk=withdrawn, user=secretary)
    action = risk_action_add(
        risk=treated,
        action="Nhắc việc",
        department=department,
        due_on=D(2023, 5, 5),
        user=secretary,
    )
    work_item_complete(item=action.work_item, user=secretary, done_on=D(2023, 5, 4))
    risk_rerate(
        risk=treated,
        likelihood=2,
        impact=2,
        effective=True,
        effectiveness="Không còn trễ hạn",
        user=secretary,
        today=D(2023, 6, 1),
    )
    ContextEntry.objects.create(
        organization=organization, year=2023, kind="external", subject="Nghị định mới", detail="x"
    )

    facts = review_facts(review, today=D(2023, 7, 10))

    assert facts.risks.open_high == [still_high]
    assert [a.action for a in facts.risks.actions_done] == ["Nhắc việc"]
    [(rerated, before)] = facts.risks.rerated
    assert (rerated, before.score, rerated.score, facts.risks.effective) == (treated, 16, 4, 1)
    assert facts.context == {"internal": 0, "external": 1, "party": 0}


def test_a_decision_with_a_unit_and_a_deadline_is_a_work_item(review, department, secretary):
    output = review_output_add(
        review=review,
        kind=OutputKind.RESOURCE_NEED,
        decision="Bổ sung 01 máy scan cho Bộ phận một cửa",
        department=department,
        due_on=D(2023, 9, 2),  # National Day (and 1/9): due the last working day before
        user=secretary,
    )
    item = output.work_item
    assert (item.department, item.due_date) == (department, D(2023, 8, 31))
    assert item.title == "Bổ sung 01 máy scan cho Bộ phận một cửa"
    assert item.source_url == review.get_absolute_url()
    noted = review_output_add(
        review=review,
        kind=OutputKind.SYSTEM_CHANGE,
        decision="Giữ nguyên chính sách chất lượng",
        user=secretary,
    )
    assert noted.work_item is None
    with pytest.raises(ReviewError, match="cả đơn vị chịu trách nhiệm và hạn"):
        review_output_add(
            review=review, kind="improvement", decision="x", department=department, user=secretary
        )


def test_a_decision_cannot_go_to_another_agencys_unit(review, other_organization, secretary):
    with pytest.raises(ReviewError):
        review_output_add(
            review=review,
            kind="improvement",
            decision="x",
            department=DepartmentFactory(organization=other_organization),
            due_on=D(2023, 9, 1),
            user=secretary,
        )


def test_holding_the_review_starts_the_plan_tasks_waiting_for_it(
    review, organization, secretary, director
):
    plan = PlanFactory(organization=organization, year=2023)
    add_task(
        plan,
        content="Thực hiện các kết luận của cuộc họp",
        timing="Trong vòng 15 ngày sau họp xem xét của lãnh đạo",
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    waiting = WorkItem.objects.get(task__plan=plan)
    assert waiting.waiting_for == EventKind.MANAGEMENT_REVIEW_HELD
    review_hold(review=review, user=secretary)
    dated = WorkItem.objects.filter(task__plan=plan).exclude(due_date=None).get()
    assert dated.due_date == D(2023, 7, 25)  # 15 days after 10/7/2023
    with pytest.raises(ReviewError):
        review_hold(review=review, user=secretary)


def test_a_meeting_cannot_be_held_before_its_date(review, secretary):
    the_day_before = time_machine.travel(datetime.datetime(2023, 7, 9, 9, tzinfo=datetime.UTC))
    with the_day_before, pytest.raises(ReviewError, match="10/07/2023"):
        review_hold(review=review, user=secretary)
    with time_machine.travel(datetime.datetime(2023, 7, 10, 9, tzinfo=datetime.UTC)):
        assert review_hold(review=review, user=secretary).status == ReviewStatus.HELD


def test_the_director_approves_complete_minutes_and_they_lock(
    review, secretary, director, department
):
    with pytest.raises(ReviewError):  # not held yet
        review_approve(review=review, user=director)
    review_hold(review=review, user=secretary)
    with pytest.raises(ReviewError, match="nội dung cuộc họp"):
        review_approve(review=review, user=director)
    review.minutes_secretary = secretary
    review.attendees = "Ông Nguyễn Văn A – Giám đốc"
    review.content = "Thư ký ISO báo cáo các đầu vào; Lãnh đạo kết luận."
    review.ends_at = datetime.time(11)
    review.save()
    review_approve(review=review, user=director)
    review.refresh_from_db()
    assert (review.status, review.approved_by) == (ReviewStatus.APPROVED, director)
    with pytest.raises(ReviewError):
        review_output_add(review=review, kind="improvement", decision="x", user=secretary)


def _minutes(review, secretary):
    review.minutes_secretary = secretary
    review.attendees = "Bà Nguyễn Thị Thu – Thư ký ISO\nTrưởng các phòng"
    review.content = "Thư ký ISO báo cáo kết quả thực hiện HTQLCL 6 tháng đầu năm."
    review.ends_at = datetime.time(10, 45)
    review.save()


def test_the_secretary_schedules_a_review_and_bad_input_is_kept(
    client, organization, secretary, director
):
    client.force_login(secretary)
    data = {
        "title": "Họp xem xét của Lãnh đạo năm 2023",
        "year": 2023,
        "period_start": "2023-12-31",
        "period_end": "2023-01-01",
        "meeting_on": "2023-12-20",
        "starts_at": "08:00",
        "place": "Phòng họp số 2",
        "chair": director.pk,
        "participants": "Ban Chỉ đạo ISO",
    }
    page = client.post(reverse("audits:review_create"), data).content.decode()
    assert "Ngày kết thúc kỳ xem xét không thể trước ngày bắt đầu." in page
    assert "Phòng họp số 2" in page
    data["period_start"], data["period_end"] = "2023-01-01", "2023-12-31"
    response = client.post(reverse("audits:review_create"), data)
    review = ManagementReview.objects.get(organization=organization)
    assert response.url == review.get_absolute_url()
    page = client.get(reverse("audits:review_list")).content.decode()
    assert "Họp xem xét của Lãnh đạo năm 2023" in page


def test_the_whole_meeting_through_the_pages(client, review, secretary, director, department):
    client.force_login(secretary)
    url = review.get_absolute_url()
    client.post(url, {"step": "inputs", "satisfaction": "Người dân hài lòng với thái độ phục vụ"})
    page = client.get(url).content.decode()
    assert "Người dân hài lòng với thái độ phục vụ" in page
    assert "Sự hài lòng và thông tin phản hồi của tổ chức, cá nhân" in page
    decision = {
        "step": "output",
        "kind": OutputKind.IMPROVEMENT,
        "decision": "Số hóa hồ sơ lưu trữ",
        "department": department.pk,
        "due_on": "2023-10-31",
    }
    client.post(url, decision)
    assert (
        WorkItem.objects.get(review_output__decision="Số hóa hồ sơ lưu trữ").department
        == department
    )
    hold = reverse("audits:review_action", args=[review.pk, "hold"])
    assert "Ghi nhận cuộc họp đã diễn ra?" in client.get(hold).content.decode()
    client.post(hold)
    client.post(
        url,
        {
            "step": "minutes",
            "minutes_secretary": secretary.pk,
            "attendees": "Trưởng các phòng",
            "content": "Thống nhất các kết luận",
            "ends_at": "10:30",
        },
    )
    approve = reverse("audits:review_action", args=[review.pk, "approve"])
    assert client.post(approve).status_code == 403  # the secretary does not approve
    client.force_login(director)
    client.post(approve)
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED
    assert review.approved_by == director


def test_who_may_see_and_change_a_review(
    client, review, make_member, department, other_organization, secretary
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    url = review.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.post(url, {"step": "inputs"}).status_code == 403
    hold = reverse("audits:review_action", args=[review.pk, "hold"])
    assert client.post(hold).status_code == 403
    assert client.get(reverse("audits:review_create")).status_code == 403
    outsider = make_member(Role.ISO_SECRETARY, org=other_organization)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:review_minutes_pdf", args=[review.pk])).status_code == 404


# The inputs of clause 9.3.2 as the minutes print them, in the standard's order.
PRINTED_INPUTS = [
    "a) Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước:",
    "b) Những thay đổi về các vấn đề bên ngoài và nội bộ:",
    "c) Sự hài lòng và thông tin phản hồi của tổ chức, cá nhân:",
    "d) Mức độ đạt được các mục tiêu chất lượng:",
    "e) Kết quả thực hiện các quá trình và sự phù hợp của dịch vụ:",
    "f) Sự không phù hợp và hành động khắc phục:",
    "g) Kết quả theo dõi và đo lường:",
    "h) Kết quả đánh giá:",
    "i) Kết quả thực hiện của các nhà cung cấp bên ngoài:",
    "j) Sự thỏa đáng của các nguồn lực:",
    "k) Hiệu lực của các hành động giải quyết rủi ro và cơ hội:",
    "l) Các cơ hội cải tiến:",
]


@pytest.fixture
def minuted(review, organization, department, secretary):
    """A held review with its minutes, a decision, figures for some inputs and the secretary's
    assessment of two of them."""
    _objective_results(organization, 100, 97)
    _nonconformity(organization, department, secretary, D(2023, 4, 3))
    SatisfactionSurvey.objects.create(
        organization=organization,
        period_start=D(2023, 1, 1),
        period_end=D(2023, 6, 30),
        method="Phiếu khảo sát tại Bộ phận một cửa",
        responses=120,
        satisfied_percent=Decimal("96.5"),
    )
    review.inputs.create(topic="resources", text="Thiếu 01 máy scan tại Bộ phận một cửa.")
    review.inputs.create(topic="providers", text="Viettel bảo trì mạng đúng hạn.")
    review_output_add(
        review=review,
        kind=OutputKind.RESOURCE_NEED,
        decision="Bổ sung 01 máy scan",
        department=department,
        due_on=D(2023, 9, 29),
        user=secretary,
    )
    review_hold(review=review, user=secretary)
    _minutes(review, secretary)
    return review


def test_the_minutes_print_contains_every_part(client, minuted, secretary):
    review = minuted
    client.force_login(secretary)
    response = client.get(reverse("reports:review_minutes_pdf", args=[review.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    for part in (
        "BIÊN BẢN",
        "Họp xem xét của Lãnh đạo năm 2023",
        "Vào lúc 08 giờ 00, ngày 10/07/2023, tại Phòng họp Sở",
        "Chủ trì:",
        "Thư ký:",
        "Trưởng các phòng",
        "Thư ký ISO báo cáo kết quả thực hiện HTQLCL",
        "Bổ sung 01 máy scan",
        "Cuộc họp kết thúc vào 10 giờ 45, ngày 10 tháng 07 năm 2023/.",
        "THƯ KÝ",
        "CHỦ TỌA",
        "Lưu: VT, Hồ sơ.",
    ):
        assert part in text, part
    notice = client.get(reverse("reports:review_notice_pdf", args=[review.pk]))
    notice_text = " ".join(PdfReader(io.BytesIO(notice.content)).pages[0].extract_text().split())
    assert "THÔNG BÁO" in notice_text
    assert "Phòng họp Sở" in notice_text


def _rows(review, organization, department, secretary, days):
    for day in days:
        _nonconformity(organization, department, secretary, D(2023, 3, day))
        review_output_add(
            review=review,
            kind="improvement",
            decision=f"Quyết định {day}",
            department=department,
            due_on=D(2023, 9, day),
            user=secretary,
        )


def test_the_review_page_does_not_grow_in_queries(
    client, review, organization, department, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)
    url = review.get_absolute_url()
    _rows(review, organization, department, secretary, [1])
    with django_assert_max_num_queries(30) as captured:
        assert client.get(url).status_code == 200
    _rows(review, organization, department, secretary, range(2, 21))
    with django_assert_max_num_queries(len(captured)):
        assert "Quyết định 20" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_people_recording_the_meeting_at_once_record_it_once(
    require_postgres, review, secretary, director
):
    """A double click or two secretaries: the row lock makes the second one see "held" and
    refuse, so the event that dates the waiting plan tasks is recorded once."""
    import threading

    from django.db import connection

    from plans.models import Event

    barrier = threading.Barrier(2)
    outcomes = []

    def hold(user):
        try:
            barrier.wait()
            review_hold(review=ManagementReview.objects.get(pk=review.pk), user=user)
            outcomes.append("held")
        except ReviewError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=hold, args=[user]) for user in (secretary, director)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["held", "Cuộc họp xem xét này đã được tổ chức."])
    assert Event.objects.filter(kind=EventKind.MANAGEMENT_REVIEW_HELD).count() == 1


def _minutes_paragraphs(client, review) -> list[str]:
    response = client.get(reverse("reports:review_minutes_docx", args=[review.pk]))
    return docx_paragraphs(docx_document(response))


def test_the_minutes_print_every_input_of_9_3_2_with_its_figures(client, minuted, secretary):
    client.force_login(secretary)
    paragraphs = _minutes_paragraphs(client, minuted)
    assert [p for p in paragraphs if p[:2] in {f"{c})" for c in "abcdefghijkl"}] == (PRINTED_INPUTS)
    after = {label: paragraphs[paragraphs.index(label) + 1] for label in PRINTED_INPUTS}
    assert after[PRINTED_INPUTS[2]] == (
        "- Phiếu khảo sát tại Bộ phận một cửa (từ ngày 01/01/2023 đến ngày 30/06/2023): "
        "120 phiếu, 96,50% hài lòng;"
    )
    assert after[PRINTED_INPUTS[3]] == "- 1 kết quả đạt, 1 kết quả không đạt;"
    assert after[PRINTED_INPUTS[5]] == (
        "- 1 điểm không phù hợp phát hiện trong kỳ; 1 điểm chưa đóng tại cuối kỳ;"
    )
    assert after[PRINTED_INPUTS[8]] == "Viettel bảo trì mạng đúng hạn."
    assert after[PRINTED_INPUTS[9]] == "Thiếu 01 máy scan tại Bộ phận một cửa."
    # the improvement proposals of the period (audits/improvement/), none here
    assert after[PRINTED_INPUTS[11]] == (
        "- 0 đề xuất cải tiến trong kỳ: chấp nhận 0 (đã thực hiện 0), gộp 0, "
        "không chấp nhận 0, chờ xem xét 0;"
    )
    # the discussion and the chair's conclusions follow the inputs
    discussion = paragraphs.index("2. Ý kiến thảo luận")
    assert paragraphs[discussion + 1] == (
        "Thư ký ISO báo cáo kết quả thực hiện HTQLCL 6 tháng đầu năm."
    )
    pdf = client.get(reverse("reports:review_minutes_pdf", args=[minuted.pk]))
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    for label in PRINTED_INPUTS:
        assert label in text, label
    assert "Thiếu 01 máy scan tại Bộ phận một cửa." in text


def test_the_minutes_in_word_follow_the_layout_of_minutes(client, minuted, secretary):
    client.force_login(secretary)
    response = client.get(reverse("reports:review_minutes_docx", args=[minuted.pk]))
    assert file_name(response) == "BB-XXLD-SLĐTBXH-20230710.docx"
    document = docx_document(response)
    header = docx_rows(document.tables[0])[0]
    assert "Số:       /BB-SLĐTBXH" in header[0]
    assert "ngày" not in header[1]  # minutes have no place/date line
    paragraphs = docx_paragraphs(document)
    assert paragraphs[:2] == ["BIÊN BẢN", "Họp xem xét của Lãnh đạo năm 2023"]
    assert "Cuộc họp kết thúc vào 10 giờ 45, ngày 10 tháng 07 năm 2023/." in paragraphs
    decisions = docx_rows(document.tables[1])
    assert decisions[1][1:4] == [
        "Bổ sung 01 máy scan",
        "Nhu cầu về nguồn lực",
        "Phòng Người có công",
    ]
    secretary_block, chair_block = docx_rows(document.tables[2])[0]
    assert secretary_block.split("\n")[0] == "THƯ KÝ"
    assert secretary_block.split("\n")[-1] == secretary.get_full_name()
    assert chair_block.split("\n")[0] == "CHỦ TỌA"
    assert chair_block.split("\n")[-1] == minuted.chair.get_full_name()
    assert paragraphs[-2:] == ["Nơi nhận:", "- Lưu: VT, Hồ sơ."]


def test_the_notice_in_word_lists_the_inputs_to_prepare(client, minuted, secretary):
    client.force_login(secretary)
    response = client.get(reverse("reports:review_notice_docx", args=[minuted.pk]))
    assert file_name(response) == "TB-XXLD-SLĐTBXH-20230710.docx"
    document = docx_document(response)
    paragraphs = docx_paragraphs(document)
    assert paragraphs[:2] == ["THÔNG BÁO", "Họp xem xét của Lãnh đạo năm 2023"]
    assert "2. Địa điểm: Phòng họp Sở." in paragraphs
    assert f"- {PRINTED_INPUTS[9][3:-1]};" in paragraphs
    assert docx_rows(document.tables[0])[0][1].endswith("ngày      tháng      năm 2023")
    assert "GIÁM ĐỐC" in docx_text(document)


def test_the_review_printouts_in_word_are_refused_as_the_pdfs_are(
    client, minuted, make_member, other_organization, admin_user, department
):
    for user, status in (
        (make_member(Role.ISO_SECRETARY, org=other_organization), 404),
        (admin_user, 404),  # no agency to act in
        (make_member(Role.STAFF, department=department), 200),
    ):
        client.force_login(user)
        for name in ("review_notice", "review_minutes"):
            for kind in ("pdf", "docx"):
                url = reverse(f"reports:{name}_{kind}", args=[minuted.pk])
                assert client.get(url).status_code == status, (user, url)


def test_the_minutes_in_word_do_not_grow_in_queries(
    client, minuted, organization, department, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)
    url = reverse("reports:review_minutes_docx", args=[minuted.pk])
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    _rows(minuted, organization, department, secretary, range(2, 12))
    with django_assert_max_num_queries(len(captured)):
        assert "Quyết định 11" in docx_text(docx_document(client.get(url)))
