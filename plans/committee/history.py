"""The change history of a committee composition: the decision's details, its status (issued,
superseded) and its members (isoplan/history.py reads and compares the rows)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows

from .models import CommitteeComposition, CommitteeMember


def composition_history(composition: CommitteeComposition) -> list[HistoryEntry]:
    """Newest first."""
    member_rows = history_rows(CommitteeMember.history.filter(composition_id=composition.pk))
    members = latest_rows(member_rows)
    label = capfirst(CommitteeComposition._meta.verbose_name)
    return history_entries(
        Table(
            CommitteeComposition,
            CommitteeComposition.history.filter(id=composition.pk),
            lambda r: label,
            ignore=("organization", "created_by"),
        ),
        Table(
            CommitteeMember,
            member_rows,
            lambda r: _("Member: %(name)s") % {"name": members[r.id].name},
            ignore=("composition", "order"),
        ),
    )
