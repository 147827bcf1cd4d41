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
from django.utils.translation import gettext_lazy

from isoplan.concurrency import save_if_unchanged
from isoplan.workflow import AUTHOR, Action, Workflow, WorkflowError
from plans.choices import EventKind, TaskParty
from plans.models import Organization, WorkItem
from plans.planning.fulfilment import record_fulfils
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
DOCUMENTS_REVIEWED = "documents_reviewed"  # what it completes in the plan (kinds.py)
DOCUMENT_UPDATE = "document_update"


class DocumentError(WorkflowError):
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
    locked = DOCUMENT_ACTIONS.take("withdraw", document, user=user)
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
            counted=True,
            year=due(document.next_review_on, counted=True).year,
            department_id=document.department_id,
        )
        return
    # ``next_review_on`` is counted (N months from the last review or from the edition's
    # effective date; a date corrected by hand stands for the same): on a day off, the next
    # working day.
    due_on = due(document.next_review_on, counted=True)
    document.review_item = item_open(
        DOCUMENT_REVIEW,
        document,
        organization_id=document.organization_id,
        year=due_on.year,
        key=f"doc-{document.pk}-{due_on:%Y%m%d}",
        label=_("Periodic review of the document"),
        due_on=due_on,
        counted=True,
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
        item = work_item_complete(item=locked.review_item, user=user, note=note)
        _reviews_of_year_done(item, reviewed_on, user)
    locked.next_review_on = reviewed_on + relativedelta(months=locked.review_months)
    locked.review_item = None  # the closed item stays on the unit's record
    _save_document(locked, user)
    _schedule_review(locked)
    return locked


def _reviews_of_year_done(item, reviewed_on: datetime.date, user: Any) -> None:
    """When the last review due in a year is recorded, the plan's "Rà soát tài liệu, quy trình"
    of that year is done on that day."""
    if (
        not WorkItem.objects.open()
        .filter(kind=DOCUMENT_REVIEW, organization_id=item.organization_id, year=item.year)
        .exists()
    ):
        record_fulfils(
            DOCUMENTS_REVIEWED,
            organization=item.organization,
            year=item.year,
            done_on=reviewed_on,
            user=user,
            record=item.record,
        )


# --- editions ----------------------------------------------------------------------------------
@transaction.atomic
def edition_start(*, document: Document, user: Any) -> DocumentEdition:
    """A new draft edition of a document in force; the edition in force stays until it is
    replaced by this one's approval."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    DOCUMENT_ACTIONS.ensure("new_edition", locked)
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
    EDITION_ACTIONS.ensure("edit", DocumentEdition.objects.get(pk=edition.pk))
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


def _submittable(saved: DocumentEdition) -> None:
    if not saved.files.exists():
        raise DocumentError(_("Attach the edition's file (PDF or Word) before submitting it."))
    if saved.number > 1 and not saved.changes.strip():
        raise DocumentError(_("Say what this edition changes before submitting it."))


@transaction.atomic
def edition_submit(*, edition: DocumentEdition, user: Any) -> DocumentEdition:
    locked = EDITION_ACTIONS.take(
        "submit",
        edition,
        user=user,
        check=_submittable,
        submitted_by=user,
        submitted_at=timezone.now(),
        return_comment="",
    )
    _save_document(Document.objects.select_for_update().get(pk=locked.document_id), user)
    return locked


@transaction.atomic
def edition_return(*, edition: DocumentEdition, user: Any, comment: str) -> DocumentEdition:
    if not comment.strip():
        raise DocumentError(_("Say why the edition is returned."))
    locked = EDITION_ACTIONS.take(
        "return", edition, user=user, reason=comment, return_comment=comment
    )
    _save_document(Document.objects.select_for_update().get(pk=locked.document_id), user)
    return locked


@transaction.atomic
def edition_approve(
    *, edition: DocumentEdition, user: Any, today: datetime.date | None = None
) -> DocumentEdition:
    """The director approves: this edition is in force, the previous one superseded (still
    readable), and the next periodic review is counted from its effective date."""
    today = today or timezone.localdate()
    locked = EDITION_ACTIONS.take(
        "approve",
        edition,
        user=user,
        approved_by=user,
        approved_at=timezone.now(),
        issued_on=lambda saved: saved.issued_on or today,
        effective_on=lambda saved: saved.effective_on or saved.issued_on,
    )
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


def _no_edition_under_way(document: Document) -> bool:
    return not document.editions.filter(status__in=OPEN_EDITION_STATUSES).exists()


DOCUMENT_ACTIONS = Workflow(
    Action(
        "new_edition",
        permission="plans.change_document",
        from_statuses=frozenset({DocumentStatus.IN_FORCE}),
        label=gettext_lazy("Start a new edition"),
        question=gettext_lazy(
            "Start a new edition? It is drafted, reviewed and approved by the director; until "
            "then the edition in force stays in force."
        ),
        done=gettext_lazy(
            "A new edition was started as a draft; the edition in force stays in force."
        ),
        button=gettext_lazy("Start a new edition"),
        service=edition_start,
        when=_no_edition_under_way,
        refused=gettext_lazy("A new edition is started from a document in force."),
    ),
    Action(
        "withdraw",
        permission="plans.change_document",
        from_statuses=frozenset(set(DocumentStatus) - {DocumentStatus.WITHDRAWN}),
        to_status=DocumentStatus.WITHDRAWN,
        label=gettext_lazy("Withdraw"),
        question=gettext_lazy(
            "Withdraw this document? It leaves the list of documents in force; its editions are "
            "kept and stay readable."
        ),
        done=gettext_lazy("The document was withdrawn."),
        button=gettext_lazy("Withdraw"),
        style="danger",
        service=document_withdraw,
        refused=gettext_lazy("This document is already withdrawn."),
    ),
    record="document",
    error=DocumentError,
    refused="",  # each action says why
)

# An edition's permissions are its document's.
EDITION_ACTIONS = Workflow(
    Action(  # a form of its own
        "edit",
        permission="plans.change_document",
        from_statuses=frozenset({EditionStatus.DRAFT}),
        label=gettext_lazy("Edit and attach files"),
    ),
    Action(
        "submit",
        permission="plans.change_document",
        from_statuses=frozenset({EditionStatus.DRAFT}),
        to_status=EditionStatus.IN_REVIEW,
        label=gettext_lazy("Submit for approval"),
        question=gettext_lazy(
            "Submit this edition for approval? It cannot be changed while reviewed."
        ),
        done=gettext_lazy("The edition was submitted to the leadership for approval."),
        button=gettext_lazy("Submit for approval"),
        service=edition_submit,
        tells="approve",
        announce=gettext_lazy("%(who)s submitted the edition %(record)s for your approval."),
    ),
    Action(
        "approve",
        permission="plans.approve_document",
        from_statuses=frozenset({EditionStatus.IN_REVIEW}),
        to_status=EditionStatus.APPROVED,
        label=gettext_lazy("Approve"),
        question=gettext_lazy(
            "Approve this edition? It comes into force and the previous edition is marked "
            "superseded."
        ),
        done=gettext_lazy("The edition was approved and is in force."),
        button=gettext_lazy("Approve"),
        style="success",
        service=edition_approve,
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s approved the edition %(record)s."),
    ),
    Action(  # with a comment: a page of its own
        "return",
        permission="plans.approve_document",
        from_statuses=frozenset({EditionStatus.IN_REVIEW}),
        to_status=EditionStatus.DRAFT,
        label=gettext_lazy("Return"),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s returned the edition %(record)s for changes."),
        done=gettext_lazy("The edition was returned to the owner unit."),
    ),
    record="edition",
    error=DocumentError,
    refused=gettext_lazy("Not possible while the edition is “%(status)s”."),
    subject=lambda edition: edition.document,
)


# --- external texts ----------------------------------------------------------------------------
def update_due(external: ExternalDocument) -> datetime.date:
    """N months after the text takes effect: counted, so on a day off the next working day."""
    months = external.organization.document_update_months
    return due(external.effective_on + relativedelta(months=months), counted=True)


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
                counted=True,
                department_id=department_id,
                party="" if department_id else TaskParty.ISO_SECRETARY,
            )
            external.update_items.add(item)
        else:
            item_update(item, due_on=due_on, counted=True, year=due_on.year)
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
