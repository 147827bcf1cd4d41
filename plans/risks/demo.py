"""Demo context and risk register of Sở Lao động – Thương binh và Xã hội for 2022: issues,
interested parties, risks of administrative procedures with treatment actions, one re-rated."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from plans.demo import demo_pdf
from plans.models import Organization, User
from plans.work.services import work_item_complete

from .choices import ContextKind, RiskKind, Treatment
from .models import ContextEntry, Risk
from .services import risk_action_add, risk_record, risk_rerate

D = datetime.date
YEAR = 2022

CONTEXT = [
    (
        ContextKind.INTERNAL,
        "Biên chế công chức giảm theo lộ trình tinh giản",
        "Khối lượng hồ sơ TTHC trên mỗi công chức tăng, nguy cơ trễ hạn",
        "Rà soát phân công nhiệm vụ 6 tháng một lần",
    ),
    (
        ContextKind.INTERNAL,
        "Hệ thống một cửa điện tử và dịch vụ công trực tuyến mức độ 4",
        "Hồ sơ điện tử thay hồ sơ giấy; cần kiểm soát hồ sơ điện tử theo mục 7.5",
        "Theo dõi qua báo cáo của Văn phòng Sở hằng quý",
    ),
    (
        ContextKind.EXTERNAL,
        "Văn bản quy phạm pháp luật mới về lao động, người có công thay đổi thường xuyên",
        "Quy trình ISO phải cập nhật kịp thời khi TTHC được công bố lại",
        "Theo dõi Công báo và quyết định công bố TTHC của UBND tỉnh",
    ),
    (
        ContextKind.EXTERNAL,
        "Người dân, doanh nghiệp kỳ vọng giải quyết TTHC nhanh, trực tuyến",
        "Chỉ số hài lòng (SIPAS) là căn cứ đánh giá Sở",
        "",
    ),
    (
        ContextKind.PARTY,
        "Người dân, doanh nghiệp",
        "Hồ sơ được giải quyết đúng hạn, minh bạch, thái độ phục vụ tốt",
        "Phiếu khảo sát sự hài lòng 6 tháng một lần",
    ),
    (
        ContextKind.PARTY,
        "UBND tỉnh Đồng Tháp",
        "Thực hiện đúng Quyết định 19/2014/QĐ-TTg và Kế hoạch cải cách hành chính của tỉnh",
        "Báo cáo định kỳ kết quả duy trì HTQLCL",
    ),
    (
        ContextKind.PARTY,
        "Bộ Lao động – Thương binh và Xã hội",
        "Thực hiện đúng hướng dẫn chuyên môn của ngành",
        "",
    ),
]

# (unit, process, description, cause, consequence, likelihood, impact, treatment, kind,
#  actions: (action, unit, due, done on), re-rating: (likelihood, impact, effectiveness) or None)
RISKS = [
    (
        "Phòng Người có công",
        "Giải quyết chế độ trợ cấp ưu đãi người có công",
        "Hồ sơ giải quyết trễ hạn do chờ xác minh thông tin từ địa phương",
        "Phối hợp xác minh với UBND cấp xã chậm",
        "Người có công nhận trợ cấp chậm; phải xin lỗi và gia hạn",
        4,
        4,
        Treatment.REDUCE,
        RiskKind.RISK,
        [
            (
                "Ban hành mẫu phiếu đề nghị xác minh có thời hạn trả lời",
                "Phòng Người có công",
                D(2022, 6, 30),
                D(2022, 6, 20),
            ),
            (
                "Nhắc việc hồ sơ sắp đến hạn trên hệ thống một cửa",
                "Văn phòng Sở",
                D(2022, 9, 30),
                D(2022, 9, 15),
            ),
        ],
        (2, 3, "Quý IV/2022 không còn hồ sơ trễ hạn do chờ xác minh (kiểm tra 40 hồ sơ)."),
    ),
    (
        "Phòng Lao động – Việc làm – Giáo dục nghề nghiệp",
        "Cấp giấy phép lao động cho người nước ngoài",
        "Thành phần hồ sơ thay đổi theo Nghị định mới nhưng quy trình chưa cập nhật",
        "Chưa theo dõi văn bản mới kịp thời",
        "Yêu cầu bổ sung hồ sơ sai, doanh nghiệp phản ánh",
        3,
        5,
        Treatment.REDUCE,
        RiskKind.RISK,
        [
            (
                "Cập nhật quy trình ISO theo Nghị định mới",
                "Phòng Lao động – Việc làm – Giáo dục nghề nghiệp",
                D(2022, 12, 30),
                None,
            )
        ],
        None,
    ),
    (
        "Văn phòng Sở",
        "Kiểm soát hồ sơ điện tử",
        "Mất dữ liệu hồ sơ điện tử khi máy chủ gặp sự cố",
        "Chưa sao lưu định kỳ",
        "Không truy xuất được hồ sơ khi kiểm tra",
        2,
        5,
        Treatment.TRANSFER,
        RiskKind.RISK,
        [],
        None,
    ),
    (
        "Phòng Bảo trợ xã hội – Trẻ em – Bình đẳng giới",
        "Tiếp nhận hồ sơ trợ giúp xã hội",
        "Tiếp nhận hồ sơ trực tuyến để giảm thời gian đi lại của người dân",
        "Dịch vụ công trực tuyến mức độ 4 đã sẵn sàng",
        "Tăng sự hài lòng của người dân",
        4,
        3,
        Treatment.PURSUE,
        RiskKind.OPPORTUNITY,
        [],
        None,
    ),
    (
        None,
        "Duy trì HTQLCL",
        "Thay đổi nhân sự Thư ký ISO làm gián đoạn theo dõi kế hoạch",
        "Luân chuyển công chức",
        "Công việc trong kế hoạch không được nhắc, bị trễ",
        2,
        2,
        Treatment.ACCEPT,
        RiskKind.RISK,
        [],
        None,
    ),
]


@transaction.atomic
def load_demo_risks() -> tuple[int, bool]:
    """Returns (number of risks of 2022, created now)."""
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    existing = Risk.objects.filter(organization=organization, year=YEAR)
    if existing.exists():
        return existing.count(), False
    secretary = User.objects.get(username="thuky")
    units = {d.name: d for d in organization.departments.all()}
    for order, (kind, subject, detail, response) in enumerate(CONTEXT):
        ContextEntry.objects.create(
            organization=organization,
            year=YEAR,
            kind=kind,
            order=order,
            subject=subject,
            detail=detail,
            response=response,
        )
    for (
        unit,
        process,
        description,
        cause,
        consequence,
        lk,
        im,
        treatment,
        kind,
        actions,
        rerating,
    ) in RISKS:
        risk = risk_record(
            organization=organization,
            user=secretary,
            year=YEAR,
            department=units[unit] if unit else None,
            kind=kind,
            process=process,
            description=description,
            cause=cause,
            consequence=consequence,
            likelihood=lk,
            impact=im,
            treatment=treatment,
        )
        for action, action_unit, due, done_on in actions:
            added = risk_action_add(
                risk=risk, action=action, department=units[action_unit], due_on=due, user=secretary
            )
            if done_on:
                # The demo year is past: the work was done on its day, recorded today.
                work_item_complete(
                    item=added.work_item, user=secretary, note="Đã thực hiện", done_on=done_on
                )
        if rerating:
            likelihood, impact, effectiveness = rerating
            risk_rerate(
                risk=risk,
                likelihood=likelihood,
                impact=impact,
                effective=True,
                effectiveness=effectiveness,
                user=secretary,
                today=D(2022, 12, 5),
            )
    return existing.count(), True


# --- the current year ---------------------------------------------------------------------------
UNIT = "Phòng Người có công"
CURRENT_RISK = {
    "process": "Giải quyết chế độ trợ cấp ưu đãi người có công",
    "description": "Hồ sơ điện tử nộp trực tuyến thiếu bản chụp giấy tờ, phải yêu cầu bổ sung "
    "nhiều lần",
    "cause": "Hướng dẫn thành phần hồ sơ trên Cổng dịch vụ công chưa rõ",
    "consequence": "Kéo dài thời gian giải quyết; công dân phản ánh",
    "likelihood": 3,
    "impact": 4,
    "treatment": Treatment.REDUCE,
    "kind": RiskKind.RISK,
}
# (action, days from today to its deadline, days before its deadline it was done or None)
CURRENT_ACTIONS = [
    ("Biên soạn lại hướng dẫn thành phần hồ sơ trên Cổng dịch vụ công", -40, 3),
    ("Tập huấn chuyên viên một cửa kiểm tra hồ sơ điện tử khi tiếp nhận", -9, None),
    ("Rà soát 30 hồ sơ trực tuyến gần nhất, báo cáo số lần yêu cầu bổ sung", 6, None),
]


def _evidence() -> ContentFile:
    html = (
        "<h1>Minh chứng</h1><p>Hướng dẫn thành phần hồ sơ đã cập nhật trên Cổng dịch vụ công.</p>"
    )
    return ContentFile(demo_pdf(html), name="huong-dan-thanh-phan-ho-so.pdf")


@transaction.atomic
def load_current_risks(today: datetime.date) -> tuple[Risk, bool]:
    """A risk of Phòng Người có công in ``today``'s year with its treatment actions on the unit's
    work: one done by its head with evidence, one overdue, one due next week (deadlines kept
    inside the year)."""
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    unit = organization.departments.get(name=UNIT)
    existing = Risk.objects.filter(
        organization=organization, year=today.year, department=unit, process=CURRENT_RISK["process"]
    ).first()
    if existing is not None:
        return existing, False
    secretary, head = User.objects.get(username="thuky"), User.objects.get(username="truongphong")
    risk = risk_record(
        organization=organization, user=secretary, year=today.year, department=unit, **CURRENT_RISK
    )
    first, last = D(today.year, 1, 1), D(today.year, 12, 31)
    for action, days, done_before in CURRENT_ACTIONS:
        due = min(last, max(first, today + datetime.timedelta(days=days)))
        added = risk_action_add(
            risk=risk, action=action, department=unit, due_on=due, user=secretary
        )
        if done_before is not None:
            work_item_complete(
                item=added.work_item,
                user=head,
                note="Đã cập nhật hướng dẫn trên Cổng dịch vụ công; bản hướng dẫn đính kèm.",
                files=[_evidence()],
                done_on=max(first, min(today, due - datetime.timedelta(days=done_before))),
            )
    return risk, True
