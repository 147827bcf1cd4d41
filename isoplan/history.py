"""The change history of a controlled record, field by field, read from django-simple-history in
a fixed number of queries, whatever the number of changes.

Knows no app: each domain composes its record's historical tables (the record's and its
children's) as ``Table``s and calls ``history_entries`` (plans/planning/history.py for a plan).
Values read as a person reads them: choice labels, Có/Không, dd/mm/yyyy, the name of a related
unit or person; a text saved again with other line endings or trailing spaces is no change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.utils.formats import number_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

# Never a change a person made, on any record: keys, the optimistic lock's counter, the owner
# agency, creation times (the entry's own time) and the soft-delete marker (shown as the action
# "-", not as a changed field).
IGNORED = frozenset({"id", "lock_version", "organization", "created_at", "deleted_at"})

Row = Any  # a historical row of django-simple-history
Names = dict[type, dict[Any, str]]


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    user: Any
    subject: str
    action: str  # "+", "~", "-"
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


@dataclass
class Table:
    """One model's historical rows, as one record's history shows them.

    ``rows``: a historical queryset, or the list ``history_rows`` read from one; ``subject``
    names the object a row belongs to ("Nội dung 3: …"); ``ignore`` the fields that are no change
    of the record (the parent key, derived fields, who submitted and when: the entry's own who
    and when); ``captions`` labels for fields the model leaves unlabelled; ``derived`` values
    computed from a row, shown as fields (label → function of the row: a risk's level);
    ``reasons`` readable words for a change reason a service stores as a key; ``first_in_full``:
    where ``rows`` leave out an object's earlier rows (drafts a reader may not read), its first
    row shown is a change from nothing, with all its values; without ``creations``, an object's
    creation makes no entry (another table's entry says it: an action's work item), only its
    later changes do."""

    model: type[Model]
    rows: QuerySet | list
    subject: Callable[[Row], str]
    ignore: Iterable[str] = ()
    captions: dict[str, str] = field(default_factory=dict)
    derived: dict[str, Callable[[Row], str]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    first_in_full: bool = False
    creations: bool = True


def history_rows(queryset: QuerySet) -> list[Row]:
    """The rows of a historical queryset with the person who made each change."""
    return list(queryset.select_related("history_user"))


def latest_rows(rows: Iterable[Row]) -> dict[Any, Row]:
    """Each object's latest historical row, by its id: what a child is called now."""
    latest: dict[Any, Row] = {}
    for row in sorted(rows, key=lambda r: (r.history_date, r.history_id)):
        latest[row.id] = row
    return latest


def shorten(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 3] + "…"


def history_entries(
    *tables: Table, labels: dict[type, Callable[[Iterable[Any]], dict[Any, str]]] | None = None
) -> list[HistoryEntry]:
    """The entries of all ``tables``, newest first. A foreign key reads as the related object's
    ``str`` (one query per related model); ``labels`` replaces that for a model whose ``str``
    reads further relations: model → function of the ids → {id: label}."""
    prepared = [_Prepared(table) for table in tables]
    for table in prepared:
        table.load_m2m()
    wanted: dict[type, set] = defaultdict(set)
    for table in prepared:
        for model, ids in table.related_ids().items():
            wanted[model] |= ids
    names = _names(wanted, labels or {})
    entries = [entry for table in prepared for entry in table.entries(names)]
    return sorted(entries, key=lambda e: e.at, reverse=True)


def _names(wanted: dict[type, set], labels) -> Names:
    names: Names = {}
    user_model = get_user_model()
    for model, ids in wanted.items():
        ids.discard(None)
        if not ids:
            continue
        if model in labels:
            names[model] = labels[model](ids)
        elif model is user_model:
            names[model] = {u.pk: u.get_full_name() for u in model._base_manager.filter(pk__in=ids)}
        else:  # the base manager: a soft-deleted object still has its name
            names[model] = {o.pk: str(o) for o in model._base_manager.filter(pk__in=ids)}
    return names


class _Prepared:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.rows = (
            history_rows(table.rows) if isinstance(table.rows, QuerySet) else list(table.rows)
        )
        ignored = IGNORED | set(table.ignore)
        tracked = table.model.history.model.tracked_fields  # less the history's excluded fields
        self.fields = [f for f in tracked if f.name not in ignored]
        self.m2m_fields = [
            f
            for f in getattr(table.model.history.model, "_history_m2m_fields", [])
            if f.name not in ignored
        ]
        self.m2m: dict[str, dict[int, set]] = {}  # field → history id → related ids

    def load_m2m(self) -> None:
        """One query per many-to-many field, for all the rows."""
        history_ids = [row.history_id for row in self.rows]
        for m2m_field in self.m2m_fields:
            snapshot = getattr(self.table.model.history.model, m2m_field.name).model
            target = get_m2m_reverse_field_name(m2m_field)
            values: dict[int, set] = defaultdict(set)
            pairs = snapshot.objects.filter(history_id__in=history_ids).values_list(
                "history_id", f"{target}_id"
            )
            for history_id, related_id in pairs:
                values[history_id].add(related_id)
            self.m2m[m2m_field.name] = values

    def related_ids(self) -> dict[type, set]:
        ids: dict[type, set] = defaultdict(set)
        for f in self.fields:
            if f.is_relation:
                ids[f.related_model] |= {getattr(row, f.attname) for row in self.rows}
        for m2m_field in self.m2m_fields:
            for values in self.m2m[m2m_field.name].values():
                ids[m2m_field.related_model] |= values
        return ids

    def labels(self) -> dict[str, str]:
        """Field name → its label, as the entries show it."""
        captions = self.table.captions
        labels = {
            f.name: str(captions.get(f.name, f.verbose_name))
            for f in [*self.fields, *self.m2m_fields]
        }
        return {**labels, **{str(label): str(label) for label in self.table.derived}}

    def values(self, row: Row, names: Names) -> dict[str, str]:
        """Field name → the row's value as a person reads it."""
        shown = {f.name: _display(row, f, names) for f in self.fields}
        for m2m_field in self.m2m_fields:
            related = names.get(m2m_field.related_model, {})
            ids = self.m2m[m2m_field.name].get(row.history_id, set())
            shown[m2m_field.name] = ", ".join(sorted(related.get(i, str(i)) for i in ids))
        for label, compute in self.table.derived.items():
            shown[str(label)] = compute(row)
        return shown

    def entries(self, names: Names) -> list[HistoryEntry]:
        """Consecutive rows of an object give a diff."""
        labels = self.labels()
        by_object: dict[Any, list] = defaultdict(list)
        for row in sorted(self.rows, key=lambda r: (r.history_date, r.history_id)):
            by_object[row.id].append(row)
        entries = []
        for rows in by_object.values():
            values = [self.values(row, names) for row in rows]  # each row read once
            first, created = rows[0], rows[0].history_type == "+"
            if (created and self.table.creations) or (not created and self.table.first_in_full):
                changes = [Change(labels[n], "", value) for n, value in values[0].items() if value]
                entries.append(self._entry(first, first.history_type, changes))
            for index, (previous, current) in enumerate(pairwise(rows), start=1):
                action = current.history_type
                if getattr(current, "deleted_at", None) and not previous.deleted_at:
                    action = "-"  # a soft delete
                changes = []
                if action == "~":
                    old, new = values[index - 1], values[index]
                    changes = [
                        Change(labels[name], old[name], value)
                        for name, value in new.items()
                        if old[name] != value
                    ]
                entries.append(self._entry(current, action, changes))
        # An entry that shows nothing (saved unchanged, or created empty: an empty input of a
        # review) is no change a person made; a deletion always is.
        return [e for e in entries if e.action == "-" or e.changes or e.reason]

    def _entry(self, row: Row, action: str, changes: list[Change]) -> HistoryEntry:
        reason = row.history_change_reason or ""
        return HistoryEntry(
            at=row.history_date,
            user=row.history_user,
            subject=self.table.subject(row),
            action=action,
            changes=changes,
            reason=self.table.reasons.get(reason, reason),
        )


def _display(row: Row, model_field, names: Names) -> str:
    value = getattr(row, model_field.attname)
    if value is None:
        return ""
    if model_field.is_relation:
        return names.get(model_field.related_model, {}).get(value, str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return readable(value)


def readable(value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):  # "Lịch chọn bằng tay: Có", not "False"
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return f"{localtime(value) if is_aware(value) else value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, Decimal):  # "96,5" in Vietnamese, as the pages show it
        return number_format(f"{value.normalize():f}")
    if isinstance(value, dict):
        return "; ".join(str(v) for v in value.values())
    # Line endings and trailing spaces are not a change a person made.
    return "\n".join(line.rstrip() for line in str(value).splitlines()).strip()
