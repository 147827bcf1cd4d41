"""Internal audits: plan and schedule, the own-unit rule, checklists, finishing, reports."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from audits.internal_audit.choices import AuditStatus
from audits.internal_audit.services import audit_approve, audit_finish, finding_record
from audits.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    Finding,
    ManagementReview,
    Nonconformity,
    QuestionTemplate,
)
from audits.nonconformity.choices import NonconformityStatus
from audits.nonconformity.services import NonconformityError, corrective_action_add
from audits.review.choices import ReviewStatus
from plans.choices import EventKind, Role
from plans.models import Event, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from tests.factories import DepartmentFactory, PlanFactory, add_task
from tests.printouts import docx_document, docx_paragraphs, docx_rows, docx_text, file_name

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def auditor(make_member, organization):
    home = DepartmentFactory(organization=organization, name="Thanh tra Sở")
    return make_member(Role.AUDITOR, department=home, full_name="Võ Thị Lan")


@pytest.fixture
def audit(organization, department, auditor, secretary):
    audit = Audit.objects.create(
        organization=organization,
        year=2023,
        title="Đánh giá nội bộ đợt 1 năm 2023",
        lead_auditor=auditor,
        starts_on=D(2023, 9, 11),
        ends_on=D(2023, 9, 15),
    )
    audit.units.set([department, auditor.memberships.get().department])
    return audit


def _session(audit, department, auditors):
    session = AuditSession.objects.create(
        audit=audit,
        department=department,
        date=D(2023, 9, 12),
        starts_at=datetime.time(8),
        ends_at=datetime.time(10),
        auditees="Trưởng phòng",
    )
    session.auditors.set(auditors)
    return session


def test_an_auditor_may_not_audit_their_own_unit(client, secretary, audit, auditor):
    own_unit = auditor.memberships.get().department
    client.force_login(secretary)
    response = client.post(
        reverse("audits:audit_detail", args=[audit.pk]),
        {
            "step": "session",
            "department": own_unit.pk,
            "date": "2023-09-12",
            "starts_at": "08:00",
            "ends_at": "10:00",
            "auditors": [auditor.pk],
            "auditees": "",
        },
    )
    assert "Võ Thị Lan không được đánh giá đơn vị của chính mình" in response.content.decode()
    assert AuditSession.objects.count() == 0


def test_the_secretary_plans_an_audit_and_its_schedule(
    client, secretary, department, auditor, organization
):
    client.force_login(secretary)
    response = client.post(
        reverse("audits:audit_create"),
        {
            "title": "Đánh giá nội bộ năm 2023",
            "year": 2023,
            "units": [department.pk],
            "processes": "Giải quyết TTHC",
            "criteria": "TCVN ISO 9001:2015",
            "lead_auditor": auditor.pk,
            "team": [secretary.pk],
            "starts_on": "2023-09-11",
            "ends_on": "2023-09-10",
        },
    )
    assert "Ngày kết thúc không thể trước ngày bắt đầu" in response.content.decode()
    response = client.post(
        reverse("audits:audit_create"),
        {
            "title": "Đánh giá nội bộ năm 2023",
            "year": 2023,
            "units": [department.pk],
            "processes": "Giải quyết TTHC",
            "criteria": "TCVN ISO 9001:2015",
            "lead_auditor": auditor.pk,
            "team": [secretary.pk],
            "starts_on": "2023-09-11",
            "ends_on": "2023-09-15",
        },
    )
    audit = Audit.objects.get()
    assert response["Location"] == audit.get_absolute_url()
    client.post(
        audit.get_absolute_url(),
        {
            "step": "session",
            "department": department.pk,
            "date": "2023-09-12",
            "starts_at": "08:00",
            "ends_at": "10:00",
            "auditors": [auditor.pk],
            "auditees": "Trưởng phòng",
        },
    )
    assert audit.sessions.get().auditors.get() == auditor
    notice = client.get(reverse("reports:audit_notice_pdf", args=[audit.pk]))
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(notice.content)).pages
    )
    assert "THÔNG BÁO" in text
    assert "Võ Thị Lan" in text
    assert department.name in text


def test_an_auditor_records_no_finding_in_their_own_unit_whatever_the_address(
    client, audit, auditor, make_member
):
    """The schedule refuses the assignment; a session of the auditor's own unit (scheduled with
    another auditor) refuses the auditor's findings at the service, by its address too."""
    own_unit = auditor.memberships.get().department
    colleague = make_member(Role.AUDITOR, full_name="Trần Văn Bình")
    session = _session(audit, own_unit, [colleague])
    with pytest.raises(NonconformityError, match="Thanh tra Sở là đơn vị của chính bạn"):
        finding_record(
            session=session,
            clause="7.5",
            question="?",
            result="conforming",
            evidence="",
            user=auditor,
        )
    client.force_login(auditor)
    url = reverse("audits:session_checklist", args=[session.pk])
    page = client.get(url).content.decode()
    assert 'name="question"' not in page  # no form offered, and why
    assert "Thanh tra Sở là đơn vị của chính bạn" in page
    response = client.post(
        url,
        {"clause": "7.5", "question": "Danh mục?", "result": "conforming", "evidence": "Có"},
        follow=True,
    )
    assert "Thanh tra Sở là đơn vị của chính bạn" in response.content.decode()
    assert not Finding.objects.exists()
    # The colleague from another unit records there.
    finding_record(
        session=session,
        clause="7.5",
        question="?",
        result="conforming",
        evidence="",
        user=colleague,
    )
    assert Finding.objects.count() == 1


def test_a_nonconforming_finding_enters_the_register(client, audit, department, auditor):
    session = _session(audit, department, [auditor])
    client.force_login(auditor)
    client.post(
        reverse("audits:session_checklist", args=[session.pk]),
        {
            "clause": "8.5.1",
            "question": "Hồ sơ trả trễ hạn có phiếu xin lỗi không?",
            "result": "nc_minor",
            "evidence": "3/20 hồ sơ trễ không có phiếu",
            "save_template": "1",
        },
    )
    finding = Finding.objects.get()
    nonconformity = finding.nonconformity
    assert (
        nonconformity.code,
        nonconformity.department,
        nonconformity.source,
        nonconformity.clause,
    ) == ("KPH-2023-01", department, "internal_audit", "8.5.1")
    assert QuestionTemplate.objects.get().clause == "8.5.1"
    finding_record(
        session=session,
        clause="7.5",
        question="Danh mục tài liệu?",
        result="conforming",
        evidence="Có",
        user=auditor,
    )
    assert Finding.objects.filter(nonconformity__isnull=True).count() == 1
    audit.refresh_from_db()
    assert audit.status == "in_progress"


def test_finishing_the_audit_starts_the_plan_tasks_waiting_for_it(
    audit, organization, secretary, director, department, auditor
):
    plan = PlanFactory(organization=organization, year=2023)
    add_task(
        plan,
        content="Thực hiện khắc phục các điểm KPH sau đánh giá nội bộ",
        timing="Trong vòng 30 ngày sau đánh giá nội bộ",
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    waiting = WorkItem.objects.get(task__plan=plan)
    assert (waiting.due_date, waiting.waiting_for) == (None, EventKind.INTERNAL_AUDIT_DONE)
    audit_finish(
        audit=audit, user=secretary, finished_on=D(2023, 9, 15), conclusions="HTQLCL phù hợp"
    )
    dated = WorkItem.objects.filter(task__plan=plan).exclude(due_date=None).get()
    assert dated.due_date == D(2023, 10, 16)  # 30 days after 15/9/2023 (15/10 is a Sunday)
    audit.refresh_from_db()
    assert (audit.status, audit.finished_on) == ("finished", D(2023, 9, 15))
    session = _session(audit, department, [auditor])
    with pytest.raises(NonconformityError):
        finding_record(
            session=session,
            clause="9.2",
            question="x",
            result="conforming",
            evidence="",
            user=auditor,
        )


def test_the_audit_report_and_the_corrective_action_report(
    client, audit, department, auditor, secretary
):
    session = _session(audit, department, [auditor])
    finding_record(
        session=session,
        clause="8.5.1",
        question="Phiếu xin lỗi?",
        result="nc_major",
        evidence="Không có phiếu",
        user=auditor,
    )
    finding_record(
        session=session,
        clause="7.5",
        question="Danh mục tài liệu?",
        result="conforming",
        evidence="Có",
        user=auditor,
    )
    audit_finish(
        audit=audit, user=secretary, finished_on=D(2023, 9, 15), conclusions="Cơ bản phù hợp"
    )
    client.force_login(secretary)

    def text(name):
        response = client.get(reverse(name, args=[audit.pk]))
        return " ".join(
            " ".join(p.extract_text().split())
            for p in PdfReader(io.BytesIO(response.content)).pages
        )

    report = text("reports:audit_report_pdf")
    for part in (
        "BÁO CÁO",
        "Phiếu xin lỗi?",
        "KPH-2023-01",
        "Danh mục tài liệu?",
        "Cơ bản phù hợp",
    ):
        assert part in report
    corrective = text("reports:corrective_report_pdf")
    assert "KPH-2023-01" in corrective
    xlsx = client.get(reverse("reports:audit_report_xlsx", args=[audit.pk]))
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).worksheets[0].values)
    assert len(rows) == 1 + 2 + 1
    corrective_xlsx = client.get(reverse("reports:corrective_report_xlsx", args=[audit.pk]))
    rows = list(load_workbook(io.BytesIO(corrective_xlsx.content)).worksheets[0].values)
    assert [r[0] for r in rows] == ["Số hiệu", "KPH-2023-01", "Tổng cộng"]


def test_who_may_plan_and_record(
    client, audit, department, auditor, make_member, other_organization
):
    session = _session(audit, department, [auditor])
    staff = make_member(Role.STAFF, department=department)
    client.force_login(staff)
    assert client.get(reverse("audits:audit_create")).status_code == 403
    assert client.get(audit.get_absolute_url()).status_code == 200  # read
    assert (
        client.post(
            reverse("audits:session_checklist", args=[session.pk]),
            {"clause": "7.5", "question": "x", "result": "conforming"},
        ).status_code
        == 403
    )
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(audit.get_absolute_url()).status_code == 404


def test_the_audit_page_does_not_grow_in_queries(
    client, audit, department, auditor, secretary, django_assert_max_num_queries
):
    session = _session(audit, department, [auditor])
    client.force_login(secretary)

    def count():
        with django_assert_max_num_queries(24) as captured:
            assert client.get(audit.get_absolute_url()).status_code == 200
        return len(captured)

    few = count()
    for n in range(6):
        finding_record(
            session=session,
            clause="8.5.1",
            question=f"Câu {n}",
            result="nc_minor",
            evidence="",
            user=auditor,
        )
        _session(audit, department, [auditor])
    assert count() == few


def test_the_secretary_writes_the_years_programme(client, secretary, organization):
    client.force_login(secretary)
    data = {
        "year": 2023,
        "objectives": "Đánh giá sự phù hợp của HTQLCL",
        "scope": "Tất cả các phòng, 01 lần/năm",
    }
    client.post(reverse("audits:audit_list"), data)
    page = client.get(reverse("audits:audit_list")).content.decode()
    assert "Chương trình đánh giá nội bộ 2023" in page
    assert "Tất cả các phòng, 01 lần/năm" in page
    assert page.count('id="programme-form"') == 1
    response = client.post(reverse("audits:audit_list"), data)
    assert "Đã có chương trình đánh giá cho năm 2023" in response.content.decode()


def test_the_demo_brings_an_approved_audit_with_its_programme_and_a_nonconformity_under_way():
    for _ in range(2):  # loading twice changes nothing
        call_command("load_demo", stdout=io.StringIO())
    assert AuditProgramme.objects.get(year=2022).scope.startswith("Tất cả các phòng")
    audit = Audit.objects.get(year=2022)
    assert audit.status == AuditStatus.APPROVED  # by the director in September 2022
    nonconformity = Nonconformity.objects.get(year=2022)
    assert nonconformity.status == NonconformityStatus.IN_PROGRESS
    assert nonconformity.actions.get().work_item is not None
    review = ManagementReview.objects.get(year=2022)
    assert review.status == ReviewStatus.APPROVED  # the minutes, in December 2022
    assert review.outputs.get().work_item.due_date == datetime.date(2023, 3, 31)


def test_finishing_twice_from_a_stale_page_is_refused(audit, secretary):
    """The second of two people finishing the same audit sees the saved status under the row
    lock: the first date and conclusions stay, and the event is recorded once."""
    first = Audit.objects.get(pk=audit.pk)
    stale = Audit.objects.get(pk=audit.pk)
    audit_finish(audit=first, user=secretary, finished_on=D(2023, 9, 15), conclusions="Phù hợp")
    with pytest.raises(NonconformityError, match=r"^Cuộc đánh giá đã kết thúc\.$"):
        audit_finish(audit=stale, user=secretary, finished_on=D(2023, 9, 20), conclusions="Khác")
    audit.refresh_from_db()
    assert (audit.status, audit.finished_on, audit.conclusions) == (
        AuditStatus.FINISHED,
        D(2023, 9, 15),
        "Phù hợp",
    )
    assert audit.history.filter(status=AuditStatus.FINISHED).count() == 1
    assert Event.objects.filter(kind=EventKind.INTERNAL_AUDIT_DONE).count() == 1


@pytest.fixture
def finished(audit, secretary):
    return audit_finish(
        audit=audit, user=secretary, finished_on=D(2023, 9, 15), conclusions="HTQLCL phù hợp"
    )


def test_the_director_approves_the_audit_report(client, finished, director):
    client.force_login(director)
    page = client.get(finished.get_absolute_url()).content.decode()
    approve = reverse("audits:audit_approve", args=[finished.pk])
    assert approve in page
    assert "Phê duyệt" in client.get(approve).content.decode()  # the confirmation page
    response = client.post(approve, follow=True)
    assert "Đã phê duyệt báo cáo đánh giá." in response.content.decode()
    finished.refresh_from_db()
    assert (finished.status, finished.approved_by) == (AuditStatus.APPROVED, director)
    assert finished.approved_at is not None
    recorded = finished.history.first()
    assert (recorded.status, recorded.history_user) == (AuditStatus.APPROVED, director)
    page = client.get(finished.get_absolute_url()).content.decode()
    assert "Báo cáo đã được phê duyệt" in page
    assert approve not in page


@pytest.mark.parametrize("role", [Role.ISO_SECRETARY, Role.AUDITOR, Role.DEPARTMENT_HEAD])
def test_only_the_leadership_approves_the_audit_report(
    client, finished, make_member, department, role
):
    client.force_login(make_member(role, department=department))
    assert reverse("audits:audit_approve", args=[finished.pk]) not in (
        client.get(finished.get_absolute_url()).content.decode()
    )
    approve = reverse("audits:audit_approve", args=[finished.pk])
    assert client.get(approve).status_code == 403
    assert client.post(approve).status_code == 403
    finished.refresh_from_db()
    assert (finished.status, finished.approved_by) == (AuditStatus.FINISHED, None)


def test_an_unfinished_audit_report_is_not_approved(client, audit, director):
    client.force_login(director)
    assert reverse("audits:audit_approve", args=[audit.pk]) not in (
        client.get(audit.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("audits:audit_approve", args=[audit.pk]), follow=True)
    assert "Không thể thực hiện khi cuộc đánh giá đang ở trạng thái “Đã lập kế hoạch”." in (
        response.content.decode()
    )
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PLANNED


def test_a_second_approval_is_refused(client, finished, director, make_member):
    deputy = make_member(Role.DEPUTY_DIRECTOR)
    first = Audit.objects.get(pk=finished.pk)
    stale = Audit.objects.get(pk=finished.pk)
    audit_approve(audit=first, user=director)
    with pytest.raises(NonconformityError) as refused:
        audit_approve(audit=stale, user=deputy)
    assert str(refused.value) == (
        "Không thể thực hiện khi cuộc đánh giá đang ở trạng thái “Báo cáo đã được phê duyệt”."
    )
    client.force_login(deputy)
    response = client.post(reverse("audits:audit_approve", args=[finished.pk]), follow=True)
    assert "Báo cáo đã được phê duyệt" in response.content.decode()
    finished.refresh_from_db()
    assert finished.approved_by == director
    assert finished.history.filter(status=AuditStatus.APPROVED).count() == 1


def test_an_approved_report_cannot_be_edited(
    client, finished, director, secretary, department, auditor
):
    session = _session(finished, department, [auditor])
    audit_approve(audit=finished, user=director)
    client.force_login(secretary)
    page = client.get(finished.get_absolute_url()).content.decode()
    assert reverse("audits:audit_edit", args=[finished.pk]) not in page
    edit = reverse("audits:audit_edit", args=[finished.pk])
    response = client.get(edit, follow=True)
    assert response.redirect_chain[-1][0] == finished.get_absolute_url()
    assert "Báo cáo đánh giá đã được phê duyệt: không thể thay đổi cuộc đánh giá." in (
        response.content.decode()
    )
    response = client.post(
        edit,
        {
            "title": "Đổi tên",
            "year": 2023,
            "units": [department.pk],
            "criteria": "TCVN ISO 9001:2015",
            "lead_auditor": auditor.pk,
            "starts_on": "2023-09-11",
            "ends_on": "2023-09-15",
            "lock_version": finished.lock_version,
        },
    )
    assert response.status_code == 302
    assert client.post(finished.get_absolute_url(), {"step": "session"}).status_code == 403
    with pytest.raises(NonconformityError):
        finding_record(
            session=session,
            clause="9.2",
            question="x",
            result="conforming",
            evidence="",
            user=auditor,
        )
    with pytest.raises(NonconformityError):
        audit_finish(audit=finished, user=secretary, finished_on=D(2023, 9, 20), conclusions="x")
    finished.refresh_from_db()
    assert (finished.title, finished.status, finished.conclusions) == (
        "Đánh giá nội bộ đợt 1 năm 2023",
        AuditStatus.APPROVED,
        "HTQLCL phù hợp",
    )


@pytest.fixture
def reported(audit, department, auditor, secretary, make_member):
    """A finished audit: one major nonconformity with two corrective actions in the first unit,
    two conforming findings in the second."""
    colleague = make_member(Role.AUDITOR, department=department, full_name="Trần Văn Bình")
    for session, clause, question, result, evidence, by in (
        (
            _session(audit, department, [auditor]),
            "8.5.1",
            "Phiếu xin lỗi?",
            "nc_major",
            "Không",
            auditor,
        ),
        (  # the auditor's own unit: audited by the colleague
            _session(audit, auditor.memberships.get().department, [colleague]),
            "7.5",
            "Danh mục?",
            "conforming",
            "Có",
            colleague,
        ),
    ):
        finding_record(
            session=session,
            clause=clause,
            question=question,
            result=result,
            evidence=evidence,
            user=by,
        )
    finding_record(
        session=session,
        clause="9.1.2",
        question="Khảo sát hài lòng?",
        result="conforming",
        evidence="Có phiếu khảo sát",
        user=colleague,
    )
    nonconformity = Nonconformity.objects.get()
    for action, due_on in (
        ("Lập phiếu xin lỗi", D(2023, 10, 2)),
        ("Tập huấn một cửa", D(2023, 11, 1)),
    ):
        corrective_action_add(
            nonconformity=nonconformity,
            action=action,
            department=department,
            due_on=due_on,
            user=secretary,
        )
    audit_finish(
        audit=audit, user=secretary, finished_on=D(2023, 9, 15), conclusions="Cơ bản phù hợp"
    )
    return audit


def test_the_audit_report_numbers_its_findings_through_all_units(client, reported, secretary):
    client.force_login(secretary)
    table = docx_document(client.get(reverse("reports:audit_report_docx", args=[reported.pk])))
    rows = docx_rows(table.tables[1])  # after the letterhead's header
    assert rows[0][:4] == ["TT", "Đơn vị", "Điều khoản", "Nội dung"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    pdf = client.get(reverse("reports:audit_report_pdf", args=[reported.pk]))
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "3 Thanh tra Sở 9.1.2 Khảo sát hài lòng?" in text


def test_the_audit_printouts_in_word_follow_the_official_layout(client, reported, secretary):
    client.force_login(secretary)
    notice = docx_document(client.get(reverse("reports:audit_notice_docx", args=[reported.pk])))
    header = docx_rows(notice.tables[0])[0]
    assert "Số:       /TB-" in header[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    paragraphs = docx_paragraphs(notice)
    assert paragraphs[:2] == [
        "THÔNG BÁO",
        "Kế hoạch đánh giá nội bộ: Đánh giá nội bộ đợt 1 năm 2023",
    ]
    assert "3. Trưởng đoàn: Võ Thị Lan." in paragraphs
    schedule = docx_rows(notice.tables[1])
    assert [row[3] for row in schedule] == [
        "Đơn vị được đánh giá",
        "Phòng Người có công",
        "Thanh tra Sở",
    ]
    closing = docx_text(notice)
    assert "Nơi nhận:" in closing
    assert "GIÁM ĐỐC" in closing
    report = docx_text(
        docx_document(client.get(reverse("reports:audit_report_docx", args=[reported.pk])))
    )
    for part in ("BÁO CÁO", "Phiếu xin lỗi?", "Không", "KPH-2023-01", "Cơ bản phù hợp"):
        assert part in report, part
    corrective = docx_document(
        client.get(reverse("reports:corrective_report_docx", args=[reported.pk]))
    )
    assert docx_paragraphs(corrective)[1] == (
        "Khắc phục các điểm không phù hợp sau Đánh giá nội bộ đợt 1 năm 2023"
    )
    [row] = docx_rows(corrective.tables[1])[1:]
    assert row[0] == "KPH-2023-01"
    assert row[4].split("\n") == [
        "- Lập phiếu xin lỗi (Phòng Người có công, hạn 02/10/2023: chưa thực hiện)",
        "- Tập huấn một cửa (Phòng Người có công, hạn 01/11/2023: chưa thực hiện)",
    ]


def test_each_audit_printout_has_its_own_file_name(client, reported, secretary):
    client.force_login(secretary)
    names = {}
    for name in (
        "audit_notice_pdf",
        "audit_notice_docx",
        "audit_report_pdf",
        "audit_report_docx",
        "audit_report_xlsx",
        "corrective_report_pdf",
        "corrective_report_docx",
        "corrective_report_xlsx",
    ):
        response = client.get(reverse(f"reports:{name}", args=[reported.pk]))
        assert response.status_code == 200, name
        names[name] = file_name(response)
    symbol = reported.organization.document_symbol
    assert names["audit_notice_docx"] == f"TB-DGNB-{symbol}-20230911.docx"
    assert names["audit_report_pdf"] == f"BC-DGNB-{symbol}-20230911.pdf"
    assert names["corrective_report_pdf"] == f"BC-KPH-{symbol}-20230911.pdf"
    assert len(set(names.values())) == len(names)


def test_the_audit_printouts_in_word_are_refused_as_the_pdfs_are(
    client, reported, make_member, other_organization, department, admin_user
):
    names = ("audit_notice", "audit_report", "corrective_report")
    for user, refused in (
        (make_member(Role.ISO_SECRETARY, org=other_organization), 404),
        (admin_user, 404),  # no agency to act in
    ):
        client.force_login(user)
        for name in names:
            for kind in ("pdf", "docx"):
                url = reverse(f"reports:{name}_{kind}", args=[reported.pk])
                assert client.get(url).status_code == refused, (user, url)
    client.force_login(make_member(Role.STAFF, department=department))
    for name in names:
        url = reverse(f"reports:{name}_docx", args=[reported.pk])
        assert client.get(url).status_code == 200


def test_the_audit_report_in_word_does_not_grow_in_queries(
    client, reported, secretary, django_assert_max_num_queries
):
    client.force_login(secretary)
    url = reverse("reports:corrective_report_docx", args=[reported.pk])
    with django_assert_max_num_queries(20) as captured:
        client.get(url)
    nonconformity = Nonconformity.objects.get()
    for number in range(5):
        corrective_action_add(
            nonconformity=nonconformity,
            action=f"Hành động {number}",
            department=nonconformity.department,
            due_on=D(2023, 12, 1),
            user=secretary,
        )
    with django_assert_max_num_queries(len(captured)):
        assert "Hành động 4" in docx_text(docx_document(client.get(url)))
