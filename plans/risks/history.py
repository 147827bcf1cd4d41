"""The change history of a risk or opportunity: its rating (with the level it gave), treatment,
re-rating, its treatment actions and the work on them (isoplan/history.py reads and compares the
rows)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten
from plans.work.history import work_item_table

from .choices import RiskLevel
from .models import RERATING_REASON, Risk, RiskAction, risk_level


def risk_history(risk: Risk) -> list[HistoryEntry]:
    """Newest first. The level is read with the organization's thresholds of today."""
    organization = risk.organization
    action_rows = history_rows(RiskAction.history.filter(risk_id=risk.pk))
    actions = latest_rows(action_rows)
    by_item = {row.work_item_id: row for row in actions.values()}

    def level(row) -> str:
        score = row.likelihood * row.impact
        value = risk_level(
            score,
            medium_from=organization.risk_medium_from,
            high_from=organization.risk_high_from,
        )
        return str(RiskLevel(value).label)

    def action_label(row) -> str:
        return _("Treatment action: %(action)s") % {"action": shorten(row.action)}

    risk_label = capfirst(Risk._meta.verbose_name)
    return history_entries(
        Table(
            Risk,
            Risk.history.filter(id=risk.pk),
            lambda r: risk_label,
            ignore=("recorded_by",),  # the entry's own who
            derived={
                _("Score"): lambda r: str(r.likelihood * r.impact),
                _("Level"): level,
            },
            reasons={RERATING_REASON: _("Re-rated")},
        ),
        Table(
            RiskAction,
            action_rows,
            lambda r: action_label(actions[r.id]),
            ignore=("risk", "work_item"),
        ),
        work_item_table(by_item, lambda r: action_label(by_item[r.id])),
    )
