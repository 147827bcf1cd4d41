"""The change history of a set of quality objectives: the set (its workflow), its objectives and
their results, period by period (isoplan/history.py reads and compares the rows)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten

from .models import Objective, ObjectiveResult, ObjectiveSet


def objective_set_history(objective_set: ObjectiveSet) -> list[HistoryEntry]:
    """Newest first."""
    objective_rows = history_rows(Objective.history.filter(objective_set_id=objective_set.pk))
    latest = latest_rows(objective_rows)

    def objective_label(objective_id: int) -> str:
        row = latest.get(objective_id)
        statement = shorten(row.statement) if row else ""
        return _("Objective: %(statement)s") % {"statement": statement}

    def result_label(row) -> str:
        row_of_objective = latest.get(row.objective_id)
        return _("Result of %(period)s: %(statement)s") % {
            "period": row.period_label,
            "statement": shorten(row_of_objective.statement) if row_of_objective else "",
        }

    set_label = capfirst(ObjectiveSet._meta.verbose_name)
    return history_entries(
        Table(
            ObjectiveSet,
            ObjectiveSet.history.filter(id=objective_set.pk),
            lambda r: set_label,
            # the workflow's stamps: the entry's own who and when
            ignore=("submitted_by", "submitted_at", "decided_by", "decided_at"),
        ),
        Table(
            Objective, objective_rows, lambda r: objective_label(r.id), ("objective_set", "order")
        ),
        Table(
            ObjectiveResult,
            ObjectiveResult.history.filter(objective_id__in=list(latest)),
            result_label,
            # the period's key (its label is shown), who entered it and when (the entry's own)
            ignore=("objective", "period_key", "entered_by", "entered_at"),
        ),
    )
