"""Internal audits: the own-unit rule, findings that become nonconformities, finishing, the
director's approval of the report."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.nonconformity.choices import NonconformitySource
from audits.nonconformity.services import NonconformityError, nonconformity_register
from isoplan.workflow import AUTHOR, Action, Workflow
from plans.choices import EventKind
from plans.models import Department, Membership
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


@transaction.atomic
def finding_record(
    *, session: AuditSession, clause: str, question: str, result: str, evidence: str, user: Any
) -> Finding:
    """A checklist line; a nonconformity found enters the register at once."""
    # Under the audit's lock: no finding slips in while the audit is being finished.
    audit = Audit.objects.select_for_update(of=("self",)).get(pk=session.audit_id)
    AUDIT_ACTIONS.ensure("record", audit)
    if audits_own_unit(user, session):
        raise NonconformityError(
            _("%(unit)s is your own unit: an internal auditor does not audit it.")
            % {"unit": session.department.name}
        )
    finding = Finding.objects.create(
        session=session,
        clause=clause,
        question=question,
        result=result,
        evidence=evidence,
        recorded_by=user,
    )
    if result in NONCONFORMING_RESULTS:
        finding.nonconformity = nonconformity_register(
            organization=audit.organization,
            user=user,
            source=NonconformitySource.INTERNAL_AUDIT,
            severity=NONCONFORMING_RESULTS[result],
            department=session.department,
            found_on=session.date,
            clause=clause,
            description=f"{question}\n{evidence}".strip(),
        )
        finding.save(update_fields=["nonconformity"])
    if audit.status == AuditStatus.PLANNED:
        audit.status = AuditStatus.IN_PROGRESS
        audit.save(update_fields=["status"])  # save(): the history records it
    return finding


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
def audit_approve(*, audit: Audit, user: Any) -> Audit:
    """The director approves the audit report; the audit can no longer change, and the plan's
    "Tiến hành đánh giá nội bộ" is done on the day the audit finished."""
    audit = AUDIT_ACTIONS.take(
        "approve", audit, user=user, approved_by=user, approved_at=timezone.now()
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
