"""Management review: the inputs of clause 9.3.2 gathered from the data of the period, decided
actions as work items, holding the meeting (an event plan tasks wait for), approving the minutes."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.improvement.selectors import ProposalFigures, proposal_figures
from audits.internal_audit.choices import AUDIT_DONE_STATUSES, FindingResult
from audits.internal_audit.models import Audit, Finding
from audits.nonconformity.choices import NonconformityStatus
from audits.nonconformity.models import Nonconformity
from isoplan.workflow import AUTHOR, Action, Workflow, WorkflowError
from plans.choices import EventKind, PlanStatus
from plans.models import Department, ObjectiveResult, WorkItem
from plans.objectives.services import periods
from plans.planning.fulfilment import record_fulfils
from plans.risks.selectors import RiskSummary, context_counts, risk_review_summary
from plans.work.handoffs import new_work
from plans.work.selectors import UnitProgress, progress_by_unit
from plans.work.services import event_record, item_open, items_reopen_for

from .choices import ReviewStatus
from .models import ManagementReview, ReviewOutput, SatisfactionSurvey

REVIEW_DECISION = "review_decision"  # the kind of a decision's work item (kinds.py)
# What they complete in the plan (kinds.py, plans/planning/fulfilment.py).
REVIEW_HELD = "management_review_held"
SURVEY_DONE = "satisfaction_survey_done"


class ReviewError(WorkflowError):
    """A step of the review that is not possible now; the message is for the user."""


@dataclass
class ReviewFacts:
    """What the data says about the period, one attribute per input that has figures."""

    previous_outputs: list[ReviewOutput] = field(default_factory=list)
    surveys: list[SatisfactionSurvey] = field(default_factory=list)
    objectives_achieved: list[ObjectiveResult] = field(default_factory=list)
    objectives_missed: list[ObjectiveResult] = field(default_factory=list)
    units: list[UnitProgress] = field(default_factory=list)
    nonconformities_found: list[Nonconformity] = field(default_factory=list)
    nonconformities_open: int = 0
    audits: list[Audit] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=dict)
    context: dict[str, int] = field(default_factory=dict)
    risks: RiskSummary = field(default_factory=RiskSummary)
    proposals: ProposalFigures = field(default_factory=ProposalFigures)


def review_facts(review: ManagementReview, *, today: datetime.date | None = None) -> ReviewFacts:
    """Gather the inputs of the period from the records, in a fixed number of queries."""
    today = today or timezone.localdate()
    org, start, end = review.organization_id, review.period_start, review.period_end
    facts = ReviewFacts()
    facts.previous_outputs = list(
        ReviewOutput.objects.filter(
            review__organization_id=org, review__meeting_on__lt=review.meeting_on
        )
        .exclude(review=review)
        .select_related("review", "department", "work_item")
        .order_by("review__meeting_on", "pk")
    )
    facts.surveys = list(
        SatisfactionSurvey.objects.filter(
            organization_id=org, period_end__gte=start, period_end__lte=end
        )
    )
    results = ObjectiveResult.objects.filter(
        objective__objective_set__organization_id=org,
        objective__objective_set__status=PlanStatus.APPROVED,
        objective__objective_set__year__range=(start.year, end.year),
    ).select_related("objective__objective_set", "objective__department")
    for result in results:
        objective = result.objective
        ends = {p.key: p.end for p in periods(objective.frequency, objective.objective_set.year)}
        if not start <= ends.get(result.period_key, datetime.date.min) <= end:
            continue
        if result.achieved is True:
            facts.objectives_achieved.append(result)
        elif result.achieved is False:
            facts.objectives_missed.append(result)
    # Overdue as seen at the end of the period (or today, while it runs).
    facts.units = progress_by_unit(
        WorkItem.objects.filter(
            organization_id=org, task__isnull=False, due_date__range=(start, end)
        ),
        min(today, end),
    )
    facts.nonconformities_found = list(
        Nonconformity.objects.filter(organization_id=org, found_on__range=(start, end))
        .select_related("department")
        .order_by("year", "number")
    )
    facts.nonconformities_open = (
        Nonconformity.objects.filter(organization_id=org, found_on__lte=end)
        .exclude(status=NonconformityStatus.CLOSED, closed_on__lte=end)
        .count()
    )
    facts.audits = list(
        Audit.objects.filter(
            organization_id=org,
            status__in=AUDIT_DONE_STATUSES,
            finished_on__range=(start, end),
        )
    )
    counted = (
        Finding.objects.filter(session__audit__in=[a.pk for a in facts.audits])
        .values("result")
        .annotate(n=Count("pk"))
    )
    labels = dict(FindingResult.choices)
    facts.findings = {labels[row["result"]]: row["n"] for row in counted}
    facts.context = context_counts(review.organization, end.year)
    facts.risks = risk_review_summary(review.organization, start, end)
    facts.proposals = proposal_figures(org, start, end)
    return facts


def review_output_add(
    *,
    review: ManagementReview,
    kind: str,
    decision: str,
    user: Any,
    department: Department | None = None,
    due_on: datetime.date | None = None,
) -> ReviewOutput:
    """A decision of the meeting. With a unit and a deadline it is that unit's work item."""
    if review.status == ReviewStatus.APPROVED:
        raise ReviewError(_("The minutes are approved: their decisions cannot change."))
    if (department is None) != (due_on is None):
        raise ReviewError(_("An action needs both a responsible unit and a due date."))
    if department is not None and department.organization_id != review.organization_id:
        raise ReviewError(_("The unit must belong to the same organization."))
    output = ReviewOutput(
        review=review, kind=kind, decision=decision, department=department, due_on=due_on
    )
    if department is not None:
        output.work_item = item_open(
            REVIEW_DECISION,
            None,  # the decision holds its item
            organization_id=review.organization_id,
            year=due_on.year,
            key=f"xxld-{review.pk}-{review.outputs.count() + 1}",
            label=_("Decision of %(review)s") % {"review": review.title},
            due_on=due_on,
            counted=False,  # a stated date: due on it, or the last working day before it
            department_id=department.pk,
        )
    output._history_user = user
    output.save()
    return output


def _meeting_day_came(saved: ManagementReview) -> None:
    if saved.meeting_on > timezone.localdate():
        raise ReviewError(
            _("The meeting is set for %(date)s: it can be marked held from that day.")
            % {"date": f"{saved.meeting_on:%d/%m/%Y}"}
        )


@transaction.atomic
def review_hold(*, review: ManagementReview, user: Any) -> ManagementReview:
    """The meeting took place: "Họp xem xét của lãnh đạo" starts the plan tasks waiting for it.
    Not before its date (``today``: the agency's day)."""
    review = REVIEW_ACTIONS.take("hold", review, user=user, check=_meeting_day_came)
    event_record(
        organization=review.organization,
        kind=EventKind.MANAGEMENT_REVIEW_HELD,
        occurred_on=review.meeting_on,
        user=user,
        description=review.title,
    )
    return review


def _minutes_complete(saved: ManagementReview) -> None:
    missing = [
        label
        for label, value in (
            (_("secretary of the meeting"), saved.minutes_secretary_id),
            (_("attendees"), saved.attendees.strip()),
            (_("content of the meeting"), saved.content.strip()),
            (_("closing time"), saved.ends_at),
        )
        if not value
    ]
    if missing:
        raise ReviewError(
            _("Complete the minutes first: %(parts)s.") % {"parts": ", ".join(missing)}
        )


@transaction.atomic
def review_approve(
    *, review: ManagementReview, user: Any, approved_at: datetime.datetime | None = None
) -> ManagementReview:
    """The director approves the minutes; they are locked and can be printed for signature, and
    the plan's "Họp xem xét của lãnh đạo" is done on the day of the meeting. ``approved_at`` is
    now, except for a past year's approval entered as it happened (the demo)."""
    review = REVIEW_ACTIONS.take(
        "approve",
        review,
        user=user,
        check=_minutes_complete,
        approved_by=user,
        approved_at=approved_at or timezone.now(),
    )
    record_fulfils(
        REVIEW_HELD,
        organization=review.organization,
        year=review.year,
        done_on=review.meeting_on,
        user=user,
        record=review,
    )
    new_work(
        review,
        "approve",
        items=WorkItem.objects.open().filter(review_output__review=review).with_sources(),
        title=_("The minutes of %(review)s were approved: your unit's decisions")
        % {"review": review.title},
        link=review.get_absolute_url(),
        user=user,
    )
    return review


@transaction.atomic
def review_minutes_return(*, review: ManagementReview, user: Any) -> ManagementReview:
    """The approved minutes go back for correction: the plan tasks they completed open again."""
    review = REVIEW_ACTIONS.take("return", review, user=user, approved_by=None, approved_at=None)
    items_reopen_for(review, user=user)
    return review


@transaction.atomic
def survey_record(*, survey: SatisfactionSurvey, organization: Any, user: Any) -> None:
    """A satisfaction survey was carried out: the plan's survey task of its year is done on the
    day it ended (today if it ends later)."""
    survey.organization = organization
    survey.save()
    record_fulfils(
        SURVEY_DONE,
        organization=organization,
        year=survey.period_end.year,
        done_on=survey.period_end,
        user=user,
        record=survey,
    )


REVIEW_ACTIONS = Workflow(
    Action(
        "hold",
        permission="audits.change_managementreview",
        from_statuses=frozenset({ReviewStatus.PLANNED}),
        to_status=ReviewStatus.HELD,
        label=gettext_lazy("The meeting was held"),
        question=gettext_lazy(
            "Record that the meeting was held? Plan tasks waiting for it get their due dates."
        ),
        done=gettext_lazy(
            "The review is recorded as held; the tasks waiting for it have their due dates."
        ),
        service=review_hold,
        refused=gettext_lazy("This review has already been held."),
        tells="approve",
        announce=gettext_lazy(
            "%(who)s recorded %(record)s as held: its minutes wait for your approval."
        ),
    ),
    Action(
        "approve",
        permission="audits.approve_managementreview",
        from_statuses=frozenset({ReviewStatus.HELD}),
        to_status=ReviewStatus.APPROVED,
        label=gettext_lazy("Approve the minutes"),
        question=gettext_lazy(
            "Approve the minutes? They are then locked and printed for signature."
        ),
        done=gettext_lazy("The minutes were approved."),
        service=review_approve,
        refused=gettext_lazy("Only the minutes of a review that was held can be approved."),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s approved the minutes of %(record)s."),
    ),
    Action(
        "return",
        permission="audits.approve_managementreview",
        from_statuses=frozenset({ReviewStatus.APPROVED}),
        to_status=ReviewStatus.HELD,
        label=gettext_lazy("Return the minutes for correction"),
        question=gettext_lazy(
            "Return the approved minutes for correction? The plan tasks they completed are "
            "open again until they are approved anew."
        ),
        done=gettext_lazy("The minutes were returned for correction."),
        button=gettext_lazy("Return"),
        style="warning",
        service=review_minutes_return,
        refused=gettext_lazy("Only approved minutes can be returned."),
    ),
    record="review",
    error=ReviewError,
    refused="",  # each action says why
)
