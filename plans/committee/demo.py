"""Sở LĐTBXH's steering committee: set up in 2021, re-formed this year when a deputy director
retired (the plan's "Kiện toàn Ban Chỉ đạo ISO (khi thay đổi)"), through the services."""

from __future__ import annotations

import datetime

from django.db import transaction

from plans.organizations.models import Organization, User

from .choices import CommitteePosition as P
from .models import CommitteeComposition, CommitteeMember
from .services import (
    composition_change,
    composition_issue,
    composition_start,
    member_remove,
    member_save,
)

LABOUR = "Sở Lao động – Thương binh và Xã hội"
BASIS = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp dụng "
    "Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt động của các "
    "cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;\n"
    "Căn cứ Quyết định số 07/2016/QĐ-UBND ngày 29/01/2016 của Ủy ban nhân dân tỉnh Đồng Tháp "
    "quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Lao động – Thương binh và "
    "Xã hội;\n"
    "Xét đề nghị của Chánh Văn phòng Sở."
)
# (login or a typed name, title, position, duty)
FIRST = [
    ("giamdoc", "Giám đốc Sở", P.CHAIR, "Chỉ đạo chung"),
    ("Trần Quốc Hùng", "Phó Giám đốc Sở", P.VICE_CHAIR, "Phụ trách công tác ISO"),
    ("Nguyễn Thanh Bình", "Chánh Văn phòng Sở", P.MEMBER, "Thường trực Ban Chỉ đạo"),
    ("truongphong", "Trưởng phòng Người có công", P.MEMBER, ""),
    ("danhgia", "Chánh Thanh tra Sở", P.MEMBER, "Đánh giá nội bộ"),
    ("thuky", "Chuyên viên Văn phòng Sở", P.SECRETARY, "Thư ký ISO"),
]
# This year: the deputy director who retired is replaced; the leader of a partner body joins.
SECOND = [
    ("giamdoc", "Giám đốc Sở", P.CHAIR, "Chỉ đạo chung"),
    ("phogiamdoc", "Phó Giám đốc Sở", P.VICE_CHAIR, "Phụ trách công tác ISO"),
    ("Nguyễn Thanh Bình", "Chánh Văn phòng Sở", P.MEMBER, "Thường trực Ban Chỉ đạo"),
    ("truongphong", "Trưởng phòng Người có công", P.MEMBER, ""),
    ("danhgia", "Chánh Thanh tra Sở", P.MEMBER, "Đánh giá nội bộ"),
    ("Huỳnh Văn Tài", "Phó Giám đốc Trung tâm Dịch vụ việc làm", P.MEMBER, ""),
    ("thuky", "Chuyên viên Văn phòng Sở", P.SECRETARY, "Thư ký ISO"),
]


def _issue(organization, secretary, members, *, number, on, note) -> CommitteeComposition:
    draft = composition_start(organization=organization, user=secretary)
    for member in list(draft.members.all()):
        member_remove(member=member)
    logins = {u.username: u for u in User.objects.filter(username__in=[m[0] for m in members])}
    for who, title, position, duty in members:
        member_save(
            member=CommitteeMember(
                composition=draft,
                user=logins.get(who),
                name="" if who in logins else who,
                title=title,
                position=position,
                duty=duty,
            )
        )
    draft.decision_number, draft.decided_on, draft.note = number, on, note
    draft.signer_name, draft.basis = "Trần Văn Minh", BASIS
    composition_change(composition=draft)
    return composition_issue(composition=draft, user=secretary)


@transaction.atomic
def load_demo_committee(today: datetime.date) -> str:
    organization = Organization.objects.get(name=LABOUR)
    if organization.committee_compositions.exists():
        return "  Steering committee of Sở LĐTBXH [exists]"
    secretary = User.objects.get(username="thuky")
    _issue(
        organization,
        secretary,
        FIRST,
        number="58/QĐ-SLĐTBXH",
        on=datetime.date(2021, 3, 15),
        note="Thành lập Ban Chỉ đạo ISO",
    )
    # Re-formed early this year (or today, if the year has only begun).
    on = min(today, datetime.date(today.year, 2, 3))
    current = _issue(
        organization,
        secretary,
        SECOND,
        number="15/QĐ-SLĐTBXH",
        on=on,
        note="Thay đổi nhân sự lãnh đạo Sở (đồng chí Trần Quốc Hùng nghỉ hưu)",
    )
    return (
        f"  Steering committee of Sở LĐTBXH: {current} of {on:%d/%m/%Y} in force, "
        "58/QĐ-SLĐTBXH of 2021 superseded [created]"
    )
