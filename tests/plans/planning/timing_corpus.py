"""Timing phrases as agencies write them in their annual ISO plans, each with what it MEANS.

The expectations are about the text, not about any parser nor about working days:

- ``dues``: the dates the text names, before any working-day adjustment (``Occurrence.due``). A
  period is due its last day ("Tháng 6" → 30/06, "Quý III" → 30/09, "6 tháng đầu năm" → 30/06), a
  range of periods or dates is one obligation due at its end ("Tháng 3-4/2023" → 30/04, "từ 01-6
  đến 15-7" → 15/07), a list is one obligation per item ("Quý I và Quý III" → 31/03, 30/09), a
  recurrence is one per period ("Hằng quý" → four quarter ends) and an anchor day dates each one
  ("Trước ngày 15 hằng tháng" → the 15th of every month; in a short month a day it does not have
  is its last day). "Trước tháng 9" means before September begins: 31/08.
- Parts of a period (a convention, as nothing more precise is written): the beginning of a year is
  its first month ("Đầu năm" → 31/01), its middle the end of its first half ("Giữa năm" → 30/06);
  the beginning of a quarter is its first month ("Đầu quý III" → 31/07); the beginning of a month is
  its first ten days ("Đầu tháng 3" → 10/03, the "thượng tuần"), its middle the 15th; the N-th
  week of a month ends on day 7·N ("Tuần đầu tiên của tháng 7" → 07/07), its last week on its last
  day.
- ``events``: ``(kind, amount, unit, before, fallback)``. ``kind`` is an ``EventKind`` value, or
  ``"named:<words>"`` for an event outside that list (``EventWait(kind="named", description=
  <words>)``): the event's words as written, without what introduces them ("khi (có)", "sau khi
  (có)", "ngay sau khi", "kể từ ngày/khi (có)") nor a leading "sự"/"việc": "Khi có sự thay đổi về
  cơ cấu tổ chức" → "thay đổi về cơ cấu tổ chức", compared without accents, case, extra spaces or
  end punctuation. Without a delay (``amount`` 0) the unit says nothing and is not compared.
  ``fallback`` is the date that stands if the event does not happen (either/or), else None. A
  recurrence beside an event is both, not either/or ("Định kỳ 06 tháng hoặc … khi có quy định mới").
- ``continuous``, ``on_request``; ``understood`` is False for an impossible date, a date outside
  the plan year and meaningless text (whose expected reading is otherwise empty).
"""

from __future__ import annotations

import calendar
import datetime
import unicodedata
from dataclasses import dataclass, field

QUARTER_ENDS = ("31/03", "30/06", "30/09", "31/12")
HALVES = ("30/06", "31/12")


@dataclass(frozen=True)
class Reading:
    dues: tuple[datetime.date, ...] = ()
    events: tuple[tuple, ...] = ()  # (kind, amount, unit, before, fallback ISO date or None)
    continuous: bool = False
    on_request: bool = False
    understood: bool = True


@dataclass(frozen=True)
class Phrase:
    text: str
    year: int
    expected: Reading = field(default_factory=Reading)


def _day(text: str, year: int) -> datetime.date:
    day, month = (int(part) for part in text.split("/"))
    return datetime.date(year, month, day)


def ev(kind, amount=0, unit="days", before=False, fallback=None):
    """An awaited event; ``fallback`` as "dd/mm" of the plan year."""
    return (kind, amount, unit, before, fallback)


def named(words, amount=0, unit="days", before=False, fallback=None):
    return ev(f"named:{words}", amount, unit, before, fallback)


def phrase(text, year, *dues, events=(), continuous=False, on_request=False, understood=True):
    """A phrase of the plan of ``year``; ``dues`` as "dd/mm" of that year."""
    return Phrase(
        text,
        year,
        Reading(
            dues=tuple(sorted(_day(d, year) for d in dues)),
            events=tuple(
                (kind, amount, unit, before, _day(fb, year).isoformat() if fb else None)
                for kind, amount, unit, before, fb in events
            ),
            continuous=continuous,
            on_request=on_request,
            understood=understood,
        ),
    )


def not_understood(text, year):
    return phrase(text, year, understood=False)


def month_ends(year):
    return tuple(f"{calendar.monthrange(year, m)[1]}/{m:02d}" for m in range(1, 13))


def each_month_on(day, year):
    """The ``day`` of every month (its last day where the month is shorter)."""
    return tuple(f"{min(day, calendar.monthrange(year, m)[1])}/{m:02d}" for m in range(1, 13))


def each_quarter_on(day, month_of_quarter):
    """The ``day`` of the first (1), second (2) or last (3) month of every quarter."""
    return tuple(f"{day}/{q * 3 - 3 + month_of_quarter:02d}" for q in range(1, 5))


def nfd(text):
    """The text as some PDFs and keyboards give it: letters and accents apart."""
    return unicodedata.normalize("NFD", text)


NEW = "new_guidance"
LEGAL = "legal_text_effective"
PUBLISHED = "procedures_published"
AUDIT_PLANNED = "internal_audit_planned"
AUDIT_DONE = "internal_audit_done"
COMMITTEE = "committee_changed"
REVIEW = "management_review_held"
TASK = "task_done"

EITHER_OR = (
    "Trường hợp có văn bản hướng dẫn mới: sau 30 ngày làm việc kể từ ngày nhận được văn bản "
    "hướng dẫn mới; trường hợp không có: trước ngày 31/8/2023"
)
CHAIN = "Sau 10 ngày làm việc kể từ ngày hoàn thành rà soát các TTHC/quy trình; trước ngày 15/9"

CORPUS: list[Phrase] = [
    # --- the seed plans, as plans/planning/demo.py keeps them -----------------------------------
    # Sở Lao động – TB&XH, 2022 (LABOUR_TASKS)
    phrase("Trong tháng 01 hàng năm", 2022, "31/01"),
    phrase("Hàng Quý", 2022, *QUARTER_ENDS),
    phrase(
        "Định kỳ 06 tháng hoặc đột xuất khi có quy định mới hoặc theo yêu cầu của cơ quan, đơn vị",
        2022,
        *HALVES,
        events=[ev(NEW)],
        on_request=True,
    ),
    phrase("Trước mỗi đợt đánh giá", 2022, events=[ev(AUDIT_PLANNED, before=True)]),
    phrase("Theo Kế hoạch đánh giá nội bộ", 2022, events=[ev(AUDIT_PLANNED)]),
    phrase(
        "Ít nhất 01 lần/năm hoặc thường xuyên sau mỗi đợt đánh giá",
        2022,
        "31/12",
        events=[ev(AUDIT_DONE)],
    ),
    phrase("Thường xuyên rà soát, cập nhật", 2022, continuous=True),
    phrase("Theo dõi thường xuyên và tổng hợp 01 lần vào cuối năm", 2022, "31/12", continuous=True),
    phrase(
        "Thường xuyên, hoặc khi có quy định mới, hoặc theo chỉ đạo của Lãnh đạo đơn vị",
        2022,
        events=[ev(NEW)],
        continuous=True,
        on_request=True,
    ),
    phrase("Theo kế hoạch hoặc đôt xuất khi có yêu cầu", 2022, on_request=True),
    # Sở Tài nguyên và Môi trường, 2022 (ENVIRONMENT_TASKS)
    phrase("Trong tháng 01/2022", 2022, "31/01"),
    phrase("Trong tháng 02/2022", 2022, "28/02"),
    phrase("Tháng 03/2022", 2022, "31/03"),
    phrase("Quý III/2022.", 2022, "30/09"),
    phrase("Sau đánh giá nội bộ", 2022, events=[ev(AUDIT_DONE)]),
    phrase("Tháng 12/2022", 2022, "31/12"),
    phrase(
        "Trong vòng 30 ngày sau khi TTHC được công bố", 2022, events=[ev(PUBLISHED, 30, "days")]
    ),
    phrase("Quý III/2022", 2022, "30/09"),
    # Sở Khoa học và Công nghệ, 2021 (SCIENCE_TASKS)
    phrase("Tháng 02", 2021, "28/02"),
    phrase("Tháng 3", 2021, "31/03"),
    phrase("Hàng tháng", 2021, *month_ends(2021)),
    phrase("Thường xuyên", 2021, continuous=True),
    phrase("Tháng 10", 2021, "31/10"),
    phrase("Tháng 11", 2021, "30/11"),
    # --- the same cells as the PDF extractor left them (/work/shared/seeds/*.txt) ----------------
    phrase("Trong tháng \n\n01/2022 ", 2022, "31/01"),
    phrase("Trong tháng \n\n02/2022 ", 2022, "28/02"),
    phrase("Tháng \n\n03/2022 ", 2022, "31/03"),
    phrase("Quý \n\nIII/2022. ", 2022, "30/09"),
    phrase("Sau đánh giá \n\nnội bộ ", 2022, events=[ev(AUDIT_DONE)]),
    phrase("Tháng \n\n12/2022 ", 2022, "31/12"),
    phrase(
        "Trong vòng \n\n30 ngày sau \n\nkhi TTHC \n\nđược công \n\nbố ",
        2022,
        events=[ev(PUBLISHED, 30, "days")],
    ),
    phrase("Quý III/2022 \n\n", 2022, "30/09"),
    phrase("Tháng 3 \n\n", 2021, "31/03"),
    phrase("Hàng tháng \n\n", 2021, *month_ends(2021)),
    phrase(" Trong tháng \n\n01 hàng năm  ", 2022, "31/01"),
    phrase(" Hàng Quý \n\n", 2022, *QUARTER_ENDS),
    phrase(
        "Định kỳ 06 \n\ntháng hoặc đột \n\nxuất khi có quy \n\nđịnh mới hoặc \n\ntheo yêu cầu "
        "\n\ncủa cơ quan, \n\nđơn vị  ",
        2022,
        *HALVES,
        events=[ev(NEW)],
        on_request=True,
    ),
    phrase("Trước mỗi đợt  \n\nđánh giá  ", 2022, events=[ev(AUDIT_PLANNED, before=True)]),
    phrase("Theo Kế \n\nhoạch đánh \n\ngiá nội bộ ", 2022, events=[ev(AUDIT_PLANNED)]),
    phrase(
        "Ít nhất 01 \n\nlần/năm hoặc \n\nthường xuyên \n\nsau mỗi đợt \n\nđánh giá ",
        2022,
        "31/12",
        events=[ev(AUDIT_DONE)],
    ),
    phrase("Thường \n\nxuyên rà soát, \n\ncập nhật ", 2022, continuous=True),
    phrase(
        "Theo dõi \n\nthường xuyên \n\nvà tổng hợp 01 \n\nlần vào cuối \n\nnăm  ",
        2022,
        "31/12",
        continuous=True,
    ),
    phrase(
        "Thường \n\nxuyên, hoặc \n\nkhi có quy \n\nđịnh mới, hoặc \n\ntheo chỉ đạo "
        "\n\ncủa Lãnh đạo \n\nđơn vị  ",
        2022,
        events=[ev(NEW)],
        continuous=True,
        on_request=True,
    ),
    phrase("Theo kế \n\nhoạch hoặc \n\nđôt xuất khi \n\ncó yêu cầu ", 2022, on_request=True),
    # --- one month ---------------------------------------------------------------------------
    phrase("Tháng 6", 2023, "30/06"),
    phrase("tháng 6", 2023, "30/06"),
    phrase("THÁNG 6", 2023, "30/06"),
    phrase("Thang 6", 2023, "30/06"),
    phrase("Tháng   06", 2023, "30/06"),
    phrase(nfd("Tháng 6"), 2023, "30/06"),
    phrase("Trong tháng 01", 2023, "31/01"),
    phrase("Trong tháng 6/2023", 2023, "30/06"),
    phrase("tháng 9 năm 2023", 2023, "30/09"),
    phrase("Tháng 02/2024", 2024, "29/02"),
    phrase("Tháng 02", 2023, "28/02"),
    phrase("6/2025", 2025, "30/06"),
    phrase("Hoàn thành trong tháng 8", 2024, "31/08"),
    phrase("Chậm nhất trong tháng 10", 2025, "31/10"),
    phrase("Tháng 12 năm 2026", 2026, "31/12"),
    phrase("trong thang 11/2026", 2026, "30/11"),
    phrase("Trước tháng 9", 2023, "31/08"),
    phrase("Hoàn thành trước tháng 6/2024", 2024, "31/05"),
    # --- several months: ranges are one obligation, lists one per month -----------------------
    phrase("Tháng 3-4/2023", 2023, "30/04"),
    phrase("Tháng 3 - 4", 2023, "30/04"),
    phrase("tháng 7–8", 2024, "31/08"),
    phrase("Từ tháng 5 đến tháng 10/2022", 2022, "31/10"),
    phrase("Tháng 5 đến tháng 6", 2025, "30/06"),
    phrase("Từ tháng 01 - 03/2024", 2024, "31/03"),
    phrase("Từ tháng 3 đến hết tháng 5", 2026, "31/05"),
    phrase("Tháng 3/2023 đến tháng 5/2023", 2023, "31/05"),
    phrase("tháng 10 - tháng 11/2025", 2025, "30/11"),
    phrase("Tháng 12/2022 - 01/2023", 2023, "31/01"),
    phrase("Tháng 6 và tháng 12", 2023, "30/06", "31/12"),
    phrase("Tháng 6, tháng 12", 2024, "30/06", "31/12"),
    phrase("Tháng 3, 6, 9, 12", 2025, *QUARTER_ENDS),
    phrase("Trong tháng 6 và tháng 12 hằng năm", 2022, "30/06", "31/12"),
    # --- quarters ------------------------------------------------------------------------------
    phrase("Quý III", 2023, "30/09"),
    phrase("quý III", 2023, "30/09"),
    phrase("Quý 3", 2023, "30/09"),
    phrase("Q3", 2023, "30/09"),
    phrase("QUÝ III", 2023, "30/09"),
    phrase("Quy III", 2023, "30/09"),
    phrase("Quí III", 2023, "30/09"),
    phrase("quý iii", 2023, "30/09"),
    phrase("Quý III năm 2023", 2023, "30/09"),
    phrase("Trong Quý 3/2023", 2023, "30/09"),
    phrase("Trong quý I", 2024, "31/03"),
    phrase("Q1/2024", 2024, "31/03"),
    phrase("trong Quý 2 năm 2025", 2025, "30/06"),
    phrase("Quý IV năm 2026", 2026, "31/12"),
    phrase("Quý  IV / 2026", 2026, "31/12"),
    phrase("Quý I và Quý III", 2023, "31/03", "30/09"),
    phrase("Quý II, Quý IV", 2024, "30/06", "31/12"),
    phrase("quý 1, 2, 3, 4", 2025, *QUARTER_ENDS),
    phrase("Quý I, II/2023", 2023, "31/03", "30/06"),
    phrase("Q2, Q4", 2026, "30/06", "31/12"),
    phrase("Quý I và III năm 2024", 2024, "31/03", "30/09"),
    phrase("Quý II - Quý III", 2023, "30/09"),
    phrase("Từ quý II đến quý III/2025", 2025, "30/09"),
    # --- recurring by month, quarter, half-year, year ------------------------------------------
    phrase("Hằng tháng", 2022, *month_ends(2022)),
    phrase("hang thang", 2023, *month_ends(2023)),
    phrase("HÀNG THÁNG", 2024, *month_ends(2024)),
    phrase("Định kỳ hàng tháng", 2025, *month_ends(2025)),
    phrase("01 lần/tháng", 2023, *month_ends(2023)),
    phrase("Mỗi tháng một lần", 2026, *month_ends(2026)),
    phrase("Cuối hằng tháng", 2024, *month_ends(2024)),
    phrase("Hằng quý", 2023, *QUARTER_ENDS),
    phrase("hang quy", 2024, *QUARTER_ENDS),
    phrase("Định kỳ hằng quý", 2025, *QUARTER_ENDS),
    phrase("Quý/lần", 2023, *QUARTER_ENDS),
    phrase("03 tháng/lần", 2024, *QUARTER_ENDS),
    phrase("4 lần/năm", 2026, *QUARTER_ENDS),
    phrase("Cuối mỗi quý", 2023, *QUARTER_ENDS),
    phrase("Định kỳ 6 tháng", 2023, *HALVES),
    phrase("Định kỳ sáu tháng", 2024, *HALVES),
    phrase("6 tháng/lần", 2022, *HALVES),
    phrase("06 tháng một lần", 2025, *HALVES),
    phrase("hai lần một năm", 2024, *HALVES),
    phrase("02 lần/năm", 2023, *HALVES),
    phrase("2 lần / năm", 2026, *HALVES),
    phrase("Mỗi năm 2 lần", 2021, *HALVES),
    phrase("Nửa năm một lần", 2023, *HALVES),
    phrase("Sơ kết 6 tháng, tổng kết năm", 2024, *HALVES),
    phrase("Hàng năm", 2023, "31/12"),
    phrase("Hằng năm", 2024, "31/12"),
    phrase("hang nam", 2025, "31/12"),
    phrase("Mỗi năm một lần", 2021, "31/12"),
    phrase("01 lần/năm", 2026, "31/12"),
    phrase("Ít nhất 01 lần/năm", 2022, "31/12"),
    phrase("Tối thiểu 1 lần/năm", 2023, "31/12"),
    phrase("một lần/năm", 2024, "31/12"),
    # --- half-years and years ------------------------------------------------------------------
    phrase("6 tháng đầu năm", 2023, "30/06"),
    phrase("06 tháng đầu năm 2023", 2023, "30/06"),
    phrase("sáu tháng đầu năm", 2025, "30/06"),
    phrase("6 tháng cuối năm", 2023, "31/12"),
    phrase("trong 6 tháng cuối năm", 2024, "31/12"),
    phrase("Trong 06 tháng cuối năm 2026", 2026, "31/12"),
    phrase("Nửa đầu năm", 2022, "30/06"),
    phrase("nửa cuối năm", 2025, "31/12"),
    phrase("6 tháng đầu năm và cả năm", 2023, *HALVES),
    phrase("Năm 2024", 2024, "31/12"),
    phrase("trong năm 2023", 2023, "31/12"),
    phrase("Trong năm", 2025, "31/12"),
    # --- beginning, middle and end of a period -------------------------------------------------
    phrase("Đầu năm", 2023, "31/01"),
    phrase("đầu năm 2024", 2024, "31/01"),
    phrase("Giữa năm", 2025, "30/06"),
    phrase("Cuối năm", 2022, "31/12"),
    phrase("cuối năm 2025", 2025, "31/12"),
    phrase("Cuối năm (tháng 12)", 2026, "31/12"),
    phrase("Đầu quý III", 2023, "31/07"),
    phrase("Cuối quý II", 2024, "30/06"),
    phrase("cuối quý 4/2023", 2023, "31/12"),
    phrase("Đầu mỗi quý", 2025, "31/01", "30/04", "31/07", "31/10"),
    phrase("Đầu tháng 3", 2023, "10/03"),
    phrase("Cuối tháng 6", 2024, "30/06"),
    phrase("cuối tháng 11/2023", 2023, "30/11"),
    phrase("Giữa tháng 9", 2026, "15/09"),
    phrase("Trong 10 ngày đầu của tháng 01", 2024, "10/01"),
    # --- weeks of a month ----------------------------------------------------------------------
    phrase("Tuần đầu tiên của tháng 7", 2023, "07/07"),
    phrase("Tuần đầu tháng 7", 2024, "07/07"),
    phrase("tuần thứ hai của tháng 3", 2025, "14/03"),
    phrase("Tuần thứ 3 tháng 10", 2023, "21/10"),
    phrase("Tuần cuối của tháng 12", 2022, "31/12"),
    phrase("tuần cuối tháng 6/2024", 2024, "30/06"),
    phrase("Tuần đầu tiên của mỗi quý", 2026, *each_quarter_on(7, 1)),
    phrase("Tuần đầu hằng tháng", 2023, *each_month_on(7, 2023)),
    # --- recurrences on an anchor day ----------------------------------------------------------
    phrase("Trước ngày 15 hằng tháng", 2023, *each_month_on(15, 2023)),
    phrase("Truoc ngay 15 hang thang", 2024, *each_month_on(15, 2024)),
    phrase("Ngày 25 hàng tháng", 2022, *each_month_on(25, 2022)),
    phrase("Ngày 10 hằng tháng", 2025, *each_month_on(10, 2025)),
    phrase("trước ngày 05 hàng tháng", 2026, *each_month_on(5, 2026)),
    phrase("Định kỳ trước ngày 20 hằng tháng", 2021, *each_month_on(20, 2021)),
    phrase("Hàng tháng, trước ngày 25", 2023, *each_month_on(25, 2023)),
    phrase("Hằng tháng (trước ngày 20)", 2024, *each_month_on(20, 2024)),
    phrase("Ngày mùng 5 hằng tháng", 2025, *each_month_on(5, 2025)),
    phrase("Trước ngày mười (10) hằng tháng", 2023, *each_month_on(10, 2023)),
    phrase("Ngày 30 hằng tháng", 2024, *each_month_on(30, 2024)),
    phrase("trước ngày 15 của tháng cuối mỗi quý", 2023, *each_quarter_on(15, 3)),
    phrase("Hằng quý, trước ngày 25 của tháng cuối quý", 2024, *each_quarter_on(25, 3)),
    phrase("trước ngày 20 tháng cuối quý", 2025, *each_quarter_on(20, 3)),
    phrase("Ngày 15 tháng cuối mỗi quý", 2026, *each_quarter_on(15, 3)),
    phrase("Trước ngày 10 của tháng đầu mỗi quý", 2023, *each_quarter_on(10, 1)),
    phrase("Trước ngày 15/6 và 15/12 hằng năm", 2022, "15/06", "15/12"),
    phrase("Trước ngày 20 tháng 6 và tháng 12", 2023, "20/06", "20/12"),
    phrase("Hằng năm, trước ngày 15/12", 2024, "15/12"),
    # --- dates -----------------------------------------------------------------------------------
    phrase("Trước ngày 30/4/2023", 2023, "30/04"),
    phrase("Trước ngày 30/04", 2023, "30/04"),
    phrase("Trước ngày 20/10/2023", 2023, "20/10"),
    phrase("Trước  ngày   20/10/2023", 2023, "20/10"),
    phrase("TRƯỚC NGÀY 20/10/2023", 2023, "20/10"),
    phrase("truoc ngay 20/10/2023", 2023, "20/10"),
    phrase("Trước ngày 20/10/2023.", 2023, "20/10"),
    phrase("Trước\u00a0ngày 20/10", 2023, "20/10"),
    phrase("Trước ngày 28/02/2023", 2023, "28/02"),
    phrase("Trước ngày 30/12/2023", 2023, "30/12"),
    phrase("Trước ngày 29/02/2024", 2024, "29/02"),
    phrase("trước ngày 15-7", 2023, "15/07"),
    phrase("15.7", 2023, "15/07"),
    phrase("15.07.2024", 2024, "15/07"),
    phrase("Ngày 15-07-2025", 2025, "15/07"),
    phrase("Trước ngày 20 tháng 10 năm 2023", 2023, "20/10"),
    phrase("trước 20/10", 2022, "20/10"),
    phrase("Hạn chót: 30/9/2026", 2026, "30/09"),
    phrase("Chậm nhất ngày 10/12/2025", 2025, "10/12"),
    phrase("Chậm nhất là ngày 28/02/2024", 2024, "28/02"),
    phrase("Trước 30/6", 2021, "30/06"),
    phrase("Ngày 15/7 và ngày 15/12", 2023, "15/07", "15/12"),
    phrase("15/6; 15/12", 2024, "15/06", "15/12"),
    # --- date ranges: due at their end ----------------------------------------------------------
    phrase("từ 01-6 đến 15-7", 2023, "15/07"),
    phrase("tu 01.6 den 15.7", 2024, "15/07"),
    phrase("Từ ngày 01/3 đến ngày 31/3/2024", 2024, "31/03"),
    phrase("Từ 01/6 - 30/6", 2025, "30/06"),
    phrase("01/6 đến 30/6/2023", 2023, "30/06"),
    phrase("từ ngày 15/7 đến 30/10", 2022, "30/10"),
    phrase("Từ ngày 20/11/2025 đến 05/12/2025", 2025, "05/12"),
    # --- after an event, with a delay in every unit and numbers in every writing ----------------
    phrase("Sau mỗi đợt đánh giá", 2023, events=[ev(AUDIT_DONE)]),
    phrase("Ngay sau khi kết thúc cuộc đánh giá nội bộ", 2024, events=[ev(AUDIT_DONE)]),
    phrase(
        "15 ngày sau khi kết thúc đánh giá nội bộ",
        2023,
        events=[ev(AUDIT_DONE, 15, "days")],
    ),
    phrase(
        "Trong vòng 10 ngày làm việc kể từ ngày kết thúc đợt đánh giá nội bộ",
        2024,
        events=[ev(AUDIT_DONE, 10, "working_days")],
    ),
    phrase(
        "Sau hai tuần kể từ khi kết thúc đánh giá nội bộ",
        2025,
        events=[ev(AUDIT_DONE, 2, "weeks")],
    ),
    phrase(
        "01 tháng sau khi hoàn thành đánh giá nội bộ",
        2026,
        events=[ev(AUDIT_DONE, 1, "months")],
    ),
    phrase("Sau họp xem xét lãnh đạo", 2023, events=[ev(REVIEW)]),
    phrase(
        "Trong vòng 15 ngày sau cuộc họp xem xét của Lãnh đạo",
        2023,
        events=[ev(REVIEW, 15, "days")],
    ),
    phrase(
        "Trong vòng 01 tuần sau cuộc họp xem xét của lãnh đạo",
        2024,
        events=[ev(REVIEW, 1, "weeks")],
    ),
    phrase("Một tháng sau cuộc họp xem xét của lãnh đạo", 2025, events=[ev(REVIEW, 1, "months")]),
    phrase("Sau khi hoàn thành họp xem xét của lãnh đạo", 2022, events=[ev(REVIEW)]),
    phrase("Khi có thay đổi thành viên BCĐ", 2023, events=[ev(COMMITTEE)]),
    phrase("Khi có thay đổi thành viên Ban chỉ đạo ISO", 2024, events=[ev(COMMITTEE)]),
    phrase("Sau khi có quyết định kiện toàn Ban Chỉ đạo ISO", 2025, events=[ev(COMMITTEE)]),
    phrase(
        "Trong vòng 05 ngày làm việc kể từ khi có thay đổi thành viên Ban chỉ đạo",
        2023,
        events=[ev(COMMITTEE, 5, "working_days")],
    ),
    phrase(
        "Trong vòng năm ngày làm việc kể từ khi có thay đổi thành viên BCĐ",
        2026,
        events=[ev(COMMITTEE, 5, "working_days")],
    ),
    phrase(
        "sau 30 ngày làm việc kể từ ngày nhận được văn bản hướng dẫn mới",
        2023,
        events=[ev(NEW, 30, "working_days")],
    ),
    phrase(
        "Trong vòng mười (10) ngày làm việc kể từ ngày nhận được văn bản hướng dẫn mới",
        2024,
        events=[ev(NEW, 10, "working_days")],
    ),
    phrase(
        "Trong vòng 10 (mười) ngày kể từ ngày nhận được văn bản mới",
        2025,
        events=[ev(NEW, 10, "days")],
    ),
    phrase("Khi có văn bản hướng dẫn mới", 2023, events=[ev(NEW)]),
    phrase("Khi có quy định mới", 2024, events=[ev(NEW)]),
    phrase("khi co quy dinh moi", 2021, events=[ev(NEW)]),
    phrase("Khi có văn bản quy phạm pháp luật mới ban hành", 2026, events=[ev(NEW)]),
    phrase(
        "chậm nhất là ba tháng kể từ khi văn bản quy phạm pháp luật mới có hiệu lực",
        2023,
        events=[ev(LEGAL, 3, "months")],
    ),
    phrase(
        "Chậm nhất 03 tháng kể từ khi văn bản có hiệu lực",
        2023,
        events=[ev(LEGAL, 3, "months")],
    ),
    phrase(
        "Trong vòng 02 (hai) tháng kể từ ngày văn bản quy phạm pháp luật có hiệu lực thi hành",
        2024,
        events=[ev(LEGAL, 2, "months")],
    ),
    phrase(
        "Trong thời hạn 30 ngày kể từ ngày văn bản có hiệu lực",
        2025,
        events=[ev(LEGAL, 30, "days")],
    ),
    phrase("Ngay khi văn bản mới có hiệu lực", 2022, events=[ev(LEGAL)]),
    phrase(
        "Trong vòng ba mươi ngày sau khi TTHC được công bố",
        2023,
        events=[ev(PUBLISHED, 30, "days")],
    ),
    phrase(
        "trong vong 30 ngay sau khi tthc duoc cong bo",
        2024,
        events=[ev(PUBLISHED, 30, "days")],
    ),
    phrase(
        "Trong vòng 05 ngày làm việc kể từ khi công bố TTHC mới",
        2025,
        events=[ev(PUBLISHED, 5, "working_days")],
    ),
    phrase(
        "Sau khi có Quyết định công bố TTHC của Chủ tịch UBND tỉnh",
        2023,
        events=[ev(PUBLISHED)],
    ),
    phrase("Khi có thủ tục hành chính mới được công bố", 2026, events=[ev(PUBLISHED)]),
    phrase(
        "Trong vòng mười lăm ngày kể từ ngày Quyết định công bố thủ tục hành chính được ban hành",
        2024,
        events=[ev(PUBLISHED, 15, "days")],
    ),
    phrase(
        "Sau 07 (bảy) ngày làm việc kể từ ngày thủ tục hành chính được công bố",
        2022,
        events=[ev(PUBLISHED, 7, "working_days")],
    ),
    phrase(
        "Trong vòng hai mươi lăm ngày sau khi kết thúc đánh giá nội bộ",
        2023,
        events=[ev(AUDIT_DONE, 25, "days")],
    ),
    phrase(
        "Sáu mươi (60) ngày kể từ ngày văn bản mới có hiệu lực",
        2025,
        events=[ev(LEGAL, 60, "days")],
    ),
    phrase(
        "Trong vòng ba (03) tháng sau khi có văn bản hướng dẫn mới",
        2026,
        events=[ev(NEW, 3, "months")],
    ),
    # --- before an event -------------------------------------------------------------------------
    phrase("trước mỗi cuộc đánh giá nội bộ", 2023, events=[ev(AUDIT_PLANNED, before=True)]),
    phrase("TRƯỚC MỖI ĐỢT ĐÁNH GIÁ", 2024, events=[ev(AUDIT_PLANNED, before=True)]),
    phrase("truoc moi dot danh gia", 2025, events=[ev(AUDIT_PLANNED, before=True)]),
    phrase(
        "Trước đợt đánh giá nội bộ 01 tuần",
        2023,
        events=[ev(AUDIT_PLANNED, 1, "weeks", before=True)],
    ),
    phrase(
        "Ít nhất 05 ngày làm việc trước khi đánh giá nội bộ",
        2024,
        events=[ev(AUDIT_PLANNED, 5, "working_days", before=True)],
    ),
    phrase(
        "Trước khi tiến hành đánh giá nội bộ 10 ngày",
        2026,
        events=[ev(AUDIT_PLANNED, 10, "days", before=True)],
    ),
    phrase(
        "Trước cuộc họp xem xét của lãnh đạo 07 ngày",
        2025,
        events=[ev(REVIEW, 7, "days", before=True)],
    ),
    # --- chains: after another task of the plan is done ------------------------------------------
    phrase(
        "Sau 10 ngày làm việc kể từ ngày hoàn thành rà soát",
        2023,
        events=[ev(TASK, 10, "working_days")],
    ),
    phrase("Kể từ ngày hoàn thành rà soát các quy trình nội bộ", 2024, events=[ev(TASK)]),
    phrase(
        "Trong vòng 2 tuần kể từ ngày hoàn thành khảo sát sự hài lòng",
        2025,
        events=[ev(TASK, 2, "weeks")],
    ),
    phrase(
        "Sau 05 ngày kể từ khi hoàn thành việc cập nhật danh mục tài liệu",
        2026,
        events=[ev(TASK, 5, "days")],
    ),
    # --- named events: anything the built-in list does not know ----------------------------------
    phrase(
        "Khi có sự thay đổi về cơ cấu tổ chức",
        2023,
        events=[named("thay đổi về cơ cấu tổ chức")],
    ),
    phrase(
        "khi co su thay doi ve co cau to chuc",
        2024,
        events=[named("thay đổi về cơ cấu tổ chức")],
    ),
    phrase(
        "KHI CÓ SỰ THAY ĐỔI VỀ CƠ CẤU TỔ CHỨC",
        2025,
        events=[named("thay đổi về cơ cấu tổ chức")],
    ),
    phrase("Khi có thay đổi cơ cấu tổ chức", 2023, events=[named("thay đổi cơ cấu tổ chức")]),
    phrase(
        "Trong vòng 15 ngày kể từ khi có sự thay đổi về cơ cấu tổ chức",
        2026,
        events=[named("thay đổi về cơ cấu tổ chức", 15, "days")],
    ),
    phrase(
        "Kể từ ngày nhận được kết luận thanh tra",
        2023,
        events=[named("nhận được kết luận thanh tra")],
    ),
    phrase(
        "Trong vòng 30 ngày kể từ ngày nhận được kết luận thanh tra",
        2024,
        events=[named("nhận được kết luận thanh tra", 30, "days")],
    ),
    phrase(
        "Sau khi có quyết định kiện toàn tổ chức bộ máy",
        2025,
        events=[named("quyết định kiện toàn tổ chức bộ máy")],
    ),
    phrase(
        "Sau khi sáp nhập các phòng chuyên môn",
        2022,
        events=[named("sáp nhập các phòng chuyên môn")],
    ),
    phrase(
        "02 (hai) tháng sau khi sáp nhập đơn vị",
        2023,
        events=[named("sáp nhập đơn vị", 2, "months")],
    ),
    phrase(
        "Trong vòng 45 (bốn mươi lăm) ngày kể từ ngày có quyết định sáp nhập",
        2025,
        events=[named("quyết định sáp nhập", 45, "days")],
    ),
    phrase(
        "Khi có khiếu nại của tổ chức, công dân",
        2023,
        events=[named("khiếu nại của tổ chức, công dân")],
    ),
    phrase(
        "Khi có phản ánh, kiến nghị về quy trình giải quyết TTHC",
        2024,
        events=[named("phản ánh, kiến nghị về quy trình giải quyết TTHC")],
    ),
    phrase(
        "Trong vòng 10 ngày làm việc sau khi có kết quả khảo sát sự hài lòng",
        2022,
        events=[named("kết quả khảo sát sự hài lòng", 10, "working_days")],
    ),
    phrase(
        "Sau khi UBND tỉnh công bố Chỉ số cải cách hành chính",
        2023,
        events=[named("UBND tỉnh công bố Chỉ số cải cách hành chính")],
    ),
    phrase(
        "Chậm nhất 15 ngày sau khi có công chức mới được tuyển dụng",
        2024,
        events=[named("công chức mới được tuyển dụng", 15, "days")],
    ),
    phrase(
        "Khi có công chức, viên chức được bố trí công việc mới",
        2021,
        events=[named("công chức, viên chức được bố trí công việc mới")],
    ),
    phrase("Sau khi mua sắm xong", 2022, events=[named("mua sắm xong")]),
    phrase(
        "Trong vòng 01 tuần sau khi có kết quả đánh giá của tổ chức chứng nhận",
        2025,
        events=[named("kết quả đánh giá của tổ chức chứng nhận", 1, "weeks")],
    ),
    phrase("Khi thay đổi trụ sở làm việc", 2026, events=[named("thay đổi trụ sở làm việc")]),
    phrase(
        "Ngay sau khi nâng cấp phần mềm một cửa điện tử",
        2023,
        events=[named("nâng cấp phần mềm một cửa điện tử")],
    ),
    phrase("Khi phát hiện sự không phù hợp", 2024, events=[named("phát hiện sự không phù hợp")]),
    phrase(
        "Sau 05 ngày làm việc kể từ ngày nhận được ý kiến của Sở Khoa học và Công nghệ",
        2021,
        events=[named("nhận được ý kiến của Sở Khoa học và Công nghệ", 5, "working_days")],
    ),
    phrase(
        "Khi có quyết định thành lập đơn vị mới",
        2025,
        events=[named("quyết định thành lập đơn vị mới")],
    ),
    phrase(
        "Trước khi tổ chức hội nghị tổng kết năm",
        2023,
        events=[named("tổ chức hội nghị tổng kết năm", before=True)],
    ),
    # --- either/or: the date stands until the event happens (one obligation) -------------------
    phrase(EITHER_OR, 2023, events=[ev(NEW, 30, "working_days", fallback="31/08")]),
    phrase(
        "Trường hợp có văn bản hướng dẫn mới: sau 30 ngày làm việc kể từ ngày nhận được văn bản "
        "hướng dẫn mới; trường hợp không có: trước ngày 31/8",
        2024,
        events=[ev(NEW, 30, "working_days", fallback="31/08")],
    ),
    phrase(
        "Khi có thay đổi thành viên BCĐ hoặc trong tháng 7",
        2022,
        events=[ev(COMMITTEE, fallback="31/07")],
    ),
    phrase(CHAIN, 2023, events=[ev(TASK, 10, "working_days", fallback="15/09")]),
    phrase(
        "Khi có văn bản hướng dẫn mới hoặc chậm nhất ngày 30/9",
        2025,
        events=[ev(NEW, fallback="30/09")],
    ),
    phrase(
        "Trong vòng 30 ngày kể từ ngày nhận được kết luận thanh tra; trường hợp không có: trước "
        "ngày 15/11",
        2024,
        events=[named("nhận được kết luận thanh tra", 30, "days", fallback="15/11")],
    ),
    phrase(
        "Khi có sự thay đổi về cơ cấu tổ chức hoặc trong Quý IV",
        2026,
        events=[named("thay đổi về cơ cấu tổ chức", fallback="31/12")],
    ),
    phrase(
        "Trong vòng 30 ngày sau khi TTHC được công bố; nếu không có TTHC mới: trong tháng 10",
        2023,
        events=[ev(PUBLISHED, 30, "days", fallback="31/10")],
    ),
    # --- continuous -------------------------------------------------------------------------------
    phrase("Thuong xuyen", 2022, continuous=True),
    phrase("THƯỜNG XUYÊN", 2023, continuous=True),
    phrase("thường  xuyên", 2024, continuous=True),
    phrase("Thường xuyên, liên tục", 2025, continuous=True),
    phrase("Liên tục", 2026, continuous=True),
    phrase("Thường xuyên trong năm", 2023, continuous=True),
    phrase("Hằng ngày", 2024, continuous=True),
    phrase("Hàng ngày", 2021, continuous=True),
    phrase("hang ngay", 2022, continuous=True),
    phrase("Thường xuyên, báo cáo hằng quý", 2023, *QUARTER_ENDS, continuous=True),
    phrase("Thường xuyên; báo cáo 6 tháng và năm", 2024, *HALVES, continuous=True),
    # --- on request -------------------------------------------------------------------------------
    phrase("Theo yêu cầu", 2023, on_request=True),
    phrase("theo yeu cau", 2024, on_request=True),
    phrase("Đột xuất", 2025, on_request=True),
    phrase("Khi có yêu cầu", 2023, on_request=True),
    phrase("Đột xuất khi có yêu cầu", 2026, on_request=True),
    phrase("Theo yêu cầu của Ban Chỉ đạo ISO tỉnh", 2022, on_request=True),
    phrase("Theo chỉ đạo của Giám đốc Sở", 2024, on_request=True),
    phrase("Khi có yêu cầu của cấp trên", 2025, on_request=True),
    phrase("Theo kế hoạch hoặc đột xuất khi có yêu cầu", 2023, on_request=True),
    phrase("Hằng quý hoặc đột xuất theo yêu cầu", 2023, *QUARTER_ENDS, on_request=True),
    phrase("Tháng 12 hoặc theo yêu cầu", 2024, "31/12", on_request=True),
    # --- impossible dates ----------------------------------------------------------------------
    not_understood("Trước ngày 31/02/2023", 2023),
    not_understood("Trước ngày 30/02", 2024),
    not_understood("Trước ngày 29/02/2023", 2023),
    not_understood("Trước ngày 31/4", 2025),
    not_understood("ngày 31/6/2022", 2022),
    not_understood("Trước ngày 32/1", 2026),
    not_understood("Tháng 13", 2023),
    not_understood("Quý V/2023", 2023),
    # --- outside the plan year ------------------------------------------------------------------
    not_understood("Trước ngày 20/10/2019", 2022),
    not_understood("Tháng 12/2021", 2022),
    not_understood("Quý IV/2023", 2024),
    not_understood("Năm 2025", 2024),
    not_understood("Trước ngày 15/01/2024", 2023),
    not_understood("Tháng 01 năm sau", 2023),
    not_understood("Từ tháng 11/2023 đến tháng 02/2024", 2023),
    # --- meaningless ---------------------------------------------------------------------------
    not_understood("", 2023),
    not_understood("???", 2022),
    not_understood("-", 2024),
    not_understood("Khi nào rảnh", 2022),
    not_understood("Chưa xác định", 2025),
    not_understood("N/A", 2026),
    # --- held out: written after the grammar was done, 36 of these 40 read right at once ---------
    phrase("Trước ngày 10/01/2025", 2025, "10/01"),
    phrase("Chậm nhất ngày 15 tháng 12 năm 2025", 2025, "15/12"),
    phrase("Trong quý I năm 2025", 2025, "31/03"),
    phrase("Quý I, II/2025", 2025, "31/03", "30/06"),
    phrase("Tháng 11, 12", 2025, "30/11", "31/12"),
    phrase("Từ tháng 02 đến hết tháng 4 năm 2025", 2025, "30/04"),
    phrase("Thực hiện trong tháng 10/2025", 2025, "31/10"),
    phrase("Định kỳ hằng quý (trước ngày 15 tháng cuối quý)", 2025, *each_quarter_on(15, 3)),
    phrase("Báo cáo định kỳ 6 tháng (trước 15/6) và năm (trước 15/12)", 2025, "15/06", "15/12"),
    not_understood("Trước ngày 05 của tháng đầu quý sau", 2025),  # the 4th quarter's: 05/01/2026
    phrase("Hai lần/năm", 2025, *HALVES),
    phrase("03 tháng/lần", 2025, *QUARTER_ENDS),
    phrase("1 lần/quý", 2025, *QUARTER_ENDS),
    phrase("Tuần cuối cùng của tháng 12", 2025, "31/12"),
    phrase("Cuối tháng 6/2025", 2025, "30/06"),
    phrase("Cuối quý IV", 2025, "31/12"),
    phrase("Nửa đầu năm 2025", 2025, "30/06"),
    phrase("Trong 06 tháng đầu năm", 2025, "30/06"),
    phrase(
        "Trong vòng 05 ngày làm việc kể từ ngày kết thúc cuộc đánh giá",
        2025,
        events=[ev(AUDIT_DONE, 5, "working_days")],
    ),
    phrase(
        "Sau khi có Quyết định công bố TTHC của Chủ tịch UBND tỉnh", 2025, events=[ev(PUBLISHED)]
    ),
    phrase(
        "Trong thời hạn 30 ngày kể từ ngày văn bản có hiệu lực thi hành",
        2025,
        events=[ev(LEGAL, 30, "days")],
    ),
    phrase(
        "Khi có sự thay đổi nhân sự lãnh đạo", 2025, events=[named("thay đổi nhân sự lãnh đạo")]
    ),
    phrase("Khi có sự cố hoặc sai sót", 2025, events=[named("sự cố hoặc sai sót")]),
    phrase("Sau khi ban hành kế hoạch đánh giá nội bộ", 2025, events=[ev(AUDIT_PLANNED)]),
    phrase("Ngay khi phát hiện", 2025, events=[named("phát hiện")]),
    phrase("Theo lịch của Đoàn kiểm tra", 2025, on_request=True),
    phrase("Theo Kế hoạch của UBND tỉnh", 2025, on_request=True),
    phrase("Trước 31/3/2025", 2025, "31/03"),
    phrase("Hạn chót 30.6.2025", 2025, "30/06"),
    phrase("Tháng 7 – tháng 8", 2025, "31/08"),
    phrase("Từ 15/7/2025 - 15/8/2025", 2025, "15/08"),
    phrase("Cả năm 2025", 2025, "31/12"),
    phrase("Năm 2025", 2025, "31/12"),
    phrase("Hằng năm (tháng 12)", 2025, "31/12"),
    phrase("Tháng 12 hằng năm", 2025, "31/12"),
    phrase("Thường xuyên, liên tục", 2025, continuous=True),
    phrase("Đầu quý IV", 2025, "31/10"),
    phrase("Trước ngày 20 hàng tháng", 2025, *each_month_on(20, 2025)),
    phrase("Giữa năm", 2025, "30/06"),
    phrase("Cuối mỗi tháng", 2025, *month_ends(2025)),
]
