"""The one service for work items of any kind: build or open an item for a record, keep it in step
with its record, end it when the obligation goes away, close and reopen it.

The due-date rule is said once (``due``, ``WorkCalendar.deadline``), and each caller says which
of its two cases applies: a period's end or a stated date (a plan's month or quarter, "trước ngày
30/12", the date a decision or a corrective action is due) is never exceeded — on a day off the
due date is the last working day before it; a date counted from another ("15 ngày sau khi hết
quý", a review N months after the last) ends, on a day off, on the next working day (Civil Code,
art. 148)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.choices import WorkItemStatus
from plans.work.models import Event, WorkItem

from . import kinds, responsibility
from .calendar import WorkCalendar, load_calendar


class WorkItemError(Exception):
    """An action the item's state does not allow. The message is for the user."""


def due(
    day: datetime.date | None, calendar: WorkCalendar | None = None, *, counted: bool
) -> datetime.date | None:
    """The due date of an obligation written as ``day``: a working day, never after ``day``
    unless ``day`` was counted from another date (then the next working day)."""
    if day is None:
        return None
    return (calendar or load_calendar()).deadline(day, counted=counted)


def item_build(
    kind: str,
    record: Any,
    *,
    organization_id: int,
    year: int,
    key: str,
    label: str,
    due_on: datetime.date | None = None,
    counted: bool = False,
    department_id: int | None = None,
    party: str = "",
    waiting_for: str = "",
    calendar: WorkCalendar | None = None,
) -> WorkItem:
    """An unsaved item of ``kind`` for ``record`` (for ``bulk_create``; ``item_open`` saves one).
    ``record`` is None when the record holds its item (a one-to-one of the record's, which the
    caller sets when it saves the record). ``counted``: ``due_on`` was counted from another date
    (see ``due``)."""
    item = WorkItem(
        kind=kinds.kind(kind).name,
        organization_id=organization_id,
        year=year,
        period_key=key,
        period_label=label,
        due_date=due(due_on, calendar, counted=counted),
        waiting_for=waiting_for,
        department_id=department_id,
        party=party,
    )
    if record is not None:
        setattr(item, kinds.kind(kind).source_field, record)
    return item


def item_open(kind: str, record: Any, **fields) -> WorkItem:
    item = item_build(kind, record, **fields)
    item.save()
    return item


def item_update(
    item: WorkItem, *, due_on: datetime.date | None = None, counted: bool = False, **fields
) -> bool:
    """Bring an open item to its record's new deadline or unit; a closed one is history and stays.
    Returns whether it changed (``counted``: see ``due``)."""
    if not item.is_open:
        return False
    if due_on is not None:
        fields["due_date"] = due(due_on, counted=counted)
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, fields[name])
    if changed:
        item.save(update_fields=changed)
    return bool(changed)


def untouched(item: WorkItem) -> bool:
    """Nobody has worked on it: not started, no note, no evidence (reads ``has_evidence`` when the
    list annotated it)."""
    has_evidence = getattr(item, "has_evidence", None)
    if has_evidence is None:
        has_evidence = item.evidence.exists()
    return item.status == WorkItemStatus.NOT_STARTED and not item.note and not has_evidence


def item_end(item: WorkItem) -> None:
    """The obligation went away (its record withdrawn or no longer concerning the unit): an open
    item stops reminding anyone and stays as not applicable; a closed one is history."""
    if item.is_open:
        item.status = WorkItemStatus.NOT_APPLICABLE
        item.save(update_fields=["status"])


def items_lapse(items, *, user: Any) -> int:
    """The plan these open items belong to was closed: each stays as not done and no longer
    reminds anyone (recorded in its history); one still waiting for an event that did not happen
    was never due: not applicable. Returns how many."""
    count = 0
    for item in items.open().select_for_update(of=("self",)):
        waiting = item.due_date is None and item.waiting_for
        item.status = WorkItemStatus.NOT_APPLICABLE if waiting else WorkItemStatus.LAPSED
        item._history_user = user
        item.save(update_fields=["status"])
        count += 1
    return count


def item_discard(item: WorkItem) -> None:
    """An item generated for an obligation that is no longer wanted: gone if nobody touched it,
    otherwise ended (its note and evidence kept)."""
    if untouched(item):
        item.delete()
    else:
        item_end(item)


# --- events -------------------------------------------------------------------------------------
@transaction.atomic
def event_record(
    *,
    organization: Any,
    kind: str,
    occurred_on: datetime.date,
    user: Any = None,
    description: str = "",
    task: Any = None,
    calendar: WorkCalendar | None = None,
) -> Event:
    """Record that something happened; the items waiting for it get their due dates (as their
    kind says) and their kinds open what waits for the next time it happens."""
    calendar = calendar or load_calendar()
    event = Event.objects.create(
        organization=organization,
        kind=kind,
        occurred_on=occurred_on,
        description=description,
        task=task,
        recorded_by=user,
    )
    waiting = (
        WorkItem.objects.select_for_update(of=("self",))
        .open()
        # Not yet dated by an event: undated, or due a fallback date until the event happens.
        .filter(organization=organization, waiting_for=kind, event__isnull=True)
        .with_sources()
    )
    dated: dict[str, list[WorkItem]] = {}
    for item in waiting:
        due_after = item.kind_spec.due_after_event
        due_on = due_after(item, event, calendar) if due_after else None
        if due_on is None:
            continue
        if item.due_date:  # the date counted from the event replaces the fallback date
            label = _("After the event of %(date)s, instead of %(fallback)s") % {
                "date": f"{occurred_on:%d/%m/%Y}",
                "fallback": f"{item.due_date:%d/%m/%Y}",
            }
        else:
            label = _("After the event of %(date)s") % {"date": f"{occurred_on:%d/%m/%Y}"}
        item.due_date, item.event, item.period_label = due_on, event, label[:100]
        item.save(update_fields=["due_date", "event", "period_label"])
        dated.setdefault(item.kind, []).append(item)
    for name, items in dated.items():
        if kinds.kind(name).after_events:
            kinds.kind(name).after_events(items, calendar)
    return event


# --- closing and reopening ----------------------------------------------------------------------
@transaction.atomic
def work_item_complete(
    *,
    item: WorkItem,
    user: Any,
    note: str = "",
    files=(),
    done_on: datetime.date | None = None,
    record: Any = None,
    on_behalf: bool | None = None,
) -> WorkItem:
    """Close an item as done on ``done_on`` (today if not said; never in the future, never before
    the item's year); who recorded it and when are kept beside. ``record``: the record whose
    completion closes it (its evidence; the item reopens if the record goes back).
    ``on_behalf``: the ISO secretary closed a unit's item for the unit (a unit without a head);
    if not said, it is when the ISO secretary closes an item of a unit they do not head."""
    locked = WorkItem.objects.select_for_update().get(pk=item.pk)
    if not locked.is_open:
        raise WorkItemError(_("This item is already closed."))
    today = timezone.localdate()
    done_on = done_on or today
    if done_on > today:
        raise WorkItemError(_("The day the work was done cannot be in the future."))
    if done_on.year < locked.year:
        raise WorkItemError(
            _("The work of %(year)s cannot have been done before that year.")
            % {"year": locked.year}
        )
    locked.status = WorkItemStatus.DONE
    locked.completed_by = user
    locked.completed_at = timezone.now()
    locked.done_on = done_on
    locked.note = note
    locked.closed_by_record = record
    if on_behalf is None:
        on_behalf = responsibility.closes_on_behalf(user, locked)
    locked.on_behalf = on_behalf
    locked.save(
        update_fields=[
            "status",
            "completed_by",
            "completed_at",
            "done_on",
            "note",
            "on_behalf",
            "closed_by_record_type",
            "closed_by_record_id",
        ]
    )
    for upload in files:
        locked.evidence.create(
            file=upload, original_name=upload.name, size=upload.size, uploaded_by=user
        )
    if locked.kind_spec.on_close:
        locked.kind_spec.on_close(locked, user)
    return locked


def can_reopen(item: WorkItem, user: Any, *, is_secretary: bool) -> bool:
    """The secretary reopens any closed item; the person who closed it, the same day."""
    if item.is_open:
        return False
    if is_secretary:
        return True
    return (
        item.completed_by_id == user.pk
        and item.completed_at is not None
        and timezone.localdate(item.completed_at) == timezone.localdate()
    )


@transaction.atomic
def work_item_reopen(*, item: WorkItem, user: Any, is_secretary: bool, reason: str) -> WorkItem:
    """A person reopens a closed item, saying why (kept in its history, shown on its page)."""
    if not reason.strip():
        raise WorkItemError(_("Say why the item is reopened."))
    locked = WorkItem.objects.select_for_update().get(pk=item.pk)
    if not can_reopen(locked, user, is_secretary=is_secretary):
        raise WorkItemError(
            _("Only the ISO secretary can reopen an item after the day it was closed.")
        )
    return _reopen(locked, user, reason=reason.strip())


def _reopen(locked: WorkItem, user: Any, reason: str = "") -> WorkItem:
    locked.status = WorkItemStatus.IN_PROGRESS
    locked.completed_by = None
    locked.completed_at = None
    locked.done_on = None
    locked.closed_by_record = None
    locked.on_behalf = False
    locked._history_user = user
    if reason:
        locked._change_reason = reason
    locked.save(
        update_fields=[
            "status",
            "completed_by",
            "completed_at",
            "done_on",
            "on_behalf",
            "closed_by_record_type",
            "closed_by_record_id",
        ]
    )
    if locked.kind_spec.on_reopen:
        locked.kind_spec.on_reopen(locked, user)
    return locked


@transaction.atomic
def items_reopen_for(record: Any, *, user: Any) -> int:
    """``record`` went back (its minutes returned…): the items its completion closed open again.
    Returns how many."""
    closed = WorkItem.objects.filter(
        closed_by_record_type=ContentType.objects.get_for_model(record),
        closed_by_record_id=record.pk,
        status=WorkItemStatus.DONE,
    ).select_for_update()
    count = 0
    for item in closed:
        _reopen(item, user)
        count += 1
    return count
