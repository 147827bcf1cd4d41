"""The change history of a management review: its notice and minutes (the meeting's record), the
secretary's inputs, the decisions and the work on them (isoplan/history.py reads and compares the
rows)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten
from plans.work.history import work_item_table

from .choices import ReviewTopic
from .models import ManagementReview, ReviewInput, ReviewOutput


def review_history(review: ManagementReview) -> list[HistoryEntry]:
    """Newest first."""
    output_rows = history_rows(ReviewOutput.history.filter(review_id=review.pk))
    outputs = latest_rows(output_rows)
    by_item = {row.work_item_id: row for row in outputs.values() if row.work_item_id}
    topics = dict(ReviewTopic.choices)

    def decision_label(row) -> str:
        return _("Decision: %(decision)s") % {"decision": shorten(row.decision)}

    review_label = capfirst(ManagementReview._meta.verbose_name)
    return history_entries(
        Table(
            ManagementReview,
            ManagementReview.history.filter(id=review.pk),
            lambda r: review_label,
            ignore=("approved_by", "approved_at"),  # the entry's own who and when
        ),
        Table(
            ReviewInput,
            ReviewInput.history.filter(review_id=review.pk),
            lambda r: _("Input: %(topic)s") % {"topic": topics.get(r.topic, r.topic)},
            ignore=("review", "topic"),
        ),
        Table(
            ReviewOutput,
            output_rows,
            lambda r: decision_label(outputs[r.id]),
            ignore=("review", "work_item"),
        ),
        work_item_table(by_item, lambda r: decision_label(by_item[r.id])),
    )
