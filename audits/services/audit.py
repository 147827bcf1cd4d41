"""Internal audits: the own-unit rule, findings that become nonconformities, finishing."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from audits.choices import NONCONFORMING_RESULTS, AuditStatus, FindingResult, NonconformitySource
from audits.models import Audit, AuditSession, Finding
from plans.choices import EventKind
from plans.models import Department, Membership
from plans.work.services import event_record

from .nonconformity import NonconformityError, nonconformity_register


def own_unit_auditors(auditors, department: Department) -> list:
    """The auditors whose own unit is ``department``: they may not audit it."""
    members = Membership.objects.filter(
        user__in=auditors, organization_id=department.organization_id, department=department
    ).select_related("user")
    return sorted({m.user for m in members}, key=lambda user: user.get_full_name())


@transaction.atomic
def finding_record(
    *, session: AuditSession, clause: str, question: str, result: str, evidence: str, user: Any
) -> Finding:
    """A checklist line; a nonconformity found enters the register at once."""
    if session.audit.status == AuditStatus.FINISHED:
        raise NonconformityError(_("The audit is finished: its checklists are closed."))
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
            organization=session.audit.organization,
            user=user,
            source=NonconformitySource.INTERNAL_AUDIT,
            severity=NONCONFORMING_RESULTS[result],
            department=session.department,
            found_on=session.date,
            clause=clause,
            description=f"{question}\n{evidence}".strip(),
        )
        finding.save(update_fields=["nonconformity"])
    audit = session.audit
    if audit.status == AuditStatus.PLANNED:
        audit.status = AuditStatus.IN_PROGRESS
        audit.save(update_fields=["status"])  # save(): the history records it
    return finding


@transaction.atomic
def audit_finish(*, audit: Audit, user: Any, finished_on: datetime.date, conclusions: str) -> Audit:
    """Finishing records "Hoàn thành đánh giá nội bộ": the plan tasks waiting for it start."""
    if audit.status == AuditStatus.FINISHED:
        raise NonconformityError(_("The audit is already finished."))
    audit.status, audit.finished_on, audit.conclusions = (
        AuditStatus.FINISHED,
        finished_on,
        conclusions,
    )
    audit._history_user = user
    audit.save()
    event_record(
        organization=audit.organization,
        kind=EventKind.INTERNAL_AUDIT_DONE,
        occurred_on=finished_on,
        user=user,
        description=audit.title,
    )
    return audit


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
