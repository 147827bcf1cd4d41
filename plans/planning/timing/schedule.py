"""A schedule: what a timing phrase means. Stored on the task as JSON (``Schedule.to_dict``)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field, replace

from plans.work.calendar import WorkCalendar

from .text import event_key

NAMED = "named"  # an event of the organization named by its words (``description``)


def named_event_words(description: str) -> str:
    """The event's words in a recorded named event's description ("words — note")."""
    return description.split(" — ")[0]


@dataclass(frozen=True)
class Occurrence:
    """One dated obligation: ``key`` identifies it across regenerations ("m-2022-03")."""

    key: str
    label: str
    due: datetime.date


@dataclass(frozen=True)
class EventWait:
    """Due ``amount`` ``unit`` after (or before) an event of ``kind``.

    With a ``fallback`` date ("trường hợp có văn bản mới: sau 30 ngày…; trường hợp không có:
    trước ngày 31/8") it is one obligation: due the fallback date until the event happens, then
    the date counted from the event instead."""

    kind: str
    amount: int = 0
    unit: str = "days"
    before: bool = False
    description: str = ""
    task_id: int | None = None  # for "task_done": the task whose completion is awaited
    fallback: datetime.date | None = None  # the date that stands if the event does not happen

    def matches(self, event) -> bool:
        if event.kind != self.kind:
            return False
        if self.kind == NAMED:  # similar wordings are one event (see ``event_key``)
            return bool(event_key(self.description)) and event_key(
                named_event_words(event.description)
            ) == event_key(self.description)
        # A completed task only starts the deadlines that name it (linked by the secretary).
        return self.kind != "task_done" or (
            self.task_id is not None and self.task_id == event.task_id
        )

    def due_after(self, occurred_on: datetime.date, calendar: WorkCalendar) -> datetime.date:
        """Counted from the event: on a day off, the next working day (Civil Code); before the
        event: never later, so the last working day on or before."""
        if self.before:
            return calendar.before(occurred_on, self.amount, self.unit)
        return calendar.add(occurred_on, self.amount, self.unit)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["fallback"] = self.fallback.isoformat() if self.fallback else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> EventWait:
        """Reads the JSON of any version (a wait stored before fallbacks existed has none)."""
        fallback = data.get("fallback")
        wait = cls(**{k: v for k, v in data.items() if k != "fallback"})
        return replace(wait, fallback=datetime.date.fromisoformat(fallback)) if fallback else wait


@dataclass
class Schedule:
    understood: bool
    occurrences: list[Occurrence] = field(default_factory=list)
    events: list[EventWait] = field(default_factory=list)
    continuous: bool = False
    on_request: bool = False
    note: str = ""  # why it was not understood

    def due_dates(self, calendar: WorkCalendar) -> list[datetime.date]:
        """The work items' due dates: a period's end or a stated date is never exceeded, so on a
        day off the last working day before it (see ``WorkCalendar.deadline``)."""
        return [calendar.deadline(o.due) for o in self.occurrences]

    @property
    def event(self) -> EventWait | None:
        return self.events[0] if self.events else None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["occurrences"] = [
            {"key": o.key, "label": o.label, "due": o.due.isoformat()} for o in self.occurrences
        ]
        data["events"] = [e.to_dict() for e in self.events]
        return data

    @classmethod
    def from_dict(cls, data: dict | None) -> Schedule:
        if not data:
            return cls(understood=False)
        return cls(
            understood=data.get("understood", False),
            occurrences=[
                Occurrence(o["key"], o["label"], datetime.date.fromisoformat(o["due"]))
                for o in data.get("occurrences", [])
            ],
            events=[EventWait.from_dict(e) for e in data.get("events", [])],
            continuous=data.get("continuous", False),
            on_request=data.get("on_request", False),
            note=data.get("note", ""),
        )
