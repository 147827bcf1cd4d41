"""What an internal auditor reads first (their landing page, reports/home.py): the audits they
take part in, the sessions where they audit, and the nonconformities their audits found that
are not closed yet."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from audits.nonconformity.choices import NonconformityStatus
from audits.nonconformity.models import Nonconformity
from plans.models import Organization
from plans.training.selectors import uncertified_on

from .choices import AuditStatus
from .models import Audit, AuditSession

AUDITS_SHOWN = 6


@dataclass
class AuditorOverview:
    audits: list[Audit] = field(default_factory=list)  # under way or planned first
    sessions: list[AuditSession] = field(default_factory=list)  # theirs, in audits not finished
    nonconformities: list[Nonconformity] = field(default_factory=list)  # open, from their audits

    def __bool__(self) -> bool:
        return bool(self.audits or self.sessions or self.nonconformities)


def auditor_overview(user, organization: Organization, today: datetime.date) -> AuditorOverview:
    """A fixed number of queries."""
    takes_part = Q(lead_auditor=user) | Q(team=user) | Q(sessions__auditors=user)
    audit_ids = list(
        Audit.objects.filter(takes_part, organization=organization)
        .values_list("pk", flat=True)
        .distinct()
    )
    audits = Audit.objects.filter(pk__in=audit_ids).order_by("-year", "-starts_on", "-pk")
    active = [AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]
    return AuditorOverview(
        audits=[*audits.filter(status__in=active), *audits.exclude(status__in=active)][
            :AUDITS_SHOWN
        ],
        sessions=list(
            AuditSession.objects.filter(
                audit__organization=organization,
                auditors=user,
                audit__status__in=active,
            )
            .select_related("audit", "department")
            .order_by("date", "starts_at", "pk")
        ),
        nonconformities=list(
            Nonconformity.objects.filter(
                organization=organization, finding__session__audit__in=audit_ids
            )
            .exclude(status=NonconformityStatus.CLOSED)
            .select_related("department")
            .order_by("found_on", "pk")
        ),
    )


def uncertified_auditors(audit: Audit, sessions: list[AuditSession] | None = None) -> list:
    """The auditors of ``audit`` without an internal auditor's certificate valid on their dates
    (the lead and the team over the audit's dates, a session's auditors on its day): flagged on
    the audit's page and when they are put on it, not refused (plans/training/selectors.py).
    ``sessions`` with their auditors prefetched (the audit page has them); one query for all."""
    if sessions is None:
        sessions = list(audit.sessions.prefetch_related("auditors"))
    dated = [(person, audit.starts_on, audit.ends_on) for person in [audit.lead_auditor]]
    dated += [(person, audit.starts_on, audit.ends_on) for person in audit.team.all()]
    dated += [(p, s.date, s.date) for s in sessions for p in s.auditors.all()]
    return uncertified_on(dated, organization=audit.organization)


def session_uncertified(session: AuditSession, *, audit: Audit) -> list:
    dated = [(person, session.date, session.date) for person in session.auditors.all()]
    return uncertified_on(dated, organization=audit.organization)
