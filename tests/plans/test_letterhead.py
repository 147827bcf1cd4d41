"""The letterhead's agency name and where the printed task table may break (no database)."""

import pytest

from plans.letterhead import agency_lines, agency_rule_indent_mm
from plans.page_breaks import row_may_split


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("SỞ NỘI VỤ", ["SỞ NỘI VỤ"]),
        ("SỞ LAO ĐỘNG – TB&XH", ["SỞ LAO ĐỘNG – TB&XH"]),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]),
        # Balanced at "VÀ", never "SỞ KHOA HỌC VÀ CÔNG / NGHỆ".
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", ["SỞ KHOA HỌC", "VÀ CÔNG NGHỆ"]),
        ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", ["SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"]),
        ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", ["SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"]),
        # A phrase boundary rather than inside a compound ("THỂ / THAO", "THƯƠNG / BINH").
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", ["SỞ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"]),
        ("SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI", ["SỞ LAO ĐỘNG", "– THƯƠNG BINH VÀ XÃ HỘI"]),
        # No phrase boundary: the most balanced break between words.
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", ["TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG"]),
        ("  SỞ   NỘI VỤ ", ["SỞ NỘI VỤ"]),
        ("", []),
    ],
)
def test_the_agency_name_breaks_into_at_most_two_sensible_lines(name, lines):
    assert agency_lines(name) == lines


def test_the_docx_rule_is_centred_and_40_percent_of_the_longest_line():
    # "PHÁT TRIỂN NÔNG THÔN": 20 characters of 2.8 mm, a rule of 22.4 mm in the 66 mm column.
    assert agency_rule_indent_mm("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN") == pytest.approx(21.8)


def test_short_rows_move_whole_and_long_ones_split():
    widths = [5, 40, 20, 17, 18]
    assert not row_may_split(
        ["1", "Xây dựng mục tiêu chất lượng", "Thư ký ISO", "Tháng 01", ""], widths
    )
    long = "\n".join(f"- Quy trình {n}: cập nhật biểu mẫu và hồ sơ" for n in range(14))
    assert row_may_split(["2", long, "Các phòng", "Cả năm", ""], widths)
