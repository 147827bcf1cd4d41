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
from typing import Any

from django.apps import apps
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
        model = apps.get_model(self.model)
        return model._default_manager.filter(
            **{
                model.organization_field: organization,
                "status__in": self.workflow[self.decision].from_statuses,
            }
        )


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
    assert len(places) == len(kinds), sql  # noqa: S101 - one agency filter per kind
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
    """Everything waiting for this person's decision, oldest first: one query, then two per
    kind that has some."""
    kinds = _deciding(user, organization)
    if not kinds:
        return []
    rows = []
    for index, ids in _waiting_ids_once(kinds, organization, request).items():
        kind = kinds[index]
        records = [
            record
            for record in kind.records(organization)
            .filter(pk__in=ids)
            .select_related(*kind.related)
            if kind.workflow.may(user, kind.decision, record)
        ]
        handed = _handed_over(records)
        for record in records:
            row = handed.get(record.pk)
            page = record if hasattr(record, "get_absolute_url") else kind.workflow.subject(record)
            rows.append(
                Waiting(
                    kind=kind.label,
                    record=record,
                    url=page.get_absolute_url(),
                    by=row.history_user if row else None,
                    since=row.history_date if row else None,
                )
            )
    oldest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(rows, key=lambda w: w.since or oldest)


def _handed_over(records: list) -> dict[int, Any]:
    """Each record's history row of the step that brought it into its status, from one query."""
    if not records:
        return {}
    statuses = {record.pk: record.status for record in records}
    history = type(records[0]).history.filter(id__in=statuses).select_related("history_user")
    rows = history.order_by("id", "-history_id").only(
        "id", "status", "history_date", "history_user"
    )
    return {
        pk: entering_row(group, statuses[pk]) for pk, group in groupby(rows, key=lambda row: row.id)
    }
