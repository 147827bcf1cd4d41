"""The change history of an improvement proposal: the record (decision, status), its
improvement actions and the work on each (isoplan/history.py reads and compares the rows)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten
from plans.work.history import work_item_table

from .models import ImprovementAction, ImprovementProposal


def proposal_history(proposal: ImprovementProposal) -> list[HistoryEntry]:
    """Newest first."""
    action_rows = history_rows(ImprovementAction.history.filter(proposal_id=proposal.pk))
    actions = latest_rows(action_rows)
    by_item = {row.work_item_id: row for row in actions.values()}

    def action_label(row) -> str:
        return _("Improvement action: %(action)s") % {"action": shorten(row.action)}

    return history_entries(
        Table(
            ImprovementProposal,
            ImprovementProposal.history.filter(id=proposal.pk),
            lambda r: proposal.code,
            # who proposed and who decided: the entry's own who
            ignore=("proposed_by", "decided_by"),
        ),
        Table(
            ImprovementAction,
            action_rows,
            lambda r: action_label(actions[r.id]),
            ignore=("proposal", "work_item"),
        ),
        work_item_table(by_item, lambda r: action_label(by_item[r.id])),
    )
