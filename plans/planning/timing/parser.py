"""Read the Vietnamese timing column of a plan task.

The text is normalised (lower case, no diacritics, "đ" → "d"), cut into alternatives ("hoặc",
";"), and each alternative is read by a few patterns: a date, a month, a quarter, a recurrence,
a range, "thường xuyên", "theo yêu cầu", or an event with an optional delay. The schedule is the
union of what the alternatives say, except that an event and one stated date or period are
either/or: the date is the event's fallback (one obligation). Anything else is "not understood":
never an error.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import re
import unicodedata
from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans.choices import EventKind, OffsetUnit
from plans.work.calendar import WorkCalendar

from .schedule import EventWait, Occurrence, Schedule

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_LABELS = {1: "Quý I", 2: "Quý II", 3: "Quý III", 4: "Quý IV"}


def _plain(char: str) -> str:
    if char == "đ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base if len(base) == 1 else char


def normalize(text: str) -> tuple[str, str]:
    """(the text tidied, the same text in lower case without diacritics): one character of one
    for one character of the other, so that a match in the second can be read in the first."""
    tidy = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return tidy, "".join(_plain(c) for c in tidy.lower())


# --- events -------------------------------------------------------------------------------------
EVENT_PATTERNS: list[tuple[str, re.Pattern, bool]] = [
    # (kind, pattern, the deadline is *before* the event)
    (EventKind.INTERNAL_AUDIT_PLANNED, re.compile(r"truoc (moi )?(dot|cuoc|lan) danh gia"), True),
    (EventKind.INTERNAL_AUDIT_PLANNED, re.compile(r"theo ke hoach danh gia"), False),
    (
        EventKind.INTERNAL_AUDIT_DONE,
        re.compile(r"(sau|ket thuc|hoan thanh)( moi| cac)?( dot| cuoc| khi)? danh gia"),
        False,
    ),
    (EventKind.PROCEDURES_PUBLISHED, re.compile(r"(tthc|thu tuc hanh chinh)[^,;]*cong bo"), False),
    (EventKind.PROCEDURES_PUBLISHED, re.compile(r"cong bo (tthc|thu tuc hanh chinh)"), False),
    (
        EventKind.MANAGEMENT_REVIEW_HELD,
        re.compile(r"(sau|ket thuc|hoan thanh)( cuoc| buoi| khi)? hop xem xet"),
        False,
    ),
    (EventKind.COMMITTEE_CHANGED, re.compile(r"thay doi (thanh vien )?(bcd|ban chi dao)"), False),
    (EventKind.LEGAL_TEXT_EFFECTIVE, re.compile(r"co hieu luc"), False),
    (
        EventKind.NEW_GUIDANCE,
        re.compile(
            r"van ban (huong dan )?moi|quy dinh moi|van ban (thay the|sua doi)|huong dan moi"
        ),
        False,
    ),
    (
        EventKind.TASK_DONE,
        re.compile(r"(ke tu|sau)( ngay| khi)? hoan thanh (?P<what>[^,;.]+)"),
        False,
    ),
]
OFFSET = re.compile(r"(\d{1,3})\s*(ngay lam viec|ngay|tuan|thang)(?! ?/)")
OFFSET_UNITS = {
    "ngay lam viec": OffsetUnit.WORKING_DAYS,
    "ngay": OffsetUnit.DAYS,
    "tuan": OffsetUnit.WEEKS,
    "thang": OffsetUnit.MONTHS,
}

# --- dates and periods --------------------------------------------------------------------------
FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
DAY_MONTH = re.compile(r"(?:ngay|truoc|han|den|tu)\s*(?:ngay\s*)?(\d{1,2})/(\d{1,2})(?![/\d])")
MONTH = re.compile(r"thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/]| ?lan)")
BARE_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?!\d)")
QUARTER = re.compile(r"\bquy\s*(iv|i{1,3}|[1-4])\b(?:\s*/\s*(\d{4}))?")
MONTH_RANGE = re.compile(
    r"tu\s*thang\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*(?:den|toi|-)\s*(?:het\s*)?(?:thang\s*)?"
    r"(\d{1,2})(?:\s*/\s*(\d{4}))?"
)
DATE_RANGE = re.compile(
    r"tu\s*(?:ngay\s*)?(\d{1,2}/\d{1,2}(?:/\d{4})?)\s*(?:den|toi|-)\s*(?:ngay\s*)?"
    r"(\d{1,2}/\d{1,2}(?:/\d{4})?)"
)
IN_YEAR = re.compile(r"(?:trong|ca|het) nam (\d{4})")
MONTHLY = re.compile(
    r"\b(hang|moi|tung) thang\b|\b(0?1|mot) lan ?/ ?thang|(?<!\d )\bthang ?/ ?lan\b"
)
QUARTERLY = re.compile(
    r"\b(hang|moi|tung) quy\b|\b(0?1|mot) lan ?/ ?quy|\bquy ?/ ?lan\b|\b0?3 thang ?/ ?lan"
)
SEMIANNUAL = re.compile(
    r"\b0?6 thang ?(/ ?|mot |0?1 )?lan\b|dinh ky (0?6|sau) thang|nua nam|\b0?2 lan ?/ ?nam"
)
TIMES_PER_YEAR = re.compile(r"\b(\d{1,2}) lan ?/ ?nam|\bmot lan ?/ ?nam")
YEARLY = re.compile(r"\b(hang|moi|tung) nam\b")
YEAR_END = re.compile(r"cuoi nam")
CONTINUOUS = re.compile(r"thuong xuyen|lien tuc|hang ngay|hang tuan")
ON_REQUEST = re.compile(r"yeu cau|dot xuat|chi dao|theo ke hoach(?! danh gia)")
SUMMARY = re.compile(r"tong hop|bao cao")
ALTERNATIVE = re.compile(r"\bhoac\b|;|\btruong hop\b")


def _valid_year(year: int) -> bool:
    return 1900 <= year <= 2200


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _calendar.monthrange(year, month)[1])


def _date(day: int, month: int, year: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class _Reader:
    """Collects what the alternatives of one text say."""

    def __init__(self, year: int):
        self.year = year
        self.occurrences: dict[str, Occurrence] = {}
        self.events: list[EventWait] = []
        self.continuous = False
        self.on_request = False
        self.outside_year: list[str] = []
        self.impossible: list[str] = []  # dates and months that do not exist ("31/02", "tháng 13")

    def add(self, key: str, label: str, due: datetime.date | None, source: str = "") -> None:
        if due is None:
            return
        if due.year != self.year:
            self.outside_year.append(source or due.strftime("%d/%m/%Y"))
            return
        self.occurrences.setdefault(key, Occurrence(key, label, due))

    def month(self, month: int, year: int | None, label: str | None = None) -> None:
        if not 1 <= month <= 12:
            self.impossible.append(f"tháng {month}")
        elif _valid_year(year or self.year):
            year = year or self.year
            self.add(
                f"m-{month:02d}",
                label or f"Tháng {month}",
                _month_end(year, month),
                f"{month:02d}/{year}",
            )

    def monthly(self) -> None:
        for month in range(1, 13):
            self.month(month, None)

    def quarterly(self) -> None:
        for quarter in range(1, 5):
            self.add(f"q-{quarter}", QUARTER_LABELS[quarter], _month_end(self.year, quarter * 3))

    def semiannual(self) -> None:
        self.add("h-1", "6 tháng đầu năm", _month_end(self.year, 6))
        self.add("h-2", "6 tháng cuối năm", _month_end(self.year, 12))

    def yearly(self, label: str = "") -> None:
        self.add("y", label or f"Năm {self.year}", _month_end(self.year, 12))

    # One alternative ---------------------------------------------------------------------------
    def read(self, clause: str, original: str) -> None:
        """Read one alternative (``original`` is the same clause as typed)."""
        if self._event(clause, original):
            return
        self._periods(clause)
        if CONTINUOUS.search(clause):
            self.continuous = True
            if YEAR_END.search(clause) and SUMMARY.search(clause):
                self.add("s", "Tổng hợp cuối năm", _month_end(self.year, 12))
        elif YEAR_END.search(clause):
            self.yearly("Cuối năm")
        if ON_REQUEST.search(clause):
            self.on_request = True

    def _event(self, clause: str, original: str) -> bool:
        for kind, pattern, before in EVENT_PATTERNS:
            match = pattern.search(clause)
            if not match:
                continue
            offset = OFFSET.search(clause)
            amount, unit = (
                (int(offset.group(1)), OFFSET_UNITS[offset.group(2)]) if offset else (0, "days")
            )
            what = (
                original[match.start("what") : match.end("what")]
                if "what" in pattern.groupindex
                else ""
            )
            self.events.append(EventWait(kind, amount, unit, before, what.strip()))
            return True
        return False

    def _periods(self, clause: str) -> None:
        used = clause
        for match in DATE_RANGE.finditer(clause):
            end = self._parse_day(match.group(2))
            start = self._parse_day(match.group(1))
            if end:
                label = f"{start:%d/%m}–{end:%d/%m}" if start else f"Hạn {end:%d/%m/%Y}"
                self.add(f"d-{end:%m%d}", label, end, match.group(2))
            read = ((match.group(1), start), (match.group(2), end))
            self.impossible += [text for text, day in read if day is None]
            used = used.replace(match.group(0), " ")
        for match in MONTH_RANGE.finditer(used):
            first, last = int(match.group(1)), int(match.group(3))
            year = int(match.group(4) or match.group(2) or self.year)
            if 1 <= first <= 12 and 1 <= last <= 12:
                self.month(last, year, f"Tháng {first}–{last}")
            used = used.replace(match.group(0), " ")
        for match in FULL_DATE.finditer(used):
            day = _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if day:
                self.add(f"d-{day:%m%d}", f"Hạn {day:%d/%m/%Y}", day, match.group(0))
            else:
                self.impossible.append(match.group(0))
            used = used.replace(match.group(0), " ")
        for match in DAY_MONTH.finditer(used):
            day = _date(int(match.group(1)), int(match.group(2)), self.year)
            if day:
                self.add(f"d-{day:%m%d}", f"Hạn {day:%d/%m/%Y}", day)
            else:
                self.impossible.append(f"{match.group(1)}/{match.group(2)}")
            used = used.replace(match.group(0), " ")
        for match in QUARTER.finditer(used):
            quarter = ROMAN.get(match.group(1)) or int(match.group(1))
            year = int(match.group(2) or self.year)
            if _valid_year(year):
                self.add(
                    f"q-{quarter}",
                    QUARTER_LABELS[quarter],
                    _month_end(year, quarter * 3),
                    f"{QUARTER_LABELS[quarter]}/{year}",
                )
            used = used.replace(match.group(0), " ")
        for match in MONTH.finditer(used):
            self.month(int(match.group(1)), int(match.group(2)) if match.group(2) else None)
            used = used.replace(match.group(0), " ")
        for match in BARE_MONTH_YEAR.finditer(used):
            self.month(int(match.group(1)), int(match.group(2)))
            used = used.replace(match.group(0), " ")
        if self.occurrences:
            return  # "Trong tháng 01 hàng năm": the month wins over "every year"
        if SEMIANNUAL.search(used):
            self.semiannual()
        elif QUARTERLY.search(used):
            self.quarterly()
        elif MONTHLY.search(used):
            self.monthly()
        elif (times := TIMES_PER_YEAR.search(used)) is not None:
            count = int(times.group(1)) if times.group(1) else 1
            {1: self.yearly, 2: self.semiannual, 4: self.quarterly, 12: self.monthly}.get(
                count, self.yearly
            )()
        elif YEARLY.search(used):
            self.yearly()
        elif (in_year := IN_YEAR.search(used)) is not None and _valid_year(int(in_year.group(1))):
            self.add(
                "y",
                f"Năm {in_year.group(1)}",
                _month_end(int(in_year.group(1)), 12),
                in_year.group(1),
            )

    def _parse_day(self, text: str) -> datetime.date | None:
        parts = [int(p) for p in text.split("/")]
        return _date(parts[0], parts[1], parts[2] if len(parts) == 3 else self.year)


def parse_timing(text: str, year: int) -> Schedule:
    """What the timing ``text`` of a task in the plan of ``year`` means. Never raises."""
    original, normalized = normalize(text or "")
    reader = _Reader(year)
    start = 0
    for separator in [*ALTERNATIVE.finditer(normalized), None]:
        end = separator.start() if separator else len(normalized)
        if normalized[start:end].strip():
            reader.read(normalized[start:end], original[start:end])
        start = separator.end() if separator else end
    occurrences = sorted(reader.occurrences.values(), key=lambda o: (o.due, o.key))
    events = reader.events
    if _either_or(occurrences, events):
        # "Trường hợp có văn bản mới: sau 30 ngày…; trường hợp không có: trước ngày 31/8"
        events, occurrences = [replace(events[0], fallback=occurrences[0].due)], []
    # A date that does not exist or lies in another year is never dropped silently, even beside
    # dates that were read: the secretary chooses the schedule (approval waits for it).
    doubts = []
    if reader.impossible:
        doubts.append(_("%(dates)s does not exist.") % {"dates": ", ".join(reader.impossible)})
    if reader.outside_year:
        doubts.append(
            _("%(dates)s is not in the plan year %(year)s.")
            % {"dates": ", ".join(reader.outside_year), "year": year}
        )
    if doubts:
        return Schedule(understood=False, note=" ".join(doubts))
    understood = bool(occurrences or events or reader.continuous or reader.on_request)
    return Schedule(
        understood=understood,
        occurrences=occurrences,
        events=events,
        continuous=reader.continuous,
        on_request=reader.on_request,
    )


# One stated date, month or quarter beside one event is the event's fallback. A recurrence beside
# an event ("Định kỳ 06 tháng hoặc đột xuất khi có quy định mới", "Ít nhất 01 lần/năm hoặc sau mỗi
# đợt đánh giá") is both: the periodic work and the work each event brings.
FALLBACK_KEYS = ("d-", "m-", "q-")


def _either_or(occurrences: list[Occurrence], events: list[EventWait]) -> bool:
    return (
        len(occurrences) == 1
        and len(events) == 1
        and occurrences[0].key.startswith(FALLBACK_KEYS)
        and not events[0].before
    )


# --- what it understood, in words ---------------------------------------------------------------
def _offset_words(wait: EventWait) -> str:
    units = {
        OffsetUnit.DAYS: ngettext("%(n)s day", "%(n)s days", wait.amount),
        OffsetUnit.WORKING_DAYS: ngettext("%(n)s working day", "%(n)s working days", wait.amount),
        OffsetUnit.WEEKS: ngettext("%(n)s week", "%(n)s weeks", wait.amount),
        OffsetUnit.MONTHS: ngettext("%(n)s month", "%(n)s months", wait.amount),
    }
    return units.get(wait.unit, units[OffsetUnit.DAYS]) % {"n": wait.amount}


def describe_event(
    wait: EventWait,
    calendar: WorkCalendar | None = None,
    tasks: dict[int, tuple[int, str]] | None = None,
) -> str:
    """The wait in words. ``tasks`` (id → (number, content)) names the task a "task_done" wait is
    linked to; a fallback date is said as the deadline if the event does not happen."""
    linked = tasks.get(wait.task_id) if tasks and wait.task_id else None
    if linked:
        number, content = linked
        text = _("After task no. %(number)s is done: %(content)s") % {
            "number": number,
            "content": _shorten(content),
        }
        if wait.amount:
            text = _("%(event)s; due %(offset)s after it") % {
                "event": text,
                "offset": _offset_words(wait),
            }
    else:
        text = _wait_words(wait)
    if wait.fallback:
        # A stated date: never exceeded (on a day off, the last working day before it).
        calendar = calendar or WorkCalendar()
        deadline = calendar.deadline(wait.fallback)
        date = f"{deadline:%d/%m/%Y}"
        if deadline != wait.fallback:
            date = f"{date} ({calendar.why(wait.fallback)})"
        text = _("%(event)s, or due %(date)s if it does not happen") % {
            "event": text,
            "date": date,
        }
    return text


def _shorten(text: str, length: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _wait_words(wait: EventWait) -> str:
    event = str(EventKind(wait.kind).label) if wait.kind in EventKind.values else wait.kind
    if event[1:2].islower():  # mid-sentence; "ISO …" keeps its capitals
        event = event[:1].lower() + event[1:]
    if wait.description:
        event = f"{event} ({wait.description})"
    if wait.before:
        return _("Waits for an event: %(event)s, due before it") % {"event": event}
    if not wait.amount:
        return _("Waits for an event: %(event)s, due when it happens") % {"event": event}
    return _("Waits for an event: %(event)s, due %(offset)s after it") % {
        "event": event,
        "offset": _offset_words(wait),
    }


def summarize(
    schedule: Schedule,
    calendar: WorkCalendar | None = None,
    tasks: dict[int, tuple[int, str]] | None = None,
) -> str:
    """One line in the user's language: "12 lần: hạn cuối mỗi tháng", "Hạn 20/10/2023"…
    (``tasks``: see ``describe_event``)."""
    if not schedule.understood:
        return schedule.note or _("Not understood: choose the schedule by hand.")
    calendar = calendar or WorkCalendar()
    parts = []
    keys = [o.key for o in schedule.occurrences]
    dated = [o for o in schedule.occurrences if o.key != "s"]
    if keys == [f"m-{m:02d}" for m in range(1, 13)]:
        parts.append(_("12 times: due at the end of each month") + _why_moved(dated, calendar))
    elif keys == [f"q-{q}" for q in range(1, 5)]:
        parts.append(_("4 times: due at the end of each quarter") + _why_moved(dated, calendar))
    elif dated:
        dates = ", ".join(f"{d:%d/%m/%Y}" for d in _dues(dated, calendar))
        if len(dated) == 1:
            parts.append(_("Due %(dates)s") % {"dates": dates} + _why_moved(dated, calendar))
        else:
            parts.append(
                _("%(count)s times: due %(dates)s") % {"count": len(dated), "dates": dates}
                + _why_moved(dated, calendar)
            )
    if schedule.continuous:
        parts.append(_("Continuous, no fixed deadline"))
    summary = [o for o in schedule.occurrences if o.key == "s"]
    if summary:
        parts.append(
            _("summary due %(date)s") % {"date": f"{_dues(summary, calendar)[0]:%d/%m/%Y}"}
            + _why_moved(summary, calendar)
        )
    parts.extend(describe_event(e, calendar, tasks) for e in schedule.events)
    if schedule.on_request:
        parts.append(_("On request, no fixed deadline"))
    return "; ".join(parts)


def _dues(occurrences: list[Occurrence], calendar: WorkCalendar) -> list[datetime.date]:
    """Periods' ends and stated dates: never exceeded (``WorkCalendar.deadline``)."""
    return [calendar.deadline(o.due) for o in occurrences]


def _why_moved(occurrences: list[Occurrence], calendar: WorkCalendar) -> str:
    """Why due dates differ from the written ones, after " — ": "30/12 là thứ Bảy" for one
    occurrence, "30/09 là thứ Bảy, hạn 29/09; …" for several; "" when none moved."""
    moved = [(o.due, due) for o, due in zip(occurrences, _dues(occurrences, calendar), strict=True)]
    moved = [(written, due) for written, due in moved if due != written]
    if not moved:
        return ""
    if len(occurrences) == 1:
        return f" — {calendar.why(moved[0][0])}"
    reasons = (
        _("%(why)s, due %(date)s") % {"why": calendar.why(written), "date": f"{due:%d/%m}"}
        for written, due in moved
    )
    return " — " + "; ".join(reasons)


def moved_dates(schedule: Schedule, calendar: WorkCalendar) -> list[dict]:
    """The written dates (periods' ends, stated dates, fallbacks) whose due date differs, with
    the reason: [{"written", "due", "why"}]."""
    written = [o.due for o in schedule.occurrences]
    written += [wait.fallback for wait in schedule.events if wait.fallback]
    return [
        {"written": day.isoformat(), "due": due.isoformat(), "why": calendar.why(day)}
        for day in dict.fromkeys(written)
        if (due := calendar.deadline(day)) != day
    ]


def due_label(occurrence: Occurrence, due: datetime.date) -> str:
    """The occurrence's label as its work item shows it: where it names the written date
    ("Hạn 30/12/2023"), the due date instead ("Hạn 29/12/2023"), so label and due date agree."""
    if due == occurrence.due:
        return occurrence.label
    return occurrence.label.replace(f"{occurrence.due:%d/%m/%Y}", f"{due:%d/%m/%Y}")


def explain(text: str, year: int, calendar: WorkCalendar | None = None) -> dict:
    """What the parser understood, as the task form shows it and `explain_timing` prints it."""
    calendar = calendar or WorkCalendar()
    schedule = parse_timing(text, year)
    wait = schedule.event
    return {
        "understood": schedule.understood,
        "due_dates": [d.isoformat() for d in schedule.due_dates(calendar)],
        "periods": [
            due_label(o, due)
            for o, due in zip(schedule.occurrences, schedule.due_dates(calendar), strict=True)
        ],
        "moved": moved_dates(schedule, calendar),
        "event": wait.kind if wait else None,
        "offset": {"amount": wait.amount, "unit": wait.unit, "before": wait.before}
        if wait
        else None,
        "fallback": wait.fallback.isoformat() if wait and wait.fallback else None,
        "continuous": schedule.continuous,
        "on_request": schedule.on_request,
        "summary": summarize(schedule, calendar),
    }


MANUAL_MODES = [
    "dates",
    "monthly",
    "quarterly",
    "semiannual",
    "yearly",
    "continuous",
    "event",
    "on_request",
]


def schedule_by_hand(
    mode: str,
    year: int,
    *,
    dates: list[datetime.date] = (),
    event: str = "",
    amount: int = 0,
    unit: str = OffsetUnit.DAYS,
    task_id: int | None = None,
    fallback: datetime.date | None = None,
) -> Schedule:
    """The schedule the secretary chose instead of the parser's reading. After an event, a
    ``fallback`` date keeps it one obligation (due that date until the event happens)."""
    reader = _Reader(year)
    if mode == "dates":
        for day in dates:
            reader.add(f"d-{day:%m%d}", f"Hạn {day:%d/%m/%Y}", day)
    elif mode in {"monthly", "quarterly", "semiannual", "yearly"}:
        getattr(reader, mode)()
    elif mode == "event":
        reader.events.append(EventWait(event, amount, unit, False, "", task_id, fallback))
    reader.continuous = mode == "continuous"
    reader.on_request = mode == "on_request"
    return Schedule(
        understood=True,
        occurrences=sorted(reader.occurrences.values(), key=lambda o: (o.due, o.key)),
        events=reader.events,
        continuous=reader.continuous,
        on_request=reader.on_request,
    )


def manual_mode_of(schedule: Schedule) -> dict:
    """The choices that give back ``schedule`` (to fill the form when editing)."""
    keys = [o.key for o in schedule.occurrences]
    if schedule.events:
        wait = schedule.events[0]
        return {
            "mode": "event",
            "event": wait.kind,
            "amount": wait.amount,
            "unit": wait.unit,
            "task_id": wait.task_id,
            "dates": [wait.fallback] if wait.fallback else [],
        }
    for mode, expected in {
        "monthly": [f"m-{m:02d}" for m in range(1, 13)],
        "quarterly": [f"q-{q}" for q in range(1, 5)],
        "semiannual": ["h-1", "h-2"],
        "yearly": ["y"],
    }.items():
        if keys == expected:
            return {"mode": mode}
    if keys:
        return {"mode": "dates", "dates": [o.due for o in schedule.occurrences]}
    if schedule.continuous:
        return {"mode": "continuous"}
    return {"mode": "on_request"}
