"""Read the Vietnamese timing column of a plan task.

The text is normalised (lower case, no diacritics, "đ" → "d"; numbers in words as digits; other
spellings such as "Q3", "Quí III", "ngày mùng 5"; the reasons a summary gives for a moved date
dropped), cut
into alternatives ("hoặc", ";", "trường hợp"), and each alternative is read by the parts of a
small grammar, each in its module of this package:

- ``numbers``: digits, words ("mười", "hai lần một năm") or both ("mười (10) ngày");
- ``dates``: "15/7", "15.7", "01-6", "31/8/2023", "ngày 10 tháng 7", ranges "từ 01-6 đến 15-7";
- ``periods``: a month ("Trước tháng 9": before it begins), a month range ("Tháng 3-4/2023": one
  obligation, due at its end) or list, a quarter, quarter list or range, a half-year ("6 tháng
  cuối năm", "sơ kết 6 tháng"), the year, the beginning/middle/end of a period, the first/last
  week of a month or quarter, and recurrences, with an anchor day before or after them ("ngày 10
  hằng tháng", "Hàng tháng, trước ngày 25", "trước ngày 20 tháng cuối quý");
- ``events``: the built-in kinds, any other event named by its words ("khi có sự thay đổi về
  cơ cấu tổ chức", "trước khi tổ chức hội nghị tổng kết năm": kind "named"), the delay after or
  before it ("chậm nhất là ba tháng kể từ …"), and the summary's own words for a wait;
- ``reader``: the alternatives together. An event and one stated date or period are either/or:
  the date is the event's fallback (one obligation);
- ``summary``: the reading in words, generated from the schedule; typed back into the cell, it
  reads as the same schedule.

Anything else is "not understood" (with a note for an impossible date or one outside the plan
year): never an error. This module keeps the names the rest of the code imports.
"""

from .events import EVENT_PATTERNS, NAMED, OFFSET, OFFSET_UNITS
from .manual import MANUAL_MODES, manual_mode_of, schedule_by_hand
from .reader import ALTERNATIVE, parse_timing
from .summary import describe_event, due_label, event_words, explain, summarize
from .text import event_key, normalize

__all__ = [
    "ALTERNATIVE",
    "EVENT_PATTERNS",
    "MANUAL_MODES",
    "NAMED",
    "OFFSET",
    "OFFSET_UNITS",
    "describe_event",
    "due_label",
    "event_key",
    "event_words",
    "explain",
    "manual_mode_of",
    "normalize",
    "parse_timing",
    "schedule_by_hand",
    "summarize",
]
