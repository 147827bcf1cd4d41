"""Read one timing text: the grammar's parts (numbers, dates, periods, recurrences, delays,
events) applied to each alternative, and the schedule they make together."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from django.utils.translation import gettext as _

from plans.choices import EventKind

from . import dates as d
from . import periods as p
from .events import (
    BEFORE_NAMED_EVENT,
    EVENT_PATTERNS,
    NAMED,
    NAMED_EVENT,
    NAMED_EVENT_END,
    OFFSET,
    OFFSET_UNITS,
    SUMMARY_EVENT,
)
from .numbers import numbers_as_digits
from .schedule import EventWait, Occurrence, Schedule
from .text import REASON, normalize, respell

WEEK_WORDS = {
    "dau tien": "đầu tiên", "dau": "đầu", "thu nhat": "thứ nhất", "thu hai": "thứ hai",
    "thu ba": "thứ ba", "thu tu": "thứ tư", "thu 1": "1", "thu 2": "2", "thu 3": "3",
    "thu 4": "4", "cuoi cung": "cuối cùng", "cuoi": "cuối",
}  # fmt: skip
FILLER = re.compile(r"^(?:(?:có|co|sự|su)(?:\s+|$))+", re.IGNORECASE)
# "hoặc" and ";" separate alternatives, except in the summary's "…, hoặc hạn D nếu không có".
ALTERNATIVE = re.compile(r"\bhoac\b(?! han [\d/]+\s*neu khong co)|;|\btruong hop\b")


def _blank(text: str, match: re.Match) -> str:
    """``text`` with the match's words used up (the same length, so spans stay aligned)."""
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


class _Reader:
    """Collects what the alternatives of one text say."""

    def __init__(self, year: int):
        self.year = year
        self.occurrences: dict[str, Occurrence] = {}
        self.events: list[EventWait] = []
        self.continuous = False
        self.on_request = False
        self.outside_year: list[str] = []
        self.impossible: list[str] = []
        self.explicit = False  # the summary's words: either/or only where it says so

    def add(self, key: str, label: str, due: datetime.date | None, source: str = "") -> None:
        if due is None:
            return
        if due.year != self.year:
            self.outside_year.append(source or due.strftime("%d/%m/%Y"))
            return
        self.occurrences.setdefault(key, Occurrence(key, label, due))

    def day(self, day: int, month: int, year: int | None, source: str) -> datetime.date | None:
        """Add the stated date "Hạn dd/mm/yyyy" (or note it as impossible)."""
        due = d.date_or_none(day, month, year or self.year)
        if due is None:
            self.impossible.append(source.strip())
        else:
            self.add(f"d-{due:%m%d}", f"Hạn {due:%d/%m/%Y}", due, source.strip())
        return due

    def month(
        self, month: int, year: int | None, label: str | None = None, day: int | None = None
    ) -> None:
        """The month (due its last day, or day ``day`` of it)."""
        year = year or self.year
        if not 1 <= month <= 12:
            self.impossible.append(f"tháng {month}")
        elif d.valid_year(year):
            due = d.day_in_month(year, month, day) if day else d.month_end(year, month)
            self.add(f"m-{month:02d}", label or f"Tháng {month}", due, f"{month:02d}/{year}")

    def quarter(
        self,
        quarter: int,
        year: int | None = None,
        month: int = 3,
        day: int | None = None,
        label: str = "",
    ) -> None:
        """The quarter (due its end, or day ``day`` of its ``month``-th month; a month after
        the third is in the next quarter: "trước ngày 05 của tháng đầu quý sau")."""
        year = year or self.year
        if d.valid_year(year):
            number = (quarter - 1) * 3 + month
            year, number = year + (number - 1) // 12, (number - 1) % 12 + 1
            due = d.day_in_month(year, number, day) if day else d.month_end(year, number)
            source = f"{p.QUARTER_LABELS[quarter]}/{year}" if month <= 3 else f"{due:%d/%m/%Y}"
            self.add(f"q-{quarter}", label or p.QUARTER_LABELS[quarter], due, source)

    def monthly(self, day: int | None = None) -> None:
        for month in range(1, 13):
            self.month(month, None, day=day)

    def quarterly(self, month: int = 3, day: int | None = None) -> None:
        for quarter in range(1, 5):
            self.quarter(quarter, month=month, day=day)

    def semiannual(self) -> None:
        self.half(1)
        self.half(2)

    def half(self, half: int) -> None:
        label = "6 tháng đầu năm" if half == 1 else "6 tháng cuối năm"
        self.add(f"h-{half}", label, d.month_end(self.year, 6 * half))

    def yearly(self, label: str = "") -> None:
        self.add("y", label or f"Năm {self.year}", d.month_end(self.year, 12))

    def state(self) -> tuple:
        """What has been said so far (to tell whether a clause said anything)."""
        return (
            len(self.occurrences),
            len(self.events),
            len(self.outside_year),
            len(self.impossible),
            self.continuous,
            self.on_request,
        )

    def name_further(self, words: str) -> None:
        """Add ``words`` to the last named event's ("sự cố" + " hoặc sai sót")."""
        last = self.events[-1]
        self.events[-1] = replace(last, description=f"{last.description} {words.strip()}")

    # One alternative ---------------------------------------------------------------------------
    def read(self, clause: str, original: str) -> None:
        """Read one alternative (``original`` is the same clause as typed)."""
        if self._event(clause, original) or self._named_event(
            clause, original, BEFORE_NAMED_EVENT, before=True
        ):
            return
        before = (len(self.occurrences), len(self.outside_year), len(self.impossible))
        self._periods(clause)
        said = before != (len(self.occurrences), len(self.outside_year), len(self.impossible))
        if p.CONTINUOUS.search(clause):
            self.continuous = said = True
            if p.YEAR_END.search(clause) and p.SUMMARY.search(clause):
                self.add("s", "Tổng hợp cuối năm", d.month_end(self.year, 12))
        elif p.YEAR_END.search(clause) and not said:
            self.yearly("Cuối năm")
            said = True
        if p.ON_REQUEST.search(clause):
            self.on_request = said = True
        if not said:
            self._named_event(clause, original, NAMED_EVENT)

    def _offset(self, clause: str) -> tuple[int, str]:
        offset = OFFSET.search(clause)
        return (int(offset.group(1)), OFFSET_UNITS[offset.group(2)]) if offset else (0, "days")

    def _event(self, clause: str, original: str) -> bool:
        if (match := SUMMARY_EVENT.search(clause)) is not None:
            return self._summary_event(match, original)
        for kind, pattern, before in EVENT_PATTERNS:
            match = pattern.search(clause)
            if not match:
                continue
            amount, unit = self._offset(clause)
            what = (
                original[match.start("what") : match.end("what")]
                if "what" in pattern.groupindex
                else ""
            )
            self.events.append(EventWait(kind, amount, unit, before, what.strip()))
            return True
        return False

    def _summary_event(self, match: re.Match, original: str) -> bool:
        """The summary's words for a wait: a built-in kind by its label (with its task's words in
        brackets), or a named event."""
        what = original[match.start("what") : match.end("what")].strip()
        amount = int(match.group("amount") or 0)
        unit = OFFSET_UNITS[match.group("unit")] if amount else "days"
        before = "truoc su kien" in match.group(0)
        fallback = match.group("fallback")
        fallback = d.date_or_none(*map(int, fallback.split("/"))) if fallback else None
        self.explicit = True
        for kind, label in EventKind.choices:
            label = normalize(str(label))[1]
            plain = normalize(what)[1]
            if plain == label or plain.startswith(f"{label} ("):
                description = what[len(label) + 2 : -1] if plain != label else ""
                wait = EventWait(kind, amount, unit, before, description, fallback=fallback)
                self.events.append(wait)
                return True
        self.events.append(EventWait(NAMED, amount, unit, before, what, fallback=fallback))
        return True

    def _named_event(
        self, clause: str, original: str, pattern: re.Pattern, before: bool = False
    ) -> bool:
        """ "Khi có sự thay đổi về cơ cấu tổ chức": an event of the organization, named by its
        words as written."""
        match = pattern.search(clause)
        if not match:
            return False
        start, end = match.span("what")
        cut = NAMED_EVENT_END.search(clause, start, end)
        end = cut.start() if cut else end
        words = original[start:end].strip(" ,-–…")
        plain = FILLER.sub("", words)
        if not re.search(r"\w", plain):
            return False
        words = plain if len(plain.split()) > 1 else words  # "sự cố" keeps its "sự"
        amount, unit = self._offset(clause[: match.start()] + " " + clause[end:])
        self.events.append(EventWait(NAMED, amount, unit, before, words))
        return True

    def _periods(self, clause: str) -> None:
        used = clause
        # Recurrences with an anchor day.
        for match in p.MONTHLY_ANCHOR.finditer(used):
            self.monthly(day=int(match.group(1) or match.group(2)))
            used = _blank(used, match)
        for match in p.QUARTERLY_ANCHOR.finditer(used):
            which = p.ordinal(match.group(2))
            month = (3 if which is None else min(which, 3)) + (3 if match.group(3) else 0)
            self.quarterly(month=month, day=int(match.group(1)))
            used = _blank(used, match)
        for match in p.WEEK_OF_QUARTER.finditer(used):
            week = p.ordinal(match.group(1))
            self.quarterly(month=1 if week else 3, day=7 * min(week, 4) if week else None)
            used = _blank(used, match)
        for match in p.WEEK_OF_MONTH.finditer(used):
            week = p.ordinal(match.group(1))
            day = 7 * min(week, 4) if week else 31
            if match.group(2):
                label = f"Tuần {WEEK_WORDS.get(match.group(1), '')} tháng {int(match.group(2))}"
                year = int(match.group(3)) if match.group(3) else None
                self.month(int(match.group(2)), year, label, day)
            elif re.search(p.EVERY, match.group(0)):
                self.monthly(day=day)
            used = _blank(used, match)
        for match in p.NEXT_YEAR_MONTH.finditer(used):
            self.month(int(match.group(1)), self.year + 1)
            used = _blank(used, match)
        for match in p.BEFORE_MONTH.finditer(used):
            month, year = int(match.group(1)), int(match.group(2) or self.year)
            label = f"Trước tháng {month}"
            if month == 1:
                self.month(12, year - 1, label)
            else:
                self.month(month - 1, year, label)
            used = _blank(used, match)
        # Stated dates.
        for match in d.DATE_RANGE.finditer(used):
            start = d.date_or_none(
                int(match.group(1)), int(match.group(3)), int(match.group(4) or self.year)
            )
            year = int(match.group(8) or self.year)
            end = d.date_or_none(int(match.group(5)), int(match.group(7)), year)
            if end is None:
                self.impossible.append(f"{match.group(5)}/{match.group(7)}")
            else:
                label = f"{start:%d/%m}–{end:%d/%m}" if start else f"Hạn {end:%d/%m/%Y}"
                self.add(f"d-{end:%m%d}", label, end, f"{end:%d/%m/%Y}")
            used = _blank(used, match)
        for match in p.MONTH_RANGE.finditer(used):
            first, last = int(match.group(1)), int(match.group(3))
            year = int(match.group(4) or match.group(2) or self.year)
            if 1 <= first <= 12 and 1 <= last <= 12:
                self.month(last, year, f"Tháng {first}–{last}")
            used = _blank(used, match)
        for match in d.DAY_OF_MONTHS.finditer(used):
            year = int(match.group(4)) if match.group(4) else None
            for month in [match.group(2), *re.findall(r"\d{1,2}", match.group(3))]:
                self.day(int(match.group(1)), int(month), year, match.group(0))
            used = _blank(used, match)
        for match in d.FULL_DATE.finditer(used):
            self.day(int(match.group(1)), int(match.group(3)), int(match.group(4)), match.group(0))
            used = _blank(used, match)
        for match in d.WORDED_DATE.finditer(used):
            year = int(match.group(3)) if match.group(3) else None
            self.day(int(match.group(1)), int(match.group(2)), year, match.group(0))
            used = _blank(used, match)
        for match in d.DAY_MONTH.finditer(used):
            day, month = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 5)
            self.day(int(day), int(month), None, match.group(0))
            used = _blank(used, match)
        # Periods.
        for match in p.HALF_AND_YEAR.finditer(used):
            self.half(1)
            self.yearly("Cả năm")
            used = _blank(used, match)
        for match in p.HALF_REPORT.finditer(used):
            self.half(1)
            used = _blank(used, match)
        for match in p.HALF_YEAR.finditer(used):
            self.half(1 if match.group(1) in {"dau", "truoc"} else 2)
            used = _blank(used, match)
        for match in p.PART_OF_MONTH.finditer(used):
            day = {"dau": 10, "giua": 15}.get(match.group(1))
            words = {"dau": "Đầu", "giua": "Giữa", "cuoi": "Cuối"}[match.group(1)]
            if match.group(2):
                month = int(match.group(2))
                year = int(match.group(3)) if match.group(3) else None
                self.month(month, year, f"{words} tháng {month}", day)
            elif re.search(p.EVERY, match.group(0)):
                self.monthly(day=day)
            else:
                continue
            used = _blank(used, match)
        for match in p.PART_OF_EVERY_QUARTER.finditer(used):
            which = p.ordinal(match.group(1))
            self.quarterly(month=which or 3)
            used = _blank(used, match)
        for match in p.PART_OF_QUARTER.finditer(used):
            which = p.ordinal(match.group(1))
            if match.group(2):
                year = int(match.group(3)) if match.group(3) else None
                number = p.quarter_number(match.group(2))
                words = {"dau": "Đầu", "giua": "Giữa", "cuoi": "Cuối"}[match.group(1)]
                label = f"{words} q{p.QUARTER_LABELS[number][1:]}"  # "Giữa quý II"
                self.quarter(number, year, which or 3, label=label)
                used = _blank(used, match)
        for match in p.PART_OF_YEAR.finditer(used):
            # The beginning of a year is its first month, its middle the end of its first half.
            month = 1 if match.group(1) == "dau" else 6
            year = int(match.group(2) or self.year)
            if d.valid_year(year):
                label = f"{'Đầu' if month == 1 else 'Giữa'} năm"
                self.add(f"m-{month:02d}", label, d.month_end(year, month), str(year))
            used = _blank(used, match)
        for match in p.WHOLE_YEAR.finditer(used):
            self.yearly()
            used = _blank(used, match)
        for match in p.QUARTER_RANGE.finditer(used):
            first, last = p.quarter_number(match.group(1)), p.quarter_number(match.group(3))
            year = int(match.group(4) or match.group(2) or self.year)
            label = f"{p.QUARTER_LABELS[first]}–{p.QUARTER_LABELS[last][4:]}"  # "Quý II–III"
            self.quarter(last, year, label=label)
            used = _blank(used, match)
        for match in p.QUARTER_LIST.finditer(used):
            year = int(match.group(3)) if match.group(3) else None
            numbers = [match.group(1), *re.findall(r"iv|i{1,3}|[1-4]", match.group(2))]
            for number in numbers:
                self.quarter(p.quarter_number(number), year)
            used = _blank(used, match)
        for match in p.QUARTER.finditer(used):
            year = int(match.group(2) or self.year)
            self.quarter(p.quarter_number(match.group(1)), year)
            used = _blank(used, match)
        for match in p.MONTH_LIST.finditer(used):
            year = int(match.group(3)) if match.group(3) else None
            for month in [match.group(1), *re.findall(r"\d{1,2}", match.group(2))]:
                self.month(int(month), year)
            used = _blank(used, match)
        for match in p.MONTH.finditer(used):
            self.month(int(match.group(1)), int(match.group(2)) if match.group(2) else None)
            used = _blank(used, match)
        for match in p.BARE_MONTH_YEAR.finditer(used):
            self.month(int(match.group(1)), int(match.group(2)))
            used = _blank(used, match)
        if self.occurrences or used != clause:
            return  # "Trong tháng 01 hàng năm": the month wins over "every year"
        self._recurrence(used)

    def _recurrence(self, used: str) -> None:
        if p.SEMIANNUAL.search(used):
            self.semiannual()
        elif p.QUARTERLY.search(used):
            self.quarterly()
        elif p.MONTHLY.search(used):
            self.monthly()
        elif (times := p.TIMES_PER_YEAR.search(used)) is not None:
            count = int(times.group(1) or times.group(2))
            {1: self.yearly, 2: self.semiannual, 4: self.quarterly, 12: self.monthly}.get(
                count, self.yearly
            )()
        elif p.YEARLY.search(used):
            self.yearly()
        elif (in_year := p.IN_YEAR.search(used)) is not None:
            year = int(in_year.group(1) or in_year.group(2))
            if d.valid_year(year):
                self.add("y", f"Năm {year}", d.month_end(year, 12), str(year))


def parse_timing(text: str, year: int) -> Schedule:
    """What the timing ``text`` of a task in the plan of ``year`` means. Never raises."""
    original, normalized = numbers_as_digits(*respell(*normalize(text or "")))
    normalized = REASON.sub(lambda m: " " * len(m.group(0)), normalized)
    reader = _Reader(year)
    start, named_before = 0, False
    # The summary's words for a wait are one alternative, whatever the event's words say.
    kept = [match.span() for match in SUMMARY_EVENT.finditer(normalized)]
    separators = [
        separator
        for separator in ALTERNATIVE.finditer(normalized)
        if not any(start <= separator.start() < end for start, end in kept)
    ]
    for separator in [*separators, None]:
        end = separator.start() if separator else len(normalized)
        if normalized[start:end].strip():
            said = reader.state()
            reader.read(normalized[start:end], original[start:end])
            if reader.state() == said and named_before:
                # "Khi có sự cố hoặc sai sót": words that say no time belong to the event's.
                reader.name_further(original[start - len("hoặc ") : end])
            named_before = (
                reader.state() != said
                and reader.events[-1:] != []
                and reader.events[-1].kind == NAMED
                and bool(separator)
                and separator.group(0) == "hoac"
            )
        start = separator.end() if separator else end
    occurrences = sorted(reader.occurrences.values(), key=lambda o: (o.due, o.key))
    events = reader.events
    if not reader.explicit and _either_or(occurrences, events):
        # "Trường hợp có văn bản mới: sau 30 ngày…; trường hợp không có: trước ngày 31/8"
        events, occurrences = [replace(events[0], fallback=occurrences[0].due)], []
    # A date that does not exist or lies in another year is never dropped silently, even beside
    # dates that were read: the secretary chooses the schedule (approval waits for it).
    if reader.outside_year or reader.impossible:
        notes = []
        if reader.impossible:
            notes.append(_("%(dates)s does not exist.") % {"dates": ", ".join(reader.impossible)})
        if reader.outside_year:
            notes.append(
                _("%(dates)s is not in the plan year %(year)s.")
                % {"dates": ", ".join(reader.outside_year), "year": year}
            )
        return Schedule(understood=False, note=" ".join(notes))
    understood = bool(occurrences or events or reader.continuous or reader.on_request)
    return Schedule(
        understood=understood,
        occurrences=occurrences,
        events=events,
        continuous=reader.continuous,
        on_request=reader.on_request,
    )


# One stated date, month, quarter or half-year beside one event is the event's fallback. A
# recurrence beside an event ("Định kỳ 06 tháng hoặc đột xuất khi có quy định mới", "Ít nhất 01
# lần/năm hoặc sau mỗi đợt đánh giá") is both: the periodic work and the work each event brings.
FALLBACK_KEYS = ("d-", "m-", "q-")


def _either_or(occurrences: list[Occurrence], events: list[EventWait]) -> bool:
    return (
        len(occurrences) == 1
        and len(events) == 1
        and occurrences[0].key.startswith(FALLBACK_KEYS)
        and not events[0].before
    )
