"""The change history of an annual report: the texts written by hand, its approval and its
sending to the province (isoplan/history.py reads and compares the rows; the figures are read
from the data, not stored)."""

from __future__ import annotations

from django.utils.text import capfirst

from isoplan.history import HistoryEntry, Table, history_entries

from .models import AnnualReport


def annual_report_history(report: AnnualReport) -> list[HistoryEntry]:
    """Newest first."""
    label = capfirst(AnnualReport._meta.verbose_name)
    return history_entries(
        Table(
            AnnualReport,
            AnnualReport.history.filter(id=report.pk),
            lambda r: label,
            ignore=("approved_by", "approved_at"),  # the entry's own who and when
        )
    )
