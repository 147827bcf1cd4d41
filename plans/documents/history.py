"""The change history of a document of the register and its editions (isoplan/history.py reads
and compares the rows)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries

from .choices import OPEN_EDITION_STATUSES
from .models import Document, DocumentEdition


def _edition_label(number: int) -> str:
    return _("Edition %(number)s") % {"number": number}


def document_history(document: Document, *, with_drafts: bool) -> list[HistoryEntry]:
    """Newest first. Without ``with_drafts`` (a reader who neither writes nor approves it), an
    edition's changes before it was approved are left out, as the document's page leaves out
    drafts and editions in review."""
    editions = DocumentEdition.history.filter(document_id=document.pk)
    if not with_drafts:
        editions = editions.exclude(status__in=OPEN_EDITION_STATUSES)

    def edition_names(ids) -> dict[int, str]:
        numbers = DocumentEdition.objects.filter(pk__in=ids).values_list("pk", "number")
        return {pk: _edition_label(number) for pk, number in numbers}

    document_label = capfirst(Document._meta.verbose_name)
    return history_entries(
        Table(
            Document,
            Document.history.filter(id=document.pk),
            lambda r: document_label,
            ignore=("review_item",),  # the open periodic review's work item: derived
        ),
        Table(
            DocumentEdition,
            editions,
            lambda r: _edition_label(r.number),
            # the workflow's stamps: the entry's own who and when
            ignore=("document", "submitted_by", "submitted_at", "approved_by", "approved_at"),
            first_in_full=not with_drafts,  # an edition appears when approved
        ),
        labels={DocumentEdition: edition_names},
    )
