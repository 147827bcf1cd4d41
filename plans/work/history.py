"""The work items of a record's actions in that record's history screen: when an action was done,
by whom, with what note, and why it was reopened (isoplan/history.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from isoplan.history import Row, Table

from .models import WorkItem

# What the item is and where it comes from is the action's; who closed it and when is the entry's
# own who and when; what closed it by itself, the change reason says.
SHOWN = {"status", "due_date", "done_on", "note", "on_behalf"}


def work_item_table(ids: Iterable[int], subject: Callable[[Row], str]) -> Table:
    """The history of the items ``ids`` (the actions' items), each named by ``subject``."""
    ignored = [f.name for f in WorkItem.history.model.tracked_fields if f.name not in SHOWN]
    items = WorkItem.history.filter(id__in=[i for i in ids if i])
    # its creation is the action's: the action's own entry says what and when
    return Table(WorkItem, items, subject, ignore=ignored, creations=False)
