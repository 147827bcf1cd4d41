"""Improvement proposals (10.3): anyone proposes, the ISO secretary decides, an accepted one
becomes improvement actions on the units' work and is implemented when they are done; the
plan's task, the management review's inputs and the annual report read them."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.improvement.choices import ProposalStatus
from audits.improvement.selectors import proposal_figures
from audits.improvement.services import (
    IMPROVEMENT_ACTION,
    ProposalError,
    improvement_action_add,
    proposal_accept,
    proposal_decline,
    proposal_merge,
    proposal_submit,
)
from audits.models import ImprovementProposal, ManagementReview
from audits.review.services import review_facts
from plans.choices import Role, WorkItemStatus
from plans.models import Notification, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.services import work_item_complete, work_item_reopen
from reports.annual import annual_facts
from reports.models import AnnualReport
from tests.factories import DepartmentFactory, PlanFactory, add_task
from tests.printouts import docx_document, docx_paragraphs

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2023, 6, 15)


@pytest.fixture(autouse=True)
def _mid_2023():
    with time_machine.travel(datetime.datetime(2023, 6, 15, 3, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def staff(make_member, department):
    return make_member(Role.STAFF, department=department, username="nhanvien")


@pytest.fixture
def head(make_member, department):
    return make_member(Role.DEPARTMENT_HEAD, department=department, username="truongphong")


@pytest.fixture
def other_unit(organization):
    return DepartmentFactory(organization=organization, name="Phòng Kế hoạch – Tài chính")


def _propose(organization, department, user, title="Nhắc hạn hồ sơ trên phần mềm", **extra):
    return proposal_submit(
        organization=organization,
        user=user,
        department=department,
        title=title,
        problem="Hồ sơ trả trễ vì chuyên viên quên hạn",
        description="Bật nhắc việc hồ sơ sắp đến hạn",
        benefit="Không còn hồ sơ trễ hạn",
        **extra,
    )


@pytest.fixture
def proposal(organization, department, staff):
    return _propose(organization, department, staff)


def _form(department, **changes):
    data = {
        "department": department.pk,
        "title": "Gộp hai biểu mẫu tiếp nhận",
        "problem": "Công dân khai hai lần cùng thông tin",
        "description": "Gộp BM-01 và BM-02",
        "benefit": "Tiếp nhận nhanh hơn",
    }
    return {**data, **changes}


# --- proposing ------------------------------------------------------------------------------
def test_staff_propose_with_an_attachment_and_see_it_in_the_register(client, staff, department):
    client.force_login(staff)
    upload = SimpleUploadedFile("mau-moi.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    response = client.post(reverse("audits:improvement_create"), _form(department, files=[upload]))
    proposal = ImprovementProposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    assert (proposal.code, proposal.proposed_by, proposal.status) == (
        "CT-2023-01",
        staff,
        ProposalStatus.SUBMITTED,
    )
    attachment = proposal.attachments.get()
    download = client.get(reverse("audits:improvement_attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n"
    register = client.get(reverse("audits:improvement_list")).content.decode()
    assert "CT-2023-01" in register
    assert "Gộp hai biểu mẫu tiếp nhận" in register


def test_a_proposal_without_its_problem_keeps_what_was_typed(client, staff, department):
    client.force_login(staff)
    response = client.post(reverse("audits:improvement_create"), _form(department, problem=""))
    assert response.status_code == 200
    assert response.context["form"].errors["problem"]
    assert "Gộp BM-01 và BM-02" in response.content.decode()
    assert not ImprovementProposal.objects.exists()


def test_an_attachment_that_is_not_what_it_says_is_refused(client, staff, department):
    client.force_login(staff)
    fake = SimpleUploadedFile("mau.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse("audits:improvement_create"), _form(department, files=[fake]))
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert not ImprovementProposal.objects.exists()


def test_numbered_from_one_each_year(organization, department, staff):
    first = _propose(organization, department, staff)
    second = _propose(organization, department, staff)
    next_year = _propose(organization, department, staff, today=D(2024, 1, 3))
    assert [first.code, second.code, next_year.code] == ["CT-2023-01", "CT-2023-02", "CT-2024-01"]


def test_a_unit_of_another_agency_is_refused(organization, other_organization, staff):
    with pytest.raises(ProposalError):
        _propose(organization, DepartmentFactory(organization=other_organization), staff)


# --- who sees what --------------------------------------------------------------------------
def test_a_person_sees_their_own_proposals_and_their_units(
    client, organization, department, other_unit, staff, make_member, secretary, director
):
    own_elsewhere = _propose(organization, other_unit, staff, title="Của tôi cho phòng khác")
    colleague = make_member(Role.STAFF, department=department)
    of_my_unit = _propose(organization, department, colleague, title="Của đồng nghiệp")
    outsider = make_member(Role.STAFF, department=other_unit)
    not_mine = _propose(organization, other_unit, outsider, title="Của phòng khác")

    def listed(user) -> set:
        client.force_login(user)
        page = client.get(reverse("audits:improvement_list")).context["page"]
        return {p.pk for p in page}

    assert listed(staff) == {own_elsewhere.pk, of_my_unit.pk}
    assert listed(secretary) == listed(director) == {own_elsewhere.pk, of_my_unit.pk, not_mine.pk}
    client.force_login(staff)
    assert client.get(not_mine.get_absolute_url()).status_code == 403
    assert client.get(own_elsewhere.get_absolute_url()).status_code == 200


def test_the_register_filters_by_year_unit_status_and_words(
    client, organization, department, other_unit, staff, secretary
):
    kept = _propose(organization, department, staff, title="Nhắc hạn hồ sơ")
    _propose(organization, other_unit, staff, title="Nhắc hạn hồ sơ")
    _propose(organization, department, staff, title="Khác hẳn")
    _propose(organization, department, staff, title="Nhắc hạn hồ sơ", today=D(2024, 1, 5))
    declined = _propose(organization, department, staff, title="Nhắc hạn hồ sơ")
    proposal_decline(proposal=declined, reason="Trùng quy định", user=secretary)
    client.force_login(secretary)
    query = {"year": 2023, "unit": department.pk, "status": "submitted", "q": "nhắc hạn"}
    page = client.get(reverse("audits:improvement_list"), query).context["page"]
    assert [p.pk for p in page] == [kept.pk]


def test_the_register_reads_a_fixed_number_of_queries(
    client, organization, department, staff, secretary, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            proposal = _propose(organization, department, staff)
            proposal_accept(proposal=proposal, user=secretary)
            improvement_action_add(
                proposal=proposal,
                action="Sửa quy trình",
                department=department,
                due_on=D(2023, 9, 29),
                user=secretary,
            )

    client.force_login(secretary)
    url = reverse("audits:improvement_list")
    add(3)
    client.get(url)  # warm the session and the caches
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(url).context["page"]) == 3
    add(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["page"]) == 28


# --- the secretary decides ------------------------------------------------------------------
def test_the_secretary_accepts_on_a_confirmation_page_and_the_proposer_is_told(
    client, proposal, staff, secretary
):
    url = reverse("audits:improvement_accept", args=[proposal.pk])
    client.force_login(secretary)
    assert "Chấp nhận" in client.get(url).content.decode()
    client.post(url)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.decided_on) == (
        ProposalStatus.ACCEPTED,
        secretary,
        TODAY,
    )
    told = Notification.objects.get(user=staff)
    assert proposal.code in told.title
    assert told.link == proposal.get_absolute_url()


@pytest.mark.parametrize("step", ["accept", "merge", "decline"])
def test_only_the_secretary_decides(client, proposal, staff, head, director, step):
    url = reverse(f"audits:improvement_{step}", args=[proposal.pk])
    for person in (staff, head, director):
        client.force_login(person)
        assert client.post(url, {"reason": "Không", "into": proposal.pk}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_decline_needs_a_reason_which_the_proposer_reads(client, proposal, staff, secretary):
    url = reverse("audits:improvement_decline", args=[proposal.pk])
    client.force_login(secretary)
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    with pytest.raises(ProposalError):
        proposal_decline(proposal=proposal, reason=" ", user=secretary)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    client.post(url, {"reason": "Trái với quy định lưu trữ"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_note) == (
        ProposalStatus.DECLINED,
        "Trái với quy định lưu trữ",
    )
    assert "Trái với quy định lưu trữ" in Notification.objects.get(user=staff).body
    client.force_login(staff)
    assert "Trái với quy định lưu trữ" in client.get(proposal.get_absolute_url()).content.decode()


def test_a_merger_needs_a_fitting_target(
    client, organization, department, proposal, staff, secretary, other_organization
):
    target = _propose(organization, department, staff, title="Cảnh báo hồ sơ sắp trễ")
    declined = _propose(organization, department, staff, title="Bỏ sổ giấy")
    proposal_decline(proposal=declined, reason="Bắt buộc theo quy định", user=secretary)
    elsewhere = _propose(
        other_organization, DepartmentFactory(organization=other_organization), staff
    )
    for wrong in (None, proposal, declined, elsewhere):
        with pytest.raises(ProposalError):
            proposal_merge(proposal=proposal, into=wrong, user=secretary)
    url = reverse("audits:improvement_merge", args=[proposal.pk])
    client.force_login(secretary)
    response = client.post(url, {"into": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["into"]
    response = client.post(url, {"into": declined.pk})  # not offered
    assert response.context["form"].errors["into"]
    client.post(url, {"into": target.pk, "note": "Cùng nội dung"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.merged_into) == (ProposalStatus.MERGED, target)
    assert proposal.code in client.get(target.get_absolute_url()).content.decode()


def test_a_decided_proposal_is_not_decided_again(proposal, secretary):
    proposal_accept(proposal=proposal, user=secretary)
    with pytest.raises(ProposalError):
        proposal_decline(proposal=proposal, reason="Đổi ý", user=secretary)


# --- accepted: actions on the units' work ---------------------------------------------------
def test_accepted_actions_are_on_the_units_work_and_implement_it_when_done(
    client, proposal, department, other_unit, head, secretary
):
    with pytest.raises(ProposalError):  # not before it is accepted
        improvement_action_add(
            proposal=proposal, action="x", department=department, due_on=D(2023, 7, 1), user=head
        )
    proposal_accept(proposal=proposal, user=secretary)
    client.force_login(secretary)
    client.post(
        proposal.get_absolute_url(),
        {"action": "Sửa quy trình QT-05", "department": department.pk, "due_on": "30/09/2023"},
    )
    second = improvement_action_add(
        proposal=proposal,
        action="Bật nhắc việc",
        department=other_unit,
        due_on=D(2023, 7, 1),  # a Saturday: due the Friday before
        user=secretary,
    )
    first = proposal.actions.get(action="Sửa quy trình QT-05")
    assert (first.work_item.kind, first.work_item.department, first.work_item.due_date) == (
        IMPROVEMENT_ACTION,
        department,
        D(2023, 9, 29),
    )
    assert second.work_item.due_date == D(2023, 6, 30)
    client.force_login(head)
    work = client.get(reverse("plans:unit_work"), {"group": "later", "year": "all"})
    work = work.content.decode()
    assert "Sửa quy trình QT-05" in work
    assert proposal.code in work

    client.post(
        reverse("plans:work_item_detail", args=[first.work_item_id]),
        {"note": "Quy trình sửa đổi đã ban hành"},
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED  # one still open
    work_item_complete(item=second.work_item, user=secretary, done_on=D(2023, 6, 12))
    proposal.refresh_from_db()
    assert (proposal.status, proposal.implemented_on) == (ProposalStatus.IMPLEMENTED, TODAY)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert '<progress class="w-100 mb-2" value="2" max="2"' in page

    work_item_reopen(
        item=WorkItem.objects.get(pk=second.work_item_id),
        user=secretary,
        is_secretary=True,
        reason="Chưa bật cho chuyên viên mới",
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.implemented_on) == (ProposalStatus.ACCEPTED, None)


def test_a_new_action_on_an_implemented_proposal_puts_it_back_to_work(
    proposal, department, secretary
):
    proposal_accept(proposal=proposal, user=secretary)
    action = improvement_action_add(
        proposal=proposal, action="A", department=department, due_on=D(2023, 7, 31), user=secretary
    )
    work_item_complete(item=action.work_item, user=secretary)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IMPLEMENTED
    improvement_action_add(
        proposal=proposal, action="B", department=department, due_on=D(2023, 8, 31), user=secretary
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


# --- the plan's task ------------------------------------------------------------------------
def test_a_units_decided_proposal_completes_its_part_of_the_plans_task(
    organization, department, other_unit, staff, secretary, director
):
    plan = PlanFactory(organization=organization, year=2023)
    add_task(
        plan,
        content="Các đề xuất cải tiến tài liệu, quy trình và áp dụng thuộc HTQLCL",
        timing="Thường xuyên",
        leads=[UnitRef(department_id=department.pk), UnitRef(department_id=other_unit.pk)],
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    proposal = _propose(organization, department, staff)
    items = WorkItem.objects.filter(task__plan=plan)
    assert items.filter(status=WorkItemStatus.DONE).count() == 0  # proposed, not yet answered
    proposal_decline(proposal=proposal, reason="Đã có trong quy trình", user=secretary)
    done = items.get(department=department)
    assert (done.status, done.done_on, done.closed_by_record) == (
        WorkItemStatus.DONE,
        TODAY,
        proposal,
    )
    assert items.get(department=other_unit).is_open  # that unit has proposed nothing


# --- the management review and the annual report --------------------------------------------
@pytest.fixture
def year_of_proposals(organization, department, staff, secretary):
    """2023: one waiting, one accepted (1 of 2 actions done), one implemented, one merged, one
    declined; and one of 2022."""
    _propose(organization, department, staff, title="Chờ", today=D(2023, 5, 2))
    accepted = _propose(organization, department, staff, title="Nhắc hạn", today=D(2023, 2, 1))
    proposal_accept(proposal=accepted, user=secretary, today=D(2023, 2, 3))
    for due in (D(2023, 3, 31), D(2023, 9, 29)):
        action = improvement_action_add(
            proposal=accepted, action="Việc", department=department, due_on=due, user=secretary
        )
    work_item_complete(item=accepted.actions.first().work_item, user=secretary)
    implemented = _propose(organization, department, staff, title="Gộp mẫu", today=D(2023, 3, 1))
    proposal_accept(proposal=implemented, user=secretary, today=D(2023, 3, 2))
    action = improvement_action_add(
        proposal=implemented,
        action="Gộp",
        department=department,
        due_on=D(2023, 5, 31),
        user=secretary,
    )
    work_item_complete(item=action.work_item, user=secretary, done_on=D(2023, 5, 20))
    merged = _propose(organization, department, staff, title="Cảnh báo", today=D(2023, 4, 1))
    proposal_merge(proposal=merged, into=accepted, user=secretary, today=D(2023, 4, 2))
    declined = _propose(organization, department, staff, title="Bỏ sổ", today=D(2023, 4, 5))
    proposal_decline(proposal=declined, reason="Bắt buộc", user=secretary, today=D(2023, 4, 6))
    _propose(organization, department, staff, title="Năm trước", today=D(2022, 11, 1))
    return accepted, implemented


def test_the_figures_count_the_periods_proposals_by_outcome(organization, year_of_proposals):
    accepted, implemented = year_of_proposals
    figures = proposal_figures(organization.pk, D(2023, 1, 1), D(2023, 12, 31))
    assert (figures.total, figures.accepted_total, figures.implemented) == (5, 2, 1)
    assert (figures.merged, figures.declined, figures.submitted) == (1, 1, 1)
    progress = {p.pk: (p.actions_done, p.action_count) for p in figures.accepted}
    assert progress == {accepted.pk: (1, 2), implemented.pk: (1, 1)}


@pytest.fixture
def review(organization, director, year_of_proposals):
    return ManagementReview.objects.create(
        organization=organization,
        year=2023,
        title="Họp xem xét của Lãnh đạo 6 tháng đầu năm 2023",
        period_start=D(2023, 1, 1),
        period_end=D(2023, 6, 30),
        meeting_on=D(2023, 7, 10),
        starts_at=datetime.time(8),
        place="Phòng họp Sở",
        chair=director,
        participants="Ban Chỉ đạo ISO",
    )


def test_the_reviews_inputs_list_the_periods_proposals(client, review, secretary):
    assert review_facts(review).proposals.total == 5
    client.force_login(secretary)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "CT-2023-02" in page
    assert "Nhắc hạn" in page
    paragraphs = docx_paragraphs(
        docx_document(client.get(reverse("reports:review_minutes_docx", args=[review.pk])))
    )
    after = paragraphs[paragraphs.index("l) Các cơ hội cải tiến:") + 1 :]
    assert after[0] == (
        "- 5 đề xuất cải tiến trong kỳ: chấp nhận 2 (đã thực hiện 1), gộp 1, "
        "không chấp nhận 1, chờ xem xét 1;"
    )
    assert any(p.startswith("- CT-2023-02 (Phòng Người có công): Nhắc hạn") for p in after)
    assert any("hoàn thành 1/2 hành động" in p for p in after)


def test_the_annual_report_has_the_years_figures(
    client, organization, secretary, year_of_proposals
):
    report = AnnualReport.objects.create(organization=organization, year=2023)
    assert annual_facts(report).proposals.total == 5
    client.force_login(secretary)
    line = (
        "Đề xuất cải tiến trong năm: 5, chấp nhận: 2 (đã thực hiện: 1, đang thực hiện: 1), "
        "gộp: 1, không chấp nhận: 1, chờ xem xét: 1."
    )
    assert line in client.get(report.get_absolute_url()).content.decode()
    word = docx_document(client.get(reverse("reports:annual_report_docx", args=[report.pk])))
    assert line in docx_paragraphs(word)


def test_the_secretaries_are_told_of_a_new_proposal(organization, department, staff, secretary):
    proposal = _propose(organization, department, staff)
    told = Notification.objects.get(user=secretary)
    assert proposal.code in told.title
    assert proposal.title in told.title
    assert told.link == proposal.get_absolute_url()
    assert not Notification.objects.filter(user=staff).exists()  # not the proposer
