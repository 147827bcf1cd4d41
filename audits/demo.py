"""A demo internal audit of Sở LĐTBXH 2022 with its findings and one nonconformity under way."""

import datetime

from django.db import transaction

from audits.models import Audit, AuditProgramme, AuditSession
from audits.services.audit import audit_finish, finding_record
from audits.services.nonconformity import (
    corrective_action_add,
    nonconformity_analyse,
    nonconformity_start_actions,
)
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
    return audit, True
