"""Sở LĐTBXH 2022: an internal audit with one nonconformity under way, and the year-end review."""

import datetime
from decimal import Decimal

from django.db import transaction

from audits.internal_audit.services import audit_finish, finding_record
from audits.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    ManagementReview,
    SatisfactionSurvey,
)
from audits.nonconformity.services import (
    corrective_action_add,
    nonconformity_analyse,
    nonconformity_start_actions,
)
from audits.review.choices import OutputKind
from audits.review.services import review_hold, review_output_add
from plans.models import Organization, User

D = datetime.date


@transaction.atomic
def load_demo_audit() -> tuple[Audit, bool]:
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    existing = Audit.objects.filter(organization=organization, year=2022).first()
    if existing is not None:
        return existing, False
    auditor, secretary = User.objects.get(username="danhgia"), User.objects.get(username="thuky")
    unit = organization.departments.get(name="Phòng Người có công")
    AuditProgramme.objects.create(
        organization=organization,
        year=2022,
        objectives="Đánh giá sự phù hợp và hiệu lực của HTQLCL theo TCVN ISO 9001:2015",
        scope="Tất cả các phòng, ít nhất 01 lần/năm; lĩnh vực giải quyết TTHC 02 lần/năm",
    )
    audit = Audit.objects.create(
        organization=organization,
        year=2022,
        title="Đánh giá nội bộ năm 2022",
        processes="Giải quyết TTHC lĩnh vực người có công",
        lead_auditor=auditor,
        starts_on=D(2022, 9, 12),
        ends_on=D(2022, 9, 16),
    )
    audit.units.set([unit])
    audit.team.set([secretary])
    session = AuditSession.objects.create(
        audit=audit,
        department=unit,
        date=D(2022, 9, 13),
        starts_at=datetime.time(8),
        ends_at=datetime.time(10, 30),
        auditees="Trưởng phòng, chuyên viên một cửa",
    )
    session.auditors.set([auditor])
    finding_record(
        session=session,
        clause="7.5",
        question="Danh mục hồ sơ của phòng có được cập nhật?",
        result="conforming",
        evidence="Danh mục cập nhật tháng 8/2022",
        user=auditor,
    )
    nc = finding_record(
        session=session,
        clause="8.5.1",
        question="Hồ sơ trả kết quả trễ hạn có phiếu xin lỗi?",
        result="nc_minor",
        evidence="3/20 hồ sơ trễ hạn không có phiếu xin lỗi",
        user=auditor,
    ).nonconformity
    audit_finish(
        audit=audit,
        user=secretary,
        finished_on=D(2022, 9, 16),
        conclusions="Hệ thống được duy trì phù hợp; 01 điểm không phù hợp nhẹ.",
    )
    nonconformity_analyse(
        nonconformity=nc,
        correction="Liên hệ xin lỗi công dân",
        root_cause="Quy trình chưa quy định lập phiếu xin lỗi",
        user=secretary,
    )
    corrective_action_add(
        nonconformity=nc,
        action="Bổ sung bước lập phiếu xin lỗi vào quy trình",
        department=unit,
        due_on=D(2022, 10, 31),
        user=secretary,
    )
    nonconformity_start_actions(nonconformity=nc, user=secretary)
    _load_demo_review(organization, unit, secretary)
    return audit, True


def _load_demo_review(organization, unit, secretary) -> None:
    """The year-end review of 2022, held, its minutes waiting for the director's approval."""
    SatisfactionSurvey.objects.create(
        organization=organization,
        period_start=D(2022, 1, 1),
        period_end=D(2022, 11, 30),
        method="Phiếu khảo sát tại Bộ phận tiếp nhận và trả kết quả",
        responses=412,
        satisfied_percent=Decimal("97.3"),
        feedback="Đề nghị rút ngắn thời gian chờ nhận kết quả",
    )
    review = ManagementReview.objects.create(
        organization=organization,
        year=2022,
        title="Họp xem xét của Lãnh đạo năm 2022",
        period_start=D(2022, 1, 1),
        period_end=D(2022, 12, 15),
        meeting_on=D(2022, 12, 20),
        starts_at=datetime.time(8),
        place="Phòng họp Sở",
        chair=User.objects.get(username="giamdoc"),
        participants="Ban Chỉ đạo ISO\nTrưởng các phòng, đơn vị",
    )
    review_output_add(
        review=review,
        kind=OutputKind.RESOURCE_NEED,
        decision="Trang bị thêm 01 máy scan cho Bộ phận một cửa",
        department=unit,
        due_on=D(2023, 3, 31),
        user=secretary,
    )
    review_hold(review=review, user=secretary)
    review.minutes_secretary = secretary
    review.attendees = "Trưởng các phòng, đơn vị thuộc Sở\nThành viên Ban Chỉ đạo ISO"
    review.content = (
        "Thư ký ISO báo cáo kết quả duy trì HTQLCL năm 2022 theo các đầu vào của điều 9.3.2; "
        "các đại biểu thảo luận; Giám đốc Sở kết luận."
    )
    review.ends_at = datetime.time(10, 30)
    review.save()
