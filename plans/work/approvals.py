"""What waits for a person's decision, across every kind of controlled record.

Each domain declares, in its ``kinds`` module, which of its records wait for a decision: the
workflow table and the decision's action (``register(Awaiting(...))``). A record waits while
its saved status is one the decision starts from; it waits for whoever holds the decision's
permission. Who handed it over, and when, is read from the record's history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from isoplan.workflow import Workflow, entering_row


@dataclass(frozen=True)
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


def waiting_count(user: Any, organization: Any) -> int | None:
    """For the navigation bar: one query; None (and no query) for who decides nothing."""
    querysets = [
        kind.records(organization).order_by().values("pk")  # SQLite: no ORDER BY in a UNION
        for kind in _deciding(user, organization)
    ]
    if not querysets:
        return None
    return querysets[0].union(*querysets[1:], all=True).count()


def waiting_for(user: Any, organization: Any) -> list[Waiting]:
    """Everything waiting for this person's decision, oldest first; two queries per kind."""
    rows = []
    for kind in _deciding(user, organization):
        records = [
            record
            for record in kind.records(organization).select_related(*kind.related)
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
