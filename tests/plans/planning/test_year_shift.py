import pytest

from plans.planning.services.year_shift import shift_years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trong tháng 01/2022", "Trong tháng 01/2023"),
        ("Quý III/2022.", "Quý III/2023."),
        ("Trước ngày 20/10/2022", "Trước ngày 20/10/2023"),
        ("Báo cáo kết quả thực hiện MTCL năm 2022", "Báo cáo kết quả thực hiện MTCL năm 2023"),
        ("khảo sát năm 2021 do UBND tỉnh công bố", "khảo sát năm 2022 do UBND tỉnh công bố"),
        ("Hàng Quý", "Hàng Quý"),
        ("theo TCVN ISO 9001:2015", "theo TCVN ISO 9001:2015"),
        (
            "Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014",
            "Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014",
        ),
    ],
)
def test_years_near_the_plan_year_move_forward(text, expected):
    assert shift_years(text, from_year=2022) == expected


def test_a_29_february_becomes_the_28th():
    assert shift_years("Trước ngày 29/02/2024", from_year=2024) == "Trước ngày 28/02/2025"


def test_a_date_is_moved_once_even_when_its_new_year_is_also_shifted():
    # 2021 → 2022 must not then become 2023 in the same pass.
    assert (
        shift_years("ngày 15/12/2021 và năm 2022", from_year=2022) == "ngày 15/12/2022 và năm 2023"
    )
