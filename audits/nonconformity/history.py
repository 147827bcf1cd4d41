"""The change history of a nonconformity: the record (analysis, status), its corrective actions
and the work on each, each verification and its overturning (isoplan/history.py reads and
compares the rows)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten
from plans.work.history import work_item_table

from .models import CorrectiveAction, Nonconformity, Verification


def nonconformity_history(nonconformity: Nonconformity) -> list[HistoryEntry]:
    """Newest first."""
    action_rows = history_rows(CorrectiveAction.history.filter(nonconformity_id=nonconformity.pk))
    actions = latest_rows(action_rows)
    by_item = {row.work_item_id: row for row in actions.values()}

    def action_label(row) -> str:
        return _("Corrective action: %(action)s") % {"action": shorten(row.action)}

    return history_entries(
        Table(
            Nonconformity,
            Nonconformity.history.filter(id=nonconformity.pk),
            lambda r: nonconformity.code,
            # who recorded and who verified: the entry's own who
            ignore=("recorded_by", "verified_by"),
        ),
        Table(
            CorrectiveAction,
            action_rows,
            lambda r: action_label(actions[r.id]),
            ignore=("nonconformity", "work_item"),
        ),
        work_item_table(by_item, lambda r: action_label(by_item[r.id])),
        Table(  # each verification, and its overturning with the reason
            Verification,
            Verification.history.filter(nonconformity_id=nonconformity.pk),
            lambda r: _("Verification of %(date)s") % {"date": f"{r.verified_on:%d/%m/%Y}"},
            ignore=("nonconformity",),
        ),
    )
