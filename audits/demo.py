"""Sở LĐTBXH 2022: an internal audit with one nonconformity under way, and the year-end review,
the audit report and the minutes approved by the director in their year; in the current year:
the internal audit planned, a nonconformity from a complaint being corrected."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audits.internal_audit.services import (
    audit_approve,
    audit_finish,
    audit_schedule,
    finding_record,
)
from audits.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    ManagementReview,
    Nonconformity,
    SatisfactionSurvey,
)
from audits.nonconformity.choices import NonconformitySource
from audits.nonconformity.services import (
    corrective_action_add,
    nonconformity_analyse,
    nonconformity_register,
    nonconformity_start_actions,
)
from audits.review.choices import OutputKind
from audits.review.services import review_approve, review_hold, review_output_add
from plans.models import Organization, User

D = datetime.date


def at_office(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """A moment of a past working day, in the agency's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


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
    director = User.objects.get(username="giamdoc")
    audit_approve(audit=audit, user=director, approved_at=at_office(D(2022, 9, 23)))
    _load_demo_review(organization, unit, secretary)
    return audit, True


def _load_demo_review(organization, unit, secretary) -> None:
    """The year-end review of 2022, held, its minutes approved by the director three days
    later."""
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
    review_approve(
        review=review,
        user=User.objects.get(username="giamdoc"),
        approved_at=at_office(D(2022, 12, 23)),
    )


# --- the current year ---------------------------------------------------------------------------
def _within_year(day: datetime.date, today: datetime.date) -> datetime.date:
    return min(day, D(today.year, 12, 31))


@transaction.atomic
def load_current_audit(today: datetime.date) -> tuple[Audit, bool]:
    """The internal audit of ``today``'s year, planned for next week (under way when the year
    has no week left), its sessions scheduled per unit."""
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    existing = Audit.objects.filter(organization=organization, year=today.year).first()
    if existing is not None:
        return existing, False
    auditor, secretary = User.objects.get(username="danhgia"), User.objects.get(username="thuky")
    starts = today + datetime.timedelta(days=7 - today.weekday())  # next Monday
    if starts + datetime.timedelta(days=4) > D(today.year, 12, 31):
        starts = max(D(today.year, 1, 1), today - datetime.timedelta(days=1))
    units = list(
        organization.departments.filter(
            name__in=["Phòng Người có công", "Phòng Lao động – Việc làm – Giáo dục nghề nghiệp"]
        ).order_by("order")
    )
    AuditProgramme.objects.get_or_create(
        organization=organization,
        year=today.year,
        defaults={
            "objectives": "Đánh giá sự phù hợp và hiệu lực của HTQLCL theo TCVN ISO 9001:2015",
            "scope": "Các phòng giải quyết TTHC; ưu tiên các quy trình có hồ sơ trễ hạn",
        },
    )
    audit = Audit.objects.create(
        organization=organization,
        year=today.year,
        title=f"Đánh giá nội bộ năm {today.year}",
        processes="Giải quyết TTHC lĩnh vực người có công; cấp giấy phép lao động",
        lead_auditor=auditor,
        starts_on=starts,
        ends_on=_within_year(starts + datetime.timedelta(days=4), today),
    )
    audit.units.set(units)
    audit.team.set([secretary])
    for day, unit in enumerate(units, start=1):
        session = AuditSession.objects.create(
            audit=audit,
            department=unit,
            date=_within_year(starts + datetime.timedelta(days=day), today),
            starts_at=datetime.time(8),
            ends_at=datetime.time(10, 30),
            auditees="Trưởng phòng, chuyên viên một cửa",
        )
        session.auditors.set([auditor])
    audit_schedule(audit=audit, user=secretary)
    return audit, True


@transaction.atomic
def load_current_nonconformity(today: datetime.date) -> tuple[Nonconformity, bool]:
    """A complaint of this year found a nonconformity: analysed, its corrective action due
    this week."""
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    existing = Nonconformity.objects.filter(
        organization=organization, year=today.year, source=NonconformitySource.COMPLAINT
    ).first()
    if existing is not None:
        return existing, False
    secretary = User.objects.get(username="thuky")
    unit = organization.departments.get(name="Phòng Người có công")
    nc = nonconformity_register(
        organization=organization,
        user=secretary,
        source=NonconformitySource.COMPLAINT,
        description="Công dân phản ánh hồ sơ trợ cấp ưu đãi trả kết quả trễ 05 ngày, không "
        "được thông báo lý do",
        clause="8.2.1",
        department=unit,
        found_on=max(D(today.year, 1, 1), today - datetime.timedelta(days=20)),
    )
    nonconformity_analyse(
        nonconformity=nc,
        correction="Gọi điện xin lỗi công dân, trả kết quả trong ngày",
        root_cause="Phần mềm một cửa không nhắc hồ sơ sắp đến hạn cho chuyên viên thụ lý",
        user=secretary,
    )
    corrective_action_add(
        nonconformity=nc,
        action="Bật nhắc việc hồ sơ sắp đến hạn trên phần mềm một cửa cho từng chuyên viên",
        department=unit,
        due_on=_within_year(today + datetime.timedelta(days=3), today),
        user=secretary,
    )
    nonconformity_start_actions(nonconformity=nc, user=secretary)
    return nc, True
