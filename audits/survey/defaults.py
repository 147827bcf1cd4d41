"""The questionnaire an agency starts from (it edits its own copy, "Mẫu phiếu khảo sát"): the
criteria the provinces' satisfaction indices measure — access, procedures, staff, time, results —
on the 5-point scale, then the citizen's own words."""

from .choices import QuestionKind

SCALE, TEXT = QuestionKind.SCALE, QuestionKind.TEXT

DEFAULT_QUESTIONS: list[tuple[str, str]] = [
    (SCALE, "Nơi tiếp nhận hồ sơ (Bộ phận một cửa) dễ tìm, có đủ chỗ ngồi và tiện nghi"),
    (SCALE, "Thủ tục hành chính được niêm yết công khai, đầy đủ, dễ hiểu"),
    (SCALE, "Thành phần hồ sơ và mức phí, lệ phí đúng như quy định đã niêm yết"),
    (SCALE, "Công chức có thái độ lịch sự, tôn trọng, lắng nghe ý kiến của Ông/Bà"),
    (SCALE, "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo, một lần là đủ"),
    (SCALE, "Hồ sơ được giải quyết đúng hoặc sớm hơn thời hạn ghi trên giấy hẹn"),
    (SCALE, "Kết quả giải quyết đúng quy định, đầy đủ, chính xác"),
    (SCALE, "Mức độ hài lòng chung của Ông/Bà đối với việc giải quyết thủ tục hành chính"),
    (TEXT, "Ý kiến khác, góp ý để cơ quan phục vụ tốt hơn"),
]
