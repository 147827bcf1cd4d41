"""The demo province's templates: Đồng Tháp's coordinator has published one question bank for
internal audits. Idempotent."""

from plans.models import User

from .models import ProvinceTemplate, TemplateKind
from .services import parse_questions, template_create, template_publish

DEMO_TITLE = "Bộ câu hỏi đánh giá nội bộ mẫu của tỉnh Đồng Tháp"
DEMO_QUESTIONS = """\
4.3 | Phạm vi áp dụng HTQLCL đã được xác định, ban hành và cập nhật khi có thay đổi chưa?
5.2 | Chính sách chất lượng đã được phổ biến đến toàn thể công chức, viên chức chưa?
6.2 | Mục tiêu chất lượng năm đã được lập, phê duyệt và theo dõi kết quả định kỳ chưa?
7.5.3 | Tài liệu nội bộ có được kiểm soát (ban hành, sửa đổi, phân phối) theo quy trình không?
8.5.1 | Hồ sơ giải quyết thủ tục hành chính có được trả kết quả đúng hạn không?
9.2 | Chương trình đánh giá nội bộ năm đã được phê duyệt và thực hiện đầy đủ chưa?
10.2 | Các điểm không phù hợp có được phân tích nguyên nhân và khắc phục đúng hạn không?
"""


def load_demo_province_templates() -> tuple[ProvinceTemplate, bool]:
    existing = ProvinceTemplate.objects.filter(province="Đồng Tháp", title=DEMO_TITLE).first()
    if existing is not None:
        return existing, False
    coordinator = User.objects.get(username="dieuphoi")
    template = template_create(
        province="Đồng Tháp",
        kind=TemplateKind.QUESTION_BANK,
        title=DEMO_TITLE,
        note="Các cơ quan sao chép về và bổ sung câu hỏi theo lĩnh vực của mình.",
        user=coordinator,
        rows=parse_questions(DEMO_QUESTIONS),
    )
    return template_publish(template=template, user=coordinator), True
