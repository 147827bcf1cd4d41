"""The kinds of work item. Every dated obligation is a work item of one kind, declared once here by
the domain it comes from (``register`` in its ``kinds`` module, imported when its app is ready).

A kind says what the item is about (its record, reached through ``source_field``: the generic
relation ``source``, or a foreign key of the work item for the high-volume plan tasks and
objectives), how it reads (title, where it comes from, link), where it is closed, who answers for
it and who may close it, and what happens when one is closed or reopened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q

from . import responsibility


def _absolute_url(record: Any) -> str:
    return record.get_absolute_url()


@dataclass(frozen=True)
class RecordStep:
    """Where an item is closed when that is a step on its record's page (entering a result,
    recording a review), not "mark done" on the work page."""

    label: Any
    url: Callable[[Any], str]  # the item → the page


@dataclass(frozen=True)
class SupportRow:
    """Work a unit supports without holding an item of its own ("Phối hợp"): shown on its work
    page beside its own items."""

    unit: str
    title: str
    url: str
    origin: str
    timing: str
    lead: str


@dataclass(frozen=True)
class SupportQuery:
    """Which supported work a work page asks for: the units, and the years it shows (``year``
    exactly, or from ``since`` on; neither: every year)."""

    organization_id: int
    department_ids: tuple[int, ...]
    year: int | None = None
    since: int | None = None
    text: str = ""


@dataclass(frozen=True)
class WorkKind:
    name: str  # stored in WorkItem.kind
    label: Any  # e.g. gettext_lazy("Corrective action")
    model: str  # "app_label.ModelName" of the record
    title: Callable[[Any], str]  # the record → what the item asks
    search: tuple[str, ...]  # the record's text fields the unit-work search looks in
    source_field: str = "source"
    related: tuple[str, ...] = ()  # the record's relations the title and origin read
    origin: Callable[[Any], str] = str  # the record → where the item comes from
    url: Callable[[Any], str] = _absolute_url
    timing: Callable[[Any], str] | None = None
    output: Callable[[Any], str] | None = None
    # (record, item) → whom the item's unit prepares the work for when it advises rather than
    # leads ("Lãnh đạo"), else ""; ``prefetch`` names the record's relations it reads (or, given
    # the path from the item to the record, makes their ``Prefetch``).
    prepared_for: Callable[[Any, Any], str] | None = None
    prefetch: tuple[str | Callable[[str], Any], ...] = ()
    # SupportQuery → the SupportRows of this kind's records the units support without an item.
    supported: Callable[[SupportQuery], list[SupportRow]] | None = None
    closed_on_record: RecordStep | None = None
    answers_for: Callable[[Any, Any], bool] = responsibility.answers_for
    may_close: Callable[[Any, Any], bool] = responsibility.may_close
    on_close: Callable[[Any, Any], None] | None = None  # (item, user), inside the closing
    on_reopen: Callable[[Any, Any], None] | None = None
    # Items waiting for an event: (item, event, calendar) → its due date, or None if the event is
    # not the one it waits for; then (the items dated, calendar) → what follows (the next wait).
    due_after_event: Callable[[Any, Any, Any], Any] | None = None
    after_events: Callable[[list, Any], None] | None = None

    @property
    def generic(self) -> bool:
        return self.source_field == "source"

    @property
    def lookup(self) -> str:
        """The item's field that ``__in`` a queryset of records filters on."""
        return "source_id" if self.generic else self.source_field

    def search_filter(self, text: str, organization_id: int | None = None) -> Q:
        """Items of this kind whose record matches ``text`` in one of its ``search`` fields
        (among ``organization_id``'s records when given: the search then costs what one
        organization holds, not what the whole province does)."""
        matches = Q()
        for field in self.search:
            matches |= Q(**{f"{field}__icontains": text})
        model = apps.get_model(self.model)
        path = getattr(model, "organization_field", None)
        if organization_id is not None and path:
            matches &= Q(**{path: organization_id})
        records = model._default_manager.filter(matches)
        field = apps.get_model("plans.WorkItem")._meta.get_field(self.source_field)
        if field.one_to_one and not field.concrete:
            # The record points to its item (a risk action's ``work_item``): the items are those
            # the records name, rather than a join of every such table to every item searched.
            return Q(kind=self.name, pk__in=records.values(field.field.attname))
        return Q(kind=self.name, **{f"{self.lookup}__in": records.values("pk")})


_KINDS: dict[str, WorkKind] = {}


def register(kind: WorkKind) -> WorkKind:
    if _KINDS.get(kind.name, kind) != kind:
        raise ValueError(f"work-item kind {kind.name!r} is declared twice")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """For tests that declare a kind of their own."""
    _KINDS.pop(name, None)


def kind(name: str) -> WorkKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no work-item kind {name!r} is registered") from None


def all_kinds() -> list[WorkKind]:
    return list(_KINDS.values())


def supported(query: SupportQuery) -> list[SupportRow]:
    """What the units support without an item of their own, of every kind that says."""
    if not query.department_ids:
        return []
    return [row for k in _KINDS.values() if k.supported for row in k.supported(query)]


def search_filter(
    text: str, organization_id: int | None = None, names: set[str] | None = None
) -> Q:
    """Items of any kind (of the kinds ``names``, when given) whose own title (its record's
    text) contains ``text``."""
    matches = Q(pk__in=[])
    for k in _KINDS.values():
        if names is None or k.name in names:
            matches |= k.search_filter(text, organization_id)
    return matches
