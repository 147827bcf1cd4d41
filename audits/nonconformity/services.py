"""The nonconformity's life: registered → cause and actions → actions done → verified → closed.

Shortcuts are refused: no closing while an action is open, none without a verification, and an
ineffective verification sends it back for new actions. Each verification is kept; a closed
nonconformity whose problem is not solved is reopened with a reason, overturning the
verification that closed it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isoplan.concurrency import save_if_unchanged
from isoplan.workflow import Action, Workflow, WorkflowError
from plans.choices import WorkItemStatus
from plans.models import Department, Organization, WorkItem
from plans.planning.fulfilment import record_fulfils
from plans.work.models import is_open
from plans.work.services import item_open, items_reopen_for

from .choices import NonconformitySource, NonconformityStatus
from .models import CorrectiveAction, Nonconformity, Verification

CORRECTIVE_ACTION = "corrective_action"  # the kind of an action's work item (kinds.py)
# What they complete in the plan (kinds.py, plans/planning/fulfilment.py).
AUDIT_FINDINGS_CLOSED = "audit_findings_closed"

AGE_BUCKETS = [(0, 30), (31, 90), (91, None)]


class NonconformityError(WorkflowError):
    """A step the nonconformity's state does not allow. The message is for the user."""


@transaction.atomic
def nonconformity_register(
    *, organization: Organization, user: Any, **fields: Any
) -> Nonconformity:
    """Record a nonconformity; it is numbered from 1 each year (KPH-2023-01)."""
    Organization.objects.select_for_update().get(pk=organization.pk)  # one number at a time
    year = fields["found_on"].year
    last = Nonconformity.objects.filter(organization=organization, year=year).aggregate(
        last=Max("number")
    )["last"]
    return Nonconformity.objects.create(
        organization=organization, year=year, number=(last or 0) + 1, recorded_by=user, **fields
    )


@transaction.atomic
def nonconformity_restate(
    *, nonconformity: Nonconformity, clause: str, description: str, user: Any
) -> Nonconformity:
    """The finding that registered it was corrected: its clause and description follow, unless
    it is closed (a closed record keeps what it was closed on). Its analysis is another part
    of the record: an open analysis form is not made stale."""
    locked = Nonconformity.objects.select_for_update(of=("self",)).get(pk=nonconformity.pk)
    if locked.status == NonconformityStatus.CLOSED or (locked.clause, locked.description) == (
        clause,
        description,
    ):
        return locked
    locked.clause, locked.description = clause, description
    locked._history_user = user
    locked.save(update_fields=["clause", "description"])
    return locked


def _ensure(nonconformity: Nonconformity, *statuses: str) -> None:
    if nonconformity.status not in statuses:
        raise NonconformityError(
            _("Not possible while the nonconformity is “%(status)s”.")
            % {"status": nonconformity.get_status_display()}
        )


def nonconformity_analyse(
    *,
    nonconformity: Nonconformity,
    correction: str,
    root_cause: str,
    user: Any,
    expected_version: int | None = None,
) -> Nonconformity:
    """Raises StaleEditError when someone saved the nonconformity since ``expected_version``."""
    NONCONFORMITY_ACTIONS.ensure("analyse", nonconformity)
    nonconformity.correction = correction
    nonconformity.root_cause = root_cause
    nonconformity._history_user = user
    if expected_version is None:
        expected_version = nonconformity.lock_version
    save_if_unchanged(
        nonconformity,
        expected_version=expected_version,
        update_fields=["correction", "root_cause", "lock_version"],
    )
    return nonconformity


@transaction.atomic
def corrective_action_add(
    *,
    nonconformity: Nonconformity,
    action: str,
    department: Department,
    due_on: datetime.date,
    user: Any,
) -> CorrectiveAction:
    """An action with its deadline, which becomes a work item of the unit (with reminders)."""
    _ensure(nonconformity, NonconformityStatus.OPEN, NonconformityStatus.IN_PROGRESS)
    if department.organization_id != nonconformity.organization_id:
        raise NonconformityError(_("The unit must belong to the same organization."))
    number = nonconformity.actions.count() + 1
    item = item_open(
        CORRECTIVE_ACTION,
        None,  # the action holds its item
        organization_id=nonconformity.organization_id,
        year=due_on.year,
        key=f"kph-{nonconformity.pk}-{number}",
        label=_("Corrective action %(code)s") % {"code": nonconformity.code},
        due_on=due_on,
        counted=False,  # a stated date: due on it, or the last working day before it
        department_id=department.pk,
    )
    return CorrectiveAction.objects.create(
        nonconformity=nonconformity,
        action=action,
        department=department,
        due_on=due_on,
        work_item=item,
    )


def _open_actions(nonconformity: Nonconformity):
    return nonconformity.actions.filter(is_open(prefix="work_item__"))


def nonconformity_start_actions(*, nonconformity: Nonconformity, user: Any) -> Nonconformity:
    """The unit has decided the cause and the actions: they are now under way."""

    def decided(saved: Nonconformity) -> None:
        if not saved.root_cause.strip():
            raise NonconformityError(_("Write the root cause first."))
        if not _open_actions(saved).exists():
            raise NonconformityError(_("Add at least one corrective action first."))

    return NONCONFORMITY_ACTIONS.take("start", nonconformity, user=user, check=decided)


def ready_for_verification(nonconformity: Nonconformity) -> bool:
    return (
        nonconformity.status == NonconformityStatus.IN_PROGRESS
        and nonconformity.actions.exists()
        and not _open_actions(nonconformity).exists()
    )


@transaction.atomic
def nonconformity_verify(
    *,
    nonconformity: Nonconformity,
    effective: bool,
    note: str,
    user: Any,
    today: datetime.date | None = None,
) -> Nonconformity:
    """After the actions are done: effective → closed; not effective → back for new actions."""

    def done(saved: Nonconformity) -> None:
        if not ready_for_verification(saved):
            raise NonconformityError(
                _("It can be verified once its corrective actions are all done.")
            )
        if not note.strip():
            raise NonconformityError(_("Say what was checked."))

    today = today or timezone.localdate()
    if effective:
        outcome = {"status": NonconformityStatus.CLOSED, "closed_on": today}
    else:
        outcome = {"status": NonconformityStatus.OPEN}  # new actions are needed
    nonconformity = NONCONFORMITY_ACTIONS.take(
        "verify",
        nonconformity,
        user=user,
        check=done,
        verified_by=user,
        verified_on=today,
        verification=note,
        **outcome,
    )
    # Each one is kept: the next one does not write over a failed one.
    Verification.objects.create(
        nonconformity=nonconformity,
        effective=effective,
        note=note,
        verified_by=user,
        verified_on=today,
    )
    _audit_findings_closed(nonconformity, user)
    return nonconformity


@transaction.atomic
def nonconformity_reopen(*, nonconformity: Nonconformity, reason: str, user: Any) -> Nonconformity:
    """The problem turned out not to be solved: the verification that closed it is overturned
    (who, when and why kept beside it and in the history) and the nonconformity is open for
    new actions. The plan's "findings closed", if it was done, is open again."""
    if not NONCONFORMITY_ACTIONS.may(user, "reopen", nonconformity):
        raise NonconformityError(
            _("Only the ISO secretary or an internal auditor can reopen a nonconformity.")
        )
    reason = reason.strip()
    if not reason:
        raise NonconformityError(_("Say why the nonconformity is reopened."))
    nonconformity = NONCONFORMITY_ACTIONS.take(
        "reopen", nonconformity, user=user, reason=reason, closed_on=None
    )
    overturned = nonconformity.verifications.filter(effective=True, overturned_at=None).first()
    if overturned is not None:  # the newest: the one that closed it
        overturned.overturned_at = timezone.now()
        overturned.overturned_by = user
        overturned.overturn_reason = reason
        overturned._history_user = user
        overturned._change_reason = reason
        overturned.save(update_fields=["overturned_at", "overturned_by", "overturn_reason"])
    _audit_findings_reopened(nonconformity, user)
    return nonconformity


def _audit_findings_closed(nonconformity: Nonconformity, user: Any) -> None:
    """When the last open nonconformity the year's internal audits found is closed, the plan's
    "Khắc phục các điểm không phù hợp sau đánh giá" is done that day."""
    if (
        nonconformity.status != NonconformityStatus.CLOSED
        or nonconformity.source != NonconformitySource.INTERNAL_AUDIT
    ):
        return
    if (
        Nonconformity.objects.filter(
            organization_id=nonconformity.organization_id,
            year=nonconformity.year,
            source=NonconformitySource.INTERNAL_AUDIT,
        )
        .exclude(status=NonconformityStatus.CLOSED)
        .exists()
    ):
        return
    record_fulfils(
        AUDIT_FINDINGS_CLOSED,
        organization=nonconformity.organization,
        year=nonconformity.year,
        done_on=nonconformity.closed_on,
        user=user,
        record=nonconformity,
    )


def _audit_findings_reopened(nonconformity: Nonconformity, user: Any) -> None:
    """An internal audit's nonconformity is open again: the plan's "Khắc phục các điểm không
    phù hợp sau đánh giá" of its year no longer holds. The last one closed completed it (the
    item's evidence): its items open again (``items_reopen_for``)."""
    if nonconformity.source != NonconformitySource.INTERNAL_AUDIT:
        return
    same_year = Nonconformity.objects.filter(
        organization_id=nonconformity.organization_id,
        year=nonconformity.year,
        source=NonconformitySource.INTERNAL_AUDIT,
    )
    closers = WorkItem.objects.filter(
        closed_by_record_type=ContentType.objects.get_for_model(Nonconformity),
        closed_by_record_id__in=same_year.values("pk"),
        status=WorkItemStatus.DONE,
    ).values("closed_by_record_id")
    for closer in same_year.filter(pk__in=closers):
        items_reopen_for(closer, user=user)


NONCONFORMITY_ACTIONS = Workflow(
    # Forms of the nonconformity's page.
    Action(
        "analyse",
        permission="audits.change_nonconformity",
        from_statuses=frozenset({NonconformityStatus.OPEN, NonconformityStatus.IN_PROGRESS}),
    ),
    Action(
        "action",
        permission="audits.change_nonconformity",
        from_statuses=frozenset({NonconformityStatus.OPEN, NonconformityStatus.IN_PROGRESS}),
    ),
    Action(
        "start",
        permission="audits.change_nonconformity",
        from_statuses=frozenset({NonconformityStatus.OPEN}),
        to_status=NonconformityStatus.IN_PROGRESS,
        label=gettext_lazy("Cause and actions decided: start the actions"),
    ),
    # Closed when effective, open again for new actions when not.
    Action(
        "verify",
        permission="audits.verify_nonconformity",
        from_statuses=frozenset({NonconformityStatus.IN_PROGRESS}),
        label=gettext_lazy("Record the verification"),
        when=ready_for_verification,
        refused=gettext_lazy("It can be verified once its corrective actions are all done."),
    ),
    # A closed one whose problem turns out not to be solved (its own page: a reason).
    Action(
        "reopen",
        permission="audits.verify_nonconformity",
        from_statuses=frozenset({NonconformityStatus.CLOSED}),
        to_status=NonconformityStatus.OPEN,
        label=gettext_lazy("Reopen: the problem is not solved"),
        refused=gettext_lazy("Only a closed nonconformity can be reopened."),
    ),
    record="nonconformity",
    error=NonconformityError,
    refused=gettext_lazy("Not possible while the nonconformity is “%(status)s”."),
)


def register_ageing(organization: Organization, today: datetime.date) -> list[dict]:
    """Open nonconformities by age (days since found): 0–30, 31–90, over 90 — one query."""
    counts = {}
    for low, high in AGE_BUCKETS:
        window = Q(found_on__lte=today - datetime.timedelta(days=low))
        if high is not None:
            window &= Q(found_on__gte=today - datetime.timedelta(days=high))
        counts[f"{low}"] = Count("pk", filter=window)
    totals = (
        Nonconformity.objects.filter(organization=organization)
        .exclude(status=NonconformityStatus.CLOSED)
        .aggregate(**counts)
    )
    return [{"low": low, "high": high, "count": totals[f"{low}"]} for low, high in AGE_BUCKETS]
