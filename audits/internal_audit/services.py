"""Internal audits: who writes a checklist (the own-unit rule), findings recorded, corrected and
deleted, those that become nonconformities, finishing, the director's approval of the report."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.nonconformity.choices import NonconformitySource
from audits.nonconformity.services import (
    NonconformityError,
    nonconformity_register,
    nonconformity_restate,
)
from isoplan.workflow import AUTHOR, Action, Workflow
from plans.choices import EventKind, Role
from plans.models import Department, Membership
from plans.organizations.access import has_role
from plans.planning.fulfilment import record_fulfils
from plans.work.services import event_record

from .choices import NONCONFORMING_RESULTS, AuditStatus, FindingResult
from .models import Audit, AuditSession, Finding

# What audits complete in the plan (kinds.py, plans/planning/fulfilment.py).
AUDIT_SCHEDULED = "internal_audit_scheduled"
AUDIT_DONE = "internal_audit_done"


def own_unit_auditors(auditors, department: Department) -> list:
    """The auditors whose own unit is ``department``: they may not audit it."""
    members = Membership.objects.filter(
        user__in=auditors, organization_id=department.organization_id, department=department
    ).select_related("user")
    return sorted({m.user for m in members}, key=lambda user: user.get_full_name())


def audits_own_unit(user: Any, session: AuditSession) -> bool:
    """An auditor records no finding in a session of the auditor's own unit (the schedule
    refuses the assignment; this holds whatever the address)."""
    return bool(own_unit_auditors([user], session.department))


def record_refusal(user: Any, session: AuditSession, audit: Audit | None = None) -> str:
    """Why ``user`` may not write ``session``'s checklist now (record, correct or delete a
    finding), or "" when they may: the session's auditors and the ISO secretary, holding
    ``audits.record_finding``, while the audit allows it, never in their own unit.

    The one rule of the checklist, its edit and delete pages and the services; the services
    pass the audit's locked row, the pages its row as read."""
    audit = audit or session.audit
    if not AUDIT_ACTIONS.may(user, "record", audit):
        return _("You may not record findings in this audit.")
    try:
        AUDIT_ACTIONS.ensure("record", audit)
    except NonconformityError as error:
        return str(error)
    if audits_own_unit(user, session):
        return _("%(unit)s is your own unit: an internal auditor does not audit it.") % {
            "unit": session.department.name
        }
    if not (
        has_role(user, audit.organization_id, {Role.ISO_SECRETARY})
        or session.auditors.filter(pk=user.pk).exists()
    ):
        return _("Only the auditors of this session and the ISO secretary record its findings.")
    return ""


def deletion_refusal(finding: Finding) -> str:
    """Why the finding cannot be deleted, or "": one that registered a nonconformity stays as
    long as the nonconformity does (the register would point at nothing)."""
    if finding.nonconformity_id is None:
        return ""
    return _(
        "This finding registered %(code)s: it cannot be deleted while the nonconformity exists."
    ) % {"code": finding.nonconformity.code}


def _locked_for_writing(session: AuditSession, user: Any) -> Audit:
    """The audit's row, locked: no finding changes while the audit is being finished."""
    audit = Audit.objects.select_for_update(of=("self",)).get(pk=session.audit_id)
    refusal = record_refusal(user, session, audit)
    if refusal:
        raise NonconformityError(refusal)
    return audit


def _register_nonconformity(finding: Finding, audit: Audit, user: Any) -> None:
    """A nonconforming finding enters the register at once."""
    session = finding.session
    finding.nonconformity = nonconformity_register(
        organization=audit.organization,
        user=user,
        source=NonconformitySource.INTERNAL_AUDIT,
        severity=NONCONFORMING_RESULTS[finding.result],
        department=session.department,
        found_on=session.date,
        clause=finding.clause,
        description=_description(finding),
    )


def _description(finding: Finding) -> str:
    return f"{finding.question}\n{finding.evidence}".strip()


@transaction.atomic
def finding_record(
    *, session: AuditSession, clause: str, question: str, result: str, evidence: str, user: Any
) -> Finding:
    """A checklist line; a nonconformity found enters the register at once."""
    audit = _locked_for_writing(session, user)
    finding = Finding.objects.create(
        session=session,
        clause=clause,
        question=question,
        result=result,
        evidence=evidence,
        recorded_by=user,
    )
    if result in NONCONFORMING_RESULTS:
        _register_nonconformity(finding, audit, user)
        finding.save(update_fields=["nonconformity"])
    if audit.status == AuditStatus.PLANNED:
        audit.status = AuditStatus.IN_PROGRESS
        audit.save(update_fields=["status"])  # save(): the history records it
    return finding


@transaction.atomic
def finding_edit(
    *, finding: Finding, clause: str, question: str, result: str, evidence: str, user: Any
) -> Finding:
    """Correct a checklist line. A finding that registered a nonconformity keeps its result
    (the register's entry stands; its clause and description follow the corrected text while
    it is not closed); a result corrected to a nonconformity registers one, as recording does."""
    audit = _locked_for_writing(finding.session, user)
    locked = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("session__department", "nonconformity")
        .get(pk=finding.pk)
    )
    nonconformity = locked.nonconformity
    if nonconformity is not None and result != locked.result:
        raise NonconformityError(
            _(
                "This finding registered %(code)s: its result cannot change while the "
                "nonconformity exists; only its clause, question and evidence can be corrected."
            )
            % {"code": nonconformity.code}
        )
    locked.clause, locked.question, locked.result, locked.evidence = (
        clause,
        question,
        result,
        evidence,
    )
    fields = ["clause", "question", "result", "evidence"]
    if nonconformity is None and result in NONCONFORMING_RESULTS:
        _register_nonconformity(locked, audit, user)
        fields.append("nonconformity")
    elif nonconformity is not None:
        nonconformity_restate(
            nonconformity=nonconformity, clause=clause, description=_description(locked), user=user
        )
    locked.save(update_fields=fields)
    return locked


@transaction.atomic
def finding_delete(*, finding: Finding, user: Any) -> None:
    """Delete a mistaken checklist line, never one that registered a nonconformity."""
    _locked_for_writing(finding.session, user)
    locked = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("nonconformity")
        .get(pk=finding.pk)
    )
    refusal = deletion_refusal(locked)
    if refusal:
        raise NonconformityError(refusal)
    locked.delete()


@transaction.atomic
def audit_finish(*, audit: Audit, user: Any, finished_on: datetime.date, conclusions: str) -> Audit:
    """Finishing records "Hoàn thành đánh giá nội bộ": the plan tasks waiting for it start."""
    audit = AUDIT_ACTIONS.take(
        "finish", audit, user=user, finished_on=finished_on, conclusions=conclusions
    )
    event_record(
        organization=audit.organization,
        kind=EventKind.INTERNAL_AUDIT_DONE,
        occurred_on=finished_on,
        user=user,
        description=audit.title,
    )
    return audit


@transaction.atomic
def audit_schedule(*, audit: Audit, user: Any) -> None:
    """A new audit was planned: "Lập kế hoạch đánh giá nội bộ" is done today, and the plan tasks
    due before each audit count back from its first day."""
    event_record(
        organization=audit.organization,
        kind=EventKind.INTERNAL_AUDIT_PLANNED,
        occurred_on=audit.starts_on,
        user=user,
        description=audit.title,
    )
    # After the event: the item it dated is the one done, the next audit's waits.
    record_fulfils(
        AUDIT_SCHEDULED,
        organization=audit.organization,
        year=audit.year,
        done_on=timezone.localdate(),
        user=user,
        record=audit,
    )


@transaction.atomic
def audit_approve(
    *, audit: Audit, user: Any, approved_at: datetime.datetime | None = None
) -> Audit:
    """The director approves the audit report; the audit can no longer change, and the plan's
    "Tiến hành đánh giá nội bộ" is done on the day the audit finished. ``approved_at`` is now,
    except for a past year's approval entered as it happened (the demo)."""
    audit = AUDIT_ACTIONS.take(
        "approve", audit, user=user, approved_by=user, approved_at=approved_at or timezone.now()
    )
    record_fulfils(
        AUDIT_DONE,
        organization=audit.organization,
        year=audit.year,
        done_on=audit.finished_on or timezone.localdate(),
        user=user,
        record=audit,
    )
    return audit


AUDIT_ACTIONS = Workflow(
    # The audit's plan, its schedule and checklists change until the report is approved or
    # (for the schedule and checklists) the audit is finished.
    Action(
        "edit",
        permission="audits.change_audit",
        from_statuses=frozenset(set(AuditStatus) - {AuditStatus.APPROVED}),
        refused=gettext_lazy("The audit report is approved: the audit can no longer change."),
    ),
    Action(
        "record",
        permission="audits.record_finding",
        from_statuses=frozenset({AuditStatus.PLANNED, AuditStatus.IN_PROGRESS}),
        refused=gettext_lazy("The audit is finished: its checklists are closed."),
    ),
    Action(  # a form of the audit's page: date and conclusions
        "finish",
        permission="audits.change_audit",
        from_statuses=frozenset({AuditStatus.PLANNED, AuditStatus.IN_PROGRESS}),
        to_status=AuditStatus.FINISHED,
        label=gettext_lazy("Finish"),
        refused=gettext_lazy("The audit is already finished."),
        tells="approve",
        announce=gettext_lazy("%(who)s finished %(record)s: its report waits for your approval."),
    ),
    Action(
        "approve",
        permission="audits.approve_audit",
        from_statuses=frozenset({AuditStatus.FINISHED}),
        to_status=AuditStatus.APPROVED,
        label=gettext_lazy("Approve the report"),
        question=gettext_lazy(
            "Approve the audit report? The audit, its schedule, checklists and conclusions can "
            "then no longer change."
        ),
        done=gettext_lazy("The audit report was approved."),
        button=gettext_lazy("Approve"),
        style="success",
        service=audit_approve,
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s approved the report of %(record)s."),
    ),
    record="audit",
    error=NonconformityError,
    refused=gettext_lazy("This is not possible while the audit is “%(status)s”."),
)


def audit_report(audit: Audit) -> dict:
    """Units audited, findings by unit and clause, counts per result — a fixed number of queries."""
    findings = list(
        Finding.objects.filter(session__audit=audit)
        .select_related("session__department", "nonconformity")
        .order_by("session__department__order", "clause", "pk")
    )
    by_unit: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_unit[finding.session.department.name].append(finding)
    counts = dict.fromkeys(FindingResult.values, 0)
    for finding in findings:
        counts[finding.result] += 1
    return {
        "units": list(audit.units.order_by("order", "name")),
        "sessions": list(audit.sessions.select_related("department").prefetch_related("auditors")),
        "by_unit": list(by_unit.items()),
        "counts": [(FindingResult(value).label, count) for value, count in counts.items()],
        "nonconformities": [f.nonconformity for f in findings if f.nonconformity_id],
    }
