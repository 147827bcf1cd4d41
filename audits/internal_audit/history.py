"""The change history of an internal audit (its plan, schedule of sessions and the findings of
each session) and of a year's audit programme (isoplan/history.py reads and compares the rows)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten
from plans.models import Department

from .models import Audit, AuditProgramme, AuditSession, Finding


def audit_history(audit: Audit) -> list[HistoryEntry]:
    """Newest first."""
    session_rows = history_rows(AuditSession.history.filter(audit_id=audit.pk))
    sessions = latest_rows(session_rows)
    units = dict(
        Department.objects.filter(
            pk__in={row.department_id for row in sessions.values()}
        ).values_list("pk", "name")
    )

    def session_label(session_id: int) -> str:
        row = sessions.get(session_id)
        if row is None:
            return capfirst(AuditSession._meta.verbose_name)
        return _("Session: %(unit)s, %(date)s") % {
            "unit": units.get(row.department_id, ""),
            "date": f"{row.date:%d/%m/%Y}",
        }

    def finding_label(row) -> str:
        return _("Finding %(clause)s: %(question)s – %(session)s") % {
            "clause": row.clause,
            "question": shorten(row.question, 40),
            "session": session_label(row.session_id),
        }

    audit_label = capfirst(Audit._meta.verbose_name)
    return history_entries(
        Table(
            Audit,
            Audit.history.filter(id=audit.pk),
            lambda r: audit_label,
            ignore=("approved_by", "approved_at"),  # the entry's own who and when
        ),
        Table(AuditSession, session_rows, lambda r: session_label(r.id), ignore=("audit",)),
        Table(
            Finding,
            Finding.history.filter(session_id__in=list(sessions)),
            finding_label,
            ignore=("session", "recorded_by"),  # who recorded it: the entry's own who
            captions={"nonconformity": _("Nonconformity")},
        ),
    )


def audit_programme_history(programme: AuditProgramme) -> list[HistoryEntry]:
    """Newest first."""
    label = capfirst(AuditProgramme._meta.verbose_name)
    return history_entries(
        Table(AuditProgramme, AuditProgramme.history.filter(id=programme.pk), lambda r: label)
    )
