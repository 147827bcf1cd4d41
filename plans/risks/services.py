"""Context of the organization and risks: copy the context to a new year, record and rate risks,
treatment actions on the work-item spine, re-rating after the actions, withdrawal."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.choices import OPEN_WORK_ITEM_STATUSES
from plans.models import Department, Organization, WorkItem
from plans.planning.services.year_shift import shift_years
from plans.work.services import item_end, item_open

from .choices import RiskStatus, Treatment
from .models import RERATING_REASON, ContextEntry, Risk, RiskAction

RISK_ACTION = "risk_action"  # the kind of a treatment action's work item (kinds.py)


class RiskError(Exception):
    """A step the risk's state does not allow. The message is for the user."""


# --- context ------------------------------------------------------------------------------------
@transaction.atomic
def context_copy(*, organization: Organization, year: int, user: Any) -> int:
    """Last year's issues and interested parties as this year's, years in their texts moved
    forward. Returns how many entries were copied."""
    entries = ContextEntry.objects.filter(organization=organization, deleted_at=None)
    if entries.filter(year=year).exists():
        raise RiskError(_("The context of %(year)s has entries already.") % {"year": year})
    source = list(entries.filter(year=year - 1).order_by("kind", "order", "pk"))
    if not source:
        raise RiskError(_("There is no context of %(year)s to copy.") % {"year": year - 1})
    for entry in source:
        copy = ContextEntry(
            organization=organization,
            year=year,
            kind=entry.kind,
            order=entry.order,
            subject=shift_years(entry.subject, from_year=year - 1),
            detail=shift_years(entry.detail, from_year=year - 1),
            response=shift_years(entry.response, from_year=year - 1),
        )
        copy._history_user = user
        copy.save()  # one by one: every copy is in the history
    return len(source)


def context_entry_remove(*, entry: ContextEntry, user: Any) -> ContextEntry:
    """Removed from the year's context, kept in the records (soft delete)."""
    entry.deleted_at = timezone.now()
    entry._history_user = user
    entry.save(update_fields=["deleted_at"])
    return entry


# --- risks --------------------------------------------------------------------------------------
def check_rating(organization: Organization, likelihood: int, impact: int) -> None:
    if not 1 <= likelihood <= organization.risk_likelihood_levels:
        raise RiskError(
            _("Likelihood is rated from 1 to %(top)s.")
            % {"top": organization.risk_likelihood_levels}
        )
    if not 1 <= impact <= organization.risk_impact_levels:
        raise RiskError(
            _("Impact is rated from 1 to %(top)s.") % {"top": organization.risk_impact_levels}
        )


def risk_record(*, organization: Organization, user: Any, **fields: Any) -> Risk:
    check_rating(organization, fields["likelihood"], fields["impact"])
    department = fields.get("department")
    if department is not None and department.organization_id != organization.pk:
        raise RiskError(_("The unit must belong to the same organization."))
    risk = Risk(organization=organization, recorded_by=user, **fields)
    risk._history_user = user
    risk.save()
    return risk


def _ensure_open(risk: Risk) -> None:
    if risk.status != RiskStatus.OPEN:
        raise RiskError(
            _("Not possible while the risk is “%(status)s”.")
            % {"status": risk.get_status_display()}
        )


@transaction.atomic
def risk_action_add(
    *, risk: Risk, action: str, department: Department, due_on: datetime.date, user: Any
) -> RiskAction:
    """A treatment action with its deadline, which becomes a work item of the unit (reminders)."""
    _ensure_open(risk)
    if department.organization_id != risk.organization_id:
        raise RiskError(_("The unit must belong to the same organization."))
    number = risk.actions.count() + 1
    item = item_open(
        RISK_ACTION,
        None,  # the action holds its item
        organization_id=risk.organization_id,
        year=risk.year,
        key=f"rr-{risk.pk}-{number}",
        label=_("Risk treatment: %(process)s") % {"process": risk.process[:60]},
        due_on=due_on,
        counted=False,  # a stated date: due on it, or the last working day before it
        department_id=department.pk,
    )
    treatment = RiskAction(
        risk=risk, action=action, department=department, due_on=due_on, work_item=item
    )
    treatment._history_user = user
    treatment.save()
    return treatment


def ready_for_rerating(risk: Risk) -> bool:
    """Open, every treatment action done, and at least one unless the risk is accepted.
    Reads ``actions`` with their work items: prefetch them."""
    if risk.status != RiskStatus.OPEN:
        return False
    actions = risk.actions.all()
    if any(a.work_item.status in OPEN_WORK_ITEM_STATUSES for a in actions):
        return False
    return bool(actions) or risk.treatment == Treatment.ACCEPT


@transaction.atomic
def risk_rerate(
    *,
    risk: Risk,
    likelihood: int,
    impact: int,
    effective: bool,
    effectiveness: str,
    user: Any,
    today: datetime.date | None = None,
) -> Risk:
    """After the actions: the new rating and whether they worked. Effective closes the risk;
    not effective keeps it open for new actions. The earlier rating stays in the history."""
    locked = (
        Risk.objects.select_for_update()
        .select_related("organization")
        .prefetch_related("actions__work_item")
        .get(pk=risk.pk)
    )
    if not ready_for_rerating(locked):
        raise RiskError(_("The risk can be re-rated once its treatment actions are all done."))
    if not effectiveness.strip():
        raise RiskError(_("Say how effective the actions were."))
    check_rating(locked.organization, likelihood, impact)
    locked.likelihood, locked.impact = likelihood, impact
    locked.effective, locked.effectiveness = effective, effectiveness
    locked.reviewed_on = today or timezone.localdate()
    locked.status = RiskStatus.CLOSED if effective else RiskStatus.OPEN
    locked.lock_version += 1  # an edit form opened before the re-rating is now stale
    locked._history_user = user
    locked._change_reason = RERATING_REASON
    locked.save()
    return locked


@transaction.atomic
def risk_withdraw(*, risk: Risk, user: Any) -> Risk:
    """No longer a risk (recorded by mistake, process abolished): kept in the records, and its
    open actions no longer remind anyone."""
    locked = Risk.objects.select_for_update().get(pk=risk.pk)
    if locked.status == RiskStatus.WITHDRAWN:
        raise RiskError(_("This risk is already withdrawn."))
    locked.status = RiskStatus.WITHDRAWN
    locked.lock_version += 1
    locked._history_user = user
    locked.save()
    for item in WorkItem.objects.open().filter(risk_action__risk=locked):
        item_end(item)
    return locked
