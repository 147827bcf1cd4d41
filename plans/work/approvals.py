"""What waits for a person's decision, across every kind of controlled record.

Each domain declares, in its ``kinds`` module, which of its records wait for a decision: the
workflow table and the decision's action (``register(Awaiting(...))``). A record waits while
its saved status is one the decision starts from; it waits for whoever holds the decision's
permission. Who handed it over, and when, is read from the record's history.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from itertools import groupby
from typing import Any, NamedTuple

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet, Value

from isoplan.workflow import Workflow, entering_row


@dataclass(frozen=True, eq=False)  # one object per kind, hashed as itself (the query's cache)
class Awaiting:
    label: Any  # the kind, as the list says it: "Kế hoạch", "Biên bản họp xem xét"
    model: str  # "app_label.ModelName"
    workflow: Workflow
    decision: str = "approve"  # the action that decides
    related: tuple[str, ...] = ()  # what the record's name and page read

    @property
    def permission(self) -> str:
        return self.workflow[self.decision].permission

    def records(self, organization: Any) -> QuerySet:
        """The records that wait, with their agency (whose roles decide who may) and what
        their name and page read — no more: ``select_related()`` of nothing joins every
        foreign key."""
        model = apps.get_model(self.model)
        return model._default_manager.filter(
            **{
                model.organization_field: organization,
                "status__in": self.workflow[self.decision].from_statuses,
            }
        ).select_related(model.organization_field, *self.related)


KINDS: list[Awaiting] = []


def register(kind: Awaiting) -> None:
    KINDS.append(kind)


@dataclass
class Waiting:
    kind: Any
    record: Any
    url: str
    by: Any  # who handed it over (None: unknown)
    since: datetime.datetime | None


def _deciding(user: Any, organization: Any) -> list[Awaiting]:
    """The kinds whose decision the person takes in the organization (a role there decides:
    the approvals are the leadership's)."""
    if organization is None:
        return []
    return [kind for kind in KINDS if user.has_perm(kind.permission, organization)]


# Where the agency's id goes in the compiled query (a key no agency has).
_ANY_ORGANIZATION = -1


def _waiting_ids(kinds: list[Awaiting], organization: Any) -> dict[int, list[int]]:
    """Which records of each kind wait (kind's index → ids), from one query over all kinds."""
    sql, params, places = _waiting_query(tuple(kinds), connection.alias)
    params = list(params)
    for place in places:
        params[place] = organization.pk
    ids: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for index, pk in cursor.fetchall():
            ids.setdefault(index, []).append(pk)
    return ids


@functools.cache
def _waiting_query(kinds: tuple[Awaiting, ...], alias: str) -> tuple[str, tuple, list[int]]:
    """The union of the kinds' waiting records, compiled once per set of kinds: the navigation
    bar asks it on every page of whoever decides, and building and compiling the union cost
    more than running it (1.4 of 2.6 ms)."""
    querysets = [
        kind.records(_ANY_ORGANIZATION)
        .order_by()  # SQLite: no ORDER BY in a UNION
        .annotate(kind_index=Value(index))
        .values_list("kind_index", "pk")
        for index, kind in enumerate(kinds)
    ]
    union = querysets[0].union(*querysets[1:], all=True)
    sql, params = union.query.get_compiler(alias).as_sql()
    places = [n for n, value in enumerate(params) if value == _ANY_ORGANIZATION]
    if len(places) != len(kinds):  # else one agency's count could read another's records
        raise ImproperlyConfigured(f"waiting records: not one agency filter per kind in {sql}")
    return sql, tuple(params), places


def _waiting_ids_once(
    kinds: list[Awaiting], organization: Any, request: Any
) -> dict[int, list[int]]:
    """``_waiting_ids``, asked once per request: the dashboard's table and the navigation bar's
    count read the same ids (``request``: the request being answered, None: no memo)."""
    if request is None:
        return _waiting_ids(kinds, organization)
    memo = request.__dict__.setdefault("_waiting_ids", {})
    key = (organization.pk, tuple(id(kind) for kind in kinds))
    if key not in memo:
        memo[key] = _waiting_ids(kinds, organization)
    return memo[key]


def waiting_count(user: Any, organization: Any, request: Any = None) -> int | None:
    """For the navigation bar: one query (none if the page read them already); None (and no
    query) for who decides nothing."""
    kinds = _deciding(user, organization)
    if not kinds:
        return None
    return sum(len(ids) for ids in _waiting_ids_once(kinds, organization, request).values())


def waiting_for(user: Any, organization: Any, request: Any = None) -> list[Waiting]:
    """Everything waiting for this person's decision, oldest first: one query, one per kind
    that has some, then one for the steps that handed them over and one for who took them."""
    kinds = _deciding(user, organization)
    if not kinds:
        return []
    waiting = []  # (kind, its records that wait for this person)
    for index, ids in _waiting_ids_once(kinds, organization, request).items():
        kind = kinds[index]
        records = [
            record
            for record in kind.records(organization).filter(pk__in=ids)
            if kind.workflow.may(user, kind.decision, record)
        ]
        if records:
            waiting.append((kind, records))
    steps = _handed_over([records for _kind, records in waiting])
    people = get_user_model().objects.in_bulk(
        {step.history_user_id for step in steps.values() if step and step.history_user_id}
    )
    rows = []
    for index, (kind, records) in enumerate(waiting):
        for record in records:
            step = steps.get((index, record.pk))
            page = record if hasattr(record, "get_absolute_url") else kind.workflow.subject(record)
            rows.append(
                Waiting(
                    kind=kind.label,
                    record=record,
                    url=page.get_absolute_url(),
                    by=people.get(step.history_user_id) if step else None,
                    since=step.history_date if step else None,
                )
            )
    oldest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(rows, key=lambda w: w.since or oldest)


class _Step(NamedTuple):
    status: str
    history_date: datetime.datetime
    history_user_id: int | None


def _handed_over(groups: list[list]) -> dict[tuple[int, int], _Step | None]:
    """Each record's history row of the step that brought it into its status, keyed by (its
    group's index, its id): one query over the groups' history tables."""
    querysets = [
        _history_model(type(records[0]))
        .objects.filter(id__in=[record.pk for record in records])
        .order_by()  # SQLite: no ORDER BY in a UNION
        .annotate(group=Value(index))
        .values_list("group", "id", "history_id", "status", "history_date", "history_user_id")
        for index, records in enumerate(groups)
    ]
    if not querysets:
        return {}
    rows = querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]
    statuses = {
        (index, record.pk): record.status
        for index, records in enumerate(groups)
        for record in records
    }
    newest_first = sorted(rows, key=lambda row: (row[0], row[1], -row[2]))
    return {
        key: entering_row((_Step(*row[3:]) for row in group), statuses[key])
        for key, group in groupby(newest_first, key=lambda row: (row[0], row[1]))
    }


@functools.cache
def _history_model(model: type) -> type:
    """The model's history table (simple-history's descriptor builds a manager class on each
    access)."""
    return model.history.model
