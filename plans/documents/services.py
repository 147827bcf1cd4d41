"""Documented information: a document's editions (draft → in review → in force → superseded),
its periodic reviews and the external texts that make the owner units update it.

Reviews and updates are work items of the owner units, so they reach the unit's work page, the
calendar feeds and the reminders like any other deadline.
"""

from __future__ import annotations

import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.choices import EventKind, TaskParty
from plans.models import Organization
from plans.services.concurrency import save_if_unchanged
from plans.work.services import (
    due,
    event_record,
    item_discard,
    item_end,
    item_open,
    item_update,
    work_item_complete,
)

from .choices import OPEN_EDITION_STATUSES, DocumentStatus, EditionStatus
from .models import Document, DocumentEdition, DocumentFile, ExternalDocument

# The kinds of the register's work items (kinds.py).
DOCUMENT_REVIEW = "document_review"
DOCUMENT_UPDATE = "document_update"


class DocumentError(Exception):
    """A step the document's or edition's state does not allow. The message is for the user."""


# --- the document ------------------------------------------------------------------------------
@transaction.atomic
def document_create(*, organization: Organization, user: Any, **fields: Any) -> Document:
    """A new document with its first edition as a draft."""
    document = Document(organization=organization, **fields)
    document._history_user = user
    document.save()
    DocumentEdition.objects.create(document=document, number=1)
    return document


@transaction.atomic
def document_update(*, document: Document, expected_version: int, user: Any) -> Document:
    """Save the register entry as changed by a form (``document`` carries the new values)."""
    document._history_user = user
    save_if_unchanged(document, expected_version=expected_version)
    _schedule_review(document)
    return document


@transaction.atomic
def document_withdraw(*, document: Document, user: Any) -> Document:
    """No longer in force; kept with its editions (never deleted). Its next review is dropped."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.status == DocumentStatus.WITHDRAWN:
        raise DocumentError(_("This document is already withdrawn."))
    locked.status = DocumentStatus.WITHDRAWN
    locked.lock_version += 1
    locked._history_user = user
    locked.save()
    _schedule_review(locked)
    return locked


def _refresh_status(document: Document) -> None:
    if document.status == DocumentStatus.WITHDRAWN:
        return
    if document.current_edition_id:
        document.status = DocumentStatus.IN_FORCE
    elif document.editions.filter(status=EditionStatus.IN_REVIEW).exists():
        document.status = DocumentStatus.IN_REVIEW
    else:
        document.status = DocumentStatus.DRAFT


def _save_document(document: Document, user: Any) -> None:
    _refresh_status(document)
    document.lock_version += 1  # open edit forms of the entry become stale
    document._history_user = user
    document.save()


# --- periodic reviews ---------------------------------------------------------------------------
def _schedule_review(document: Document) -> None:
    """Keep exactly one open review item, due on ``next_review_on``, while the document is in
    force; none otherwise. A closed item is history: the next review gets a new one."""
    item = document.review_item
    wanted = document.status == DocumentStatus.IN_FORCE and document.next_review_on is not None
    if not wanted:
        if item is not None:
            item_end(item)
        return
    if item is not None and item.is_open:
        item_update(
            item,
            due_on=document.next_review_on,
            year=due(document.next_review_on).year,
            department_id=document.department_id,
        )
        return
    due_on = due(document.next_review_on)
    document.review_item = item_open(
        DOCUMENT_REVIEW,
        document,
        organization_id=document.organization_id,
        year=due_on.year,
        key=f"doc-{document.pk}-{due_on:%Y%m%d}",
        label=_("Periodic review of the document"),
        due_on=due_on,
        department_id=document.department_id,
    )
    Document.objects.filter(pk=document.pk).update(review_item=document.review_item)


@transaction.atomic
def document_review_record(
    *, document: Document, user: Any, reviewed_on: datetime.date, note: str
) -> Document:
    """The owner unit reviewed the document: the review item is closed with the conclusion and
    the next review is due ``review_months`` later."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the join to the review item.
    locked = (
        Document.objects.select_for_update(of=("self",))
        .select_related("review_item")
        .get(pk=document.pk)
    )
    if locked.status != DocumentStatus.IN_FORCE:
        raise DocumentError(_("Only a document in force is reviewed."))
    if locked.review_item is not None and locked.review_item.is_open:
        work_item_complete(item=locked.review_item, user=user, note=note)
    locked.next_review_on = reviewed_on + relativedelta(months=locked.review_months)
    locked.review_item = None  # the closed item stays on the unit's record
    _save_document(locked, user)
    _schedule_review(locked)
    return locked


# --- editions ----------------------------------------------------------------------------------
def _ensure(edition: DocumentEdition, *statuses: str) -> None:
    if edition.status not in statuses:
        raise DocumentError(
            _("Not possible while the edition is “%(status)s”.")
            % {"status": edition.get_status_display()}
        )


@transaction.atomic
def edition_start(*, document: Document, user: Any) -> DocumentEdition:
    """A new draft edition of a document in force; the edition in force stays until it is
    replaced by this one's approval."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.status != DocumentStatus.IN_FORCE:
        raise DocumentError(_("A new edition is started from a document in force."))
    if locked.editions.filter(status__in=OPEN_EDITION_STATUSES).exists():
        raise DocumentError(_("An edition of this document is already being prepared."))
    last = locked.editions.aggregate(last=Max("number"))["last"] or 0
    edition = DocumentEdition(document=locked, number=last + 1)
    edition._history_user = user
    edition.save()
    return edition


@transaction.atomic
def edition_update(
    *, edition: DocumentEdition, expected_version: int, user: Any, files=()
) -> DocumentEdition:
    """Save a draft edition as changed by a form, with the files added to it."""
    _ensure(DocumentEdition.objects.get(pk=edition.pk), EditionStatus.DRAFT)
    edition._history_user = user
    save_if_unchanged(edition, expected_version=expected_version)
    for upload in files:
        DocumentFile.objects.create(
            edition=edition,
            file=upload,
            original_name=upload.name,
            size=upload.size,
            uploaded_by=user,
        )
    return edition


def _transition(edition: DocumentEdition, *, to: str, user: Any, allowed: str) -> DocumentEdition:
    locked = (
        DocumentEdition.objects.select_for_update().select_related("document").get(pk=edition.pk)
    )
    _ensure(locked, allowed)
    locked.status = to
    locked.lock_version += 1
    locked._history_user = user
    return locked


@transaction.atomic
def edition_submit(*, edition: DocumentEdition, user: Any) -> DocumentEdition:
    locked = _transition(
        edition, to=EditionStatus.IN_REVIEW, user=user, allowed=EditionStatus.DRAFT
    )
    if not locked.files.exists():
        raise DocumentError(_("Attach the edition's file (PDF or Word) before submitting it."))
    if locked.number > 1 and not locked.changes.strip():
        raise DocumentError(_("Say what this edition changes before submitting it."))
    locked.submitted_by, locked.submitted_at = user, timezone.now()
    locked.return_comment = ""
    locked.save()
    _save_document(locked.document, user)
    return locked


@transaction.atomic
def edition_return(*, edition: DocumentEdition, user: Any, comment: str) -> DocumentEdition:
    if not comment.strip():
        raise DocumentError(_("Say why the edition is returned."))
    locked = _transition(
        edition, to=EditionStatus.DRAFT, user=user, allowed=EditionStatus.IN_REVIEW
    )
    locked.return_comment = comment
    locked.save()
    _save_document(locked.document, user)
    return locked


@transaction.atomic
def edition_approve(
    *, edition: DocumentEdition, user: Any, today: datetime.date | None = None
) -> DocumentEdition:
    """The director approves: this edition is in force, the previous one superseded (still
    readable), and the next periodic review is counted from its effective date."""
    today = today or timezone.localdate()
    locked = _transition(
        edition, to=EditionStatus.APPROVED, user=user, allowed=EditionStatus.IN_REVIEW
    )
    locked.approved_by, locked.approved_at = user, timezone.now()
    locked.issued_on = locked.issued_on or today
    locked.effective_on = locked.effective_on or locked.issued_on
    locked.save()
    document = Document.objects.select_for_update().get(pk=locked.document_id)
    previous = document.current_edition
    if previous is not None:
        previous.status = EditionStatus.SUPERSEDED
        previous._history_user = user
        previous.save()
    document.current_edition = locked
    document.next_review_on = locked.effective_on + relativedelta(months=document.review_months)
    _save_document(document, user)
    _schedule_review(document)
    return locked


# --- external texts ----------------------------------------------------------------------------
def update_due(external: ExternalDocument) -> datetime.date:
    months = external.organization.document_update_months
    return due(external.effective_on + relativedelta(months=months))


def _sync_update_items(external: ExternalDocument) -> None:
    """One "update the affected documents" item per owner unit of the documents it affects
    (the ISO secretary's when none is linked yet: someone must check what it affects)."""
    departments = set(
        external.affects.exclude(status=DocumentStatus.WITHDRAWN).values_list(
            "department_id", flat=True
        )
    )
    wanted = departments or {None}
    due_on = update_due(external)
    existing = {item.department_id: item for item in external.update_items.all()}
    for department_id in sorted(wanted, key=lambda pk: pk or 0):
        item = existing.pop(department_id, None)
        if item is None:
            item = item_open(
                DOCUMENT_UPDATE,
                external,
                organization_id=external.organization_id,
                year=due_on.year,
                key=f"ext-{external.pk}",
                label=_("Update the affected documents"),
                due_on=due_on,
                department_id=department_id,
                party="" if department_id else TaskParty.ISO_SECRETARY,
            )
            external.update_items.add(item)
        else:
            item_update(item, due_on=due_on, year=due_on.year)
    for item in existing.values():
        item_discard(item)


@transaction.atomic
def external_document_record(
    *, organization: Organization, user: Any, affects=(), **fields: Any
) -> ExternalDocument:
    """Record a new legal text: the owner units get the work item to update their documents,
    and the events "new guidance received" and "new legal text takes effect" date the plan
    tasks waiting for them."""
    external = ExternalDocument(organization=organization, recorded_by=user, **fields)
    external._history_user = user
    external.save()
    external.affects.set(affects)
    _sync_update_items(external)
    description = f"{external.number} – {external.title}"[:500]
    for kind, day in (
        (EventKind.NEW_GUIDANCE, external.received_on),
        (EventKind.LEGAL_TEXT_EFFECTIVE, external.effective_on),
    ):
        event_record(
            organization=organization,
            kind=kind,
            occurred_on=day,
            user=user,
            description=description,
        )
    return external


@transaction.atomic
def external_document_update(
    *, external: ExternalDocument, affects, expected_version: int, user: Any
) -> ExternalDocument:
    """Save the entry as changed by a form; the update items follow the affected units and the
    effective date (items already worked on are kept)."""
    external._history_user = user
    save_if_unchanged(external, expected_version=expected_version)
    external.affects.set(affects)
    _sync_update_items(external)
    return external
