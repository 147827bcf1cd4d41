"""The annual report on the quality system, gathered from the year's records."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.improvement.selectors import ProposalFigures, proposal_counts
from audits.internal_audit.choices import AUDIT_DONE_STATUSES
from audits.models import Audit, ManagementReview, Nonconformity, SatisfactionSurvey
from audits.nonconformity.choices import NonconformityStatus
from audits.review.choices import ReviewStatus
from isoplan.workflow import AUTHOR, Action, Workflow, WorkflowError
from plans.choices import EventKind, PlanStatus
from plans.models import Event, Plan, PlanTask
from plans.objectives.selectors import objectives_so_far
from plans.planning.fulfilment import record_fulfils
from plans.work.models import is_unfinished

from .declaration import declaration_basis
from .models import AnnualReport, AnnualReportStatus, ConformityDeclaration

# What its records complete in the plan (kinds.py, plans/planning/fulfilment.py).
ANNUAL_REPORT_SENT = "annual_report_sent"
CONFORMITY_DECLARED = "conformity_declared"

REGULATION_EVENTS = (
    EventKind.NEW_GUIDANCE,
    EventKind.LEGAL_TEXT_EFFECTIVE,
    EventKind.PROCEDURES_PUBLISHED,
)


class AnnualReportError(WorkflowError):
    """A step that is not possible now; the message is for the user."""


@dataclass
class AnnualFacts:
    plan: Plan | None = None
    tasks_done: list[PlanTask] = field(default_factory=list)
    tasks_not_done: list[PlanTask] = field(default_factory=list)
    audits: list[Audit] = field(default_factory=list)
    nonconformities: dict[str, int] = field(default_factory=dict)
    reviews: list[ManagementReview] = field(default_factory=list)
    objectives: dict[str, int] = field(default_factory=dict)
    declaration: ConformityDeclaration | None = None
    regulation_events: list[Event] = field(default_factory=list)
    surveys: list[SatisfactionSurvey] = field(default_factory=list)
    proposals: ProposalFigures = field(default_factory=ProposalFigures)

    @property
    def tasks_total(self) -> int:
        return len(self.tasks_done) + len(self.tasks_not_done)


def annual_facts(report: AnnualReport) -> AnnualFacts:
    """The year's figures, in a fixed number of queries."""
    org, year = report.organization, report.year
    facts = AnnualFacts()
    facts.plan = (
        Plan.objects.filter(
            organization=org, year=year, status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED]
        )
        .order_by("-version")
        .first()
    )
    if facts.plan is not None:
        tasks = facts.plan.tasks.annotate(
            unfinished=Count("work_items", filter=is_unfinished(prefix="work_items__"))
        ).order_by("order")
        for task in tasks:
            (facts.tasks_not_done if task.unfinished else facts.tasks_done).append(task)
    facts.audits = list(
        Audit.objects.filter(organization=org, year=year, status__in=AUDIT_DONE_STATUSES)
        .annotate(finding_count=Count("sessions__findings"))
        .order_by("finished_on")
    )
    counts = Nonconformity.objects.filter(organization=org, year=year).aggregate(
        total=Count("pk"), closed=Count("pk", filter=Q(status=NonconformityStatus.CLOSED))
    )
    facts.nonconformities = {**counts, "open": counts["total"] - counts["closed"]}
    facts.reviews = list(
        ManagementReview.objects.filter(organization=org, year=year)
        .exclude(status=ReviewStatus.PLANNED)
        .order_by("meeting_on")
    )
    facts.objectives = objectives_so_far(org, year)
    facts.declaration = (
        ConformityDeclaration.objects.filter(
            organization=org, signed_on__lte=datetime.date(year, 12, 31)
        )
        .order_by("-signed_on")
        .first()
    )
    facts.regulation_events = list(
        Event.objects.filter(
            organization=org, kind__in=REGULATION_EVENTS, occurred_on__year=year
        ).order_by("occurred_on")
    )
    facts.surveys = list(SatisfactionSurvey.objects.filter(organization=org, period_end__year=year))
    facts.proposals = proposal_counts(
        org.pk, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    return facts


def annual_report_approve(
    *, report: AnnualReport, user, approved_at: datetime.datetime | None = None
) -> AnnualReport:
    """``approved_at`` is now, except for a past year's report entered as it happened (the
    demo)."""
    return ANNUAL_REPORT_ACTIONS.take(
        "approve", report, user=user, approved_by=user, approved_at=approved_at or timezone.now()
    )


def _not_sent(saved: AnnualReport) -> None:
    if saved.submitted_on is not None:
        raise AnnualReportError(_("This report was already sent to the province."))


@transaction.atomic
def annual_report_submit(
    *, report: AnnualReport, user, submitted_on: datetime.date | None = None
) -> AnnualReport:
    """The agency sent its approved report to the province: the plan's reporting task of that
    year is done that day (today, except for a past year's report entered as it happened)."""
    report = ANNUAL_REPORT_ACTIONS.take(
        "submit",
        report,
        user=user,
        check=_not_sent,
        submitted_on=submitted_on or timezone.localdate(),
    )
    record_fulfils(
        ANNUAL_REPORT_SENT,
        organization=report.organization,
        year=report.year,
        done_on=report.submitted_on,
        user=user,
        record=report,
    )
    return report


@transaction.atomic
def declaration_record(*, declaration: ConformityDeclaration, organization, user) -> None:
    """A declaration of conformity was signed: the plan's declaring task is done that day."""
    declaration.organization = organization
    if declaration.basis is None:  # what it was made on, to notice when it must be made again
        declaration.basis = declaration_basis(organization, timezone.localdate()).as_json()
    declaration.recorded_by = declaration.recorded_by or user
    declaration.save()
    record_fulfils(
        CONFORMITY_DECLARED,
        organization=organization,
        year=declaration.signed_on.year,
        done_on=declaration.signed_on,
        user=user,
        record=declaration,
    )


ANNUAL_REPORT_ACTIONS = Workflow(
    Action(
        "approve",
        permission="reports.approve_annualreport",
        from_statuses=frozenset({AnnualReportStatus.DRAFT}),
        to_status=AnnualReportStatus.APPROVED,
        label=gettext_lazy("Approve"),
        question=gettext_lazy("Approve the report? It is then locked and printed for signature."),
        done=gettext_lazy("The report was approved."),
        button=gettext_lazy("Approve"),
        service=annual_report_approve,
        refused=gettext_lazy("This report is already approved."),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s approved %(record)s."),
    ),
    Action(
        "submit",
        permission="reports.change_annualreport",
        from_statuses=frozenset({AnnualReportStatus.APPROVED}),
        label=gettext_lazy("Mark as sent to the province"),
        question=gettext_lazy("Mark the report as sent to the province today?"),
        done=gettext_lazy("The report is marked as sent to the province."),
        service=annual_report_submit,
        when=lambda report: report.submitted_on is None,
        refused=gettext_lazy("Only an approved report can be sent to the province."),
    ),
    record="report",
    error=AnnualReportError,
    refused="",  # each action says why
)
