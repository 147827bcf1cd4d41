"""Sở LĐTBXH, the current year: improvement proposals in each state — one waiting for the
secretary, one accepted with an action done and one due in a few days, one implemented, one
merged into the accepted one, one declined with its reason."""

import datetime

from django.db import transaction

from plans.documents.choices import DocumentKind
from plans.documents.models import Document
from plans.organizations.models import Organization, User
from plans.work.services import work_item_complete

from .models import ImprovementProposal
from .services import (
    improvement_action_add,
    proposal_accept,
    proposal_decline,
    proposal_merge,
    proposal_submit,
)

D = datetime.date
LABOUR = "Sở Lao động – Thương binh và Xã hội"


def _day(today: datetime.date, days: int) -> datetime.date:
    """``days`` from today, kept inside today's year (and never after today for the past)."""
    day = today + datetime.timedelta(days=days)
    return min(max(day, D(today.year, 1, 1)), D(today.year, 12, 31))


@transaction.atomic
def load_current_proposals(today: datetime.date) -> tuple[list[ImprovementProposal], bool]:
    organization = Organization.objects.get(name=LABOUR)
    existing = list(ImprovementProposal.objects.filter(organization=organization, year=today.year))
    if existing:
        return existing, False
    names = ["thuky", "nhanvien", "truongphong"]
    people = {u.username: u for u in User.objects.filter(username__in=names)}
    secretary, staff, head = people["thuky"], people["nhanvien"], people["truongphong"]
    units = {d.name: d for d in organization.departments.all()}
    merit = units["Phòng Người có công"]
    office = units["Văn phòng Sở"]
    jobs = units["Phòng Lao động – Việc làm – Giáo dục nghề nghiệp"]
    procedures = Document.objects.filter(organization=organization, kind=DocumentKind.PROCEDURE)
    procedure = procedures.order_by("code").first()

    def propose(user, unit, days_ago, **fields):
        return proposal_submit(
            organization=organization,
            user=user,
            today=_day(today, -days_ago),
            department=unit,
            **fields,
        )

    reminders = propose(
        staff,
        merit,
        60,
        title="Nhắc hạn hồ sơ trợ cấp ưu đãi trên phần mềm một cửa",
        problem="Chuyên viên thụ lý không được nhắc khi hồ sơ sắp đến hạn; có hồ sơ trả trễ.",
        description="Bổ sung bước kiểm tra hạn xử lý vào quy trình và bật nhắc việc trên phần "
        "mềm một cửa cho từng chuyên viên.",
        benefit="Không còn hồ sơ trễ hạn do quên; công dân được báo trước khi cần bổ sung.",
        document=procedure,
    )
    proposal_accept(
        proposal=reminders,
        user=secretary,
        note="Giao Phòng Người có công chủ trì, Văn phòng Sở phối hợp.",
        today=_day(today, -55),
    )
    checklist = improvement_action_add(
        proposal=reminders,
        action="Sửa quy trình: thêm bước kiểm tra hạn xử lý hằng tuần",
        department=merit,
        due_on=_day(today, -20),
        user=secretary,
    )
    work_item_complete(
        item=checklist.work_item,
        user=head,
        note="Quy trình sửa đổi đã trình phê duyệt",
        done_on=_day(today, -25),
    )
    improvement_action_add(
        proposal=reminders,
        action="Bật nhắc việc hồ sơ sắp đến hạn trên phần mềm một cửa",
        department=office,
        due_on=_day(today, 4),
        user=secretary,
    )

    forms = propose(
        head,
        merit,
        90,
        title="Gộp hai biểu mẫu tiếp nhận hồ sơ người có công",
        problem="Công dân phải khai cùng thông tin trên hai biểu mẫu.",
        description="Gộp BM-01 và BM-02 thành một biểu mẫu tiếp nhận.",
        benefit="Rút ngắn thời gian tiếp nhận, giảm sai sót khi nhập liệu.",
    )
    proposal_accept(proposal=forms, user=secretary, today=_day(today, -85))
    merged_form = improvement_action_add(
        proposal=forms,
        action="Ban hành biểu mẫu tiếp nhận hợp nhất",
        department=merit,
        due_on=_day(today, -40),
        user=secretary,
    )
    work_item_complete(
        item=merged_form.work_item,
        user=head,
        note="Biểu mẫu mới áp dụng từ đầu tháng",
        done_on=_day(today, -45),
    )

    same_idea = propose(
        secretary,
        office,
        30,
        title="Cảnh báo hồ sơ sắp trễ hạn cho lãnh đạo phòng",
        problem="Lãnh đạo phòng chỉ biết hồ sơ trễ khi đã quá hạn.",
        description="Gửi danh sách hồ sơ sắp đến hạn cho trưởng phòng mỗi sáng thứ Hai.",
        benefit="Lãnh đạo phòng điều phối kịp thời.",
    )
    proposal_merge(
        proposal=same_idea,
        into=reminders,
        user=secretary,
        note="Cùng nội dung với đề xuất nhắc hạn hồ sơ, thực hiện chung.",
        today=_day(today, -28),
    )

    declined = propose(
        staff,
        merit,
        20,
        title="Bỏ sổ theo dõi hồ sơ giấy",
        problem="Vừa nhập phần mềm vừa ghi sổ giấy, mất thời gian.",
        description="Chỉ theo dõi hồ sơ trên phần mềm một cửa.",
        benefit="Tiết kiệm thời gian ghi chép.",
    )
    proposal_decline(
        proposal=declined,
        reason="Sổ theo dõi giấy vẫn là hồ sơ bắt buộc theo quy định lưu trữ hiện hành.",
        user=secretary,
        today=_day(today, -15),
    )

    waiting = propose(
        head,
        jobs,
        3,
        title="Hướng dẫn điền tờ khai trợ cấp thất nghiệp tại quầy",
        problem="Nhiều tờ khai phải trả lại vì điền sai mục thời gian đóng bảo hiểm.",
        description="In tờ hướng dẫn mẫu có ví dụ, đặt tại quầy tiếp nhận.",
        benefit="Giảm hồ sơ phải bổ sung.",
    )
    return [reminders, forms, same_idea, declined, waiting], True
