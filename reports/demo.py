"""Sở LĐTBXH's annual report of 2022, approved by the director and sent to the province in
December 2022, so that the province coordinator has a report to open."""

import datetime

from django.db import transaction
from django.utils import timezone

from plans.models import Organization, User

from .annual import annual_report_approve, annual_report_submit
from .models import AnnualReport

LABOUR = "Sở Lao động – Thương binh và Xã hội"
APPROVED_ON = datetime.date(2022, 12, 26)
SENT_ON = datetime.date(2022, 12, 27)


@transaction.atomic
def load_demo_annual_report() -> tuple[AnnualReport, bool]:
    organization = Organization.objects.get(name=LABOUR)
    existing = AnnualReport.objects.filter(organization=organization, year=2022).first()
    if existing is not None:
        return existing, False
    report = AnnualReport.objects.create(
        organization=organization,
        year=2022,
        scope="Toàn bộ các phòng chuyên môn thuộc Sở; các lĩnh vực giải quyết thủ tục hành chính "
        "và hoạt động nội bộ của Sở",
        reasons="Các nội dung thực hiện thường xuyên (rà soát tài liệu, tổng hợp ý kiến, đề xuất "
        "cải tiến): các phòng chưa báo cáo kết quả, tổng hợp vào quý I/2023.\nKhắc phục điểm "
        "không phù hợp KPH-2022-01: đang sửa đổi quy trình, hoàn thành trong quý I/2023.",
        difficulties="Công chức làm công tác ISO kiêm nhiệm nhiều việc; một số quy trình chưa "
        "cập nhật kịp khi có văn bản mới.",
        recommendations="Đề nghị Sở Khoa học và Công nghệ tổ chức tập huấn chuyên gia đánh giá "
        "nội bộ trong năm 2023.",
    )
    morning = datetime.time(10)
    report = annual_report_approve(
        report=report,
        user=User.objects.get(username="giamdoc"),
        approved_at=timezone.make_aware(datetime.datetime.combine(APPROVED_ON, morning)),
    )
    report = annual_report_submit(
        report=report, user=User.objects.get(username="thuky"), submitted_on=SENT_ON
    )
    return report, True
