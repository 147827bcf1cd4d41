"""Quality objectives: quality check, periods, workflow, measurement work items, copying to a new
year, results. The achievement report is in ``selectors``."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isoplan.concurrency import save_if_unchanged
from isoplan.workflow import AUTHOR, Action, Workflow
from plans.choices import PlanStatus, TaskParty
from plans.models import WorkItem
from plans.planning.fulfilment import Period as ReportedPeriod
from plans.planning.fulfilment import record_fulfils
from plans.planning.services.plan import PlanWorkflowError
from plans.planning.services.year_shift import shift_years
from plans.work.calendar import load_calendar
from plans.work.services import item_build, work_item_complete

from .choices import Comparison, Frequency
from .models import Objective, ObjectiveAction, ObjectiveResult, ObjectiveSet

MEASUREMENT = "objective_measurement"  # the kind of a result's work item (kinds.py)
# What they complete in the plan (kinds.py, plans/planning/fulfilment.py).
OBJECTIVES_APPROVED = "objectives_approved"
OBJECTIVE_RESULTS = "objective_results"

# --- the quality check --------------------------------------------------------------------------
QUALITY_PROPERTIES = {
    "specific": gettext_lazy("specific"),
    "measurable": gettext_lazy("measurable"),
    "time_bound": gettext_lazy("time-bound"),
    "feasible": gettext_lazy("feasible"),
    "scoped": gettext_lazy("with a place or unit of application"),
}
_NUMBER = re.compile(r"\d")
_PERIOD = re.compile(
    r"\b(năm|quý|tháng|hằng|hàng|mỗi|6 tháng|cuối năm|nam|quy|thang)\b|\b(19|20)\d{2}\b", re.I
)
_PLACE = re.compile(r"\b(sở|phòng|trung tâm|chi cục|văn phòng|đơn vị|cơ quan|tại|của)\b", re.I)


def objective_quality(objective: Objective) -> list[str]:
    """The expected properties the objective lacks (keys of QUALITY_PROPERTIES)."""
    statement = objective.statement.strip()
    missing = []
    if len(statement.split()) < 5 or not objective.indicator.strip():
        missing.append("specific")
    has_target = objective.comparison == Comparison.YES or objective.target_value is not None
    if not (_NUMBER.search(statement) or has_target):
        missing.append("measurable")
    if not _PERIOD.search(statement):
        missing.append("time_bound")
    value = objective.target_value
    if value is not None and (value < 0 or (objective.target_unit.strip() == "%" and value > 100)):
        missing.append("feasible")
    if not (objective.department_id or _PLACE.search(statement)):
        missing.append("scoped")
    return missing


# --- periods ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    key: str
    label: str
    end: datetime.date


def periods(frequency: str, year: int) -> list[Period]:
    def end(month: int) -> datetime.date:
        return datetime.date(year, month, calendar.monthrange(year, month)[1])

    if frequency == Frequency.MONTHLY:
        return [Period(f"m-{m:02d}", f"Tháng {m}", end(m)) for m in range(1, 13)]
    if frequency == Frequency.SEMIANNUAL:
        return [
            Period("h-1", "6 tháng đầu năm", end(6)),
            Period("h-2", "6 tháng cuối năm", end(12)),
        ]
    if frequency == Frequency.YEARLY:
        return [Period("y", f"Năm {year}", end(12))]
    names = {1: "Quý I", 2: "Quý II", 3: "Quý III", 4: "Quý IV"}
    return [Period(f"q-{q}", names[q], end(q * 3)) for q in range(1, 5)]


# --- workflow -----------------------------------------------------------------------------------
def objectives_submit(*, objective_set: ObjectiveSet, user: Any) -> ObjectiveSet:
    if not objective_set.objectives.exists():
        raise PlanWorkflowError(_("Add at least one objective before submitting."))
    return OBJECTIVE_SET_ACTIONS.take(
        "submit",
        objective_set,
        user=user,
        submitted_by=user,
        submitted_at=timezone.now(),
        return_comment="",
    )


def objectives_return(*, objective_set: ObjectiveSet, user: Any, comment: str) -> ObjectiveSet:
    if not comment.strip():
        raise PlanWorkflowError(_("Say why the objectives are returned."))
    return OBJECTIVE_SET_ACTIONS.take(
        "return",
        objective_set,
        user=user,
        reason=comment,
        decided_by=user,
        decided_at=timezone.now(),
        return_comment=comment,
    )


@transaction.atomic
def objectives_approve(*, objective_set: ObjectiveSet, user: Any) -> ObjectiveSet:
    """Approve and create one measurement work item per objective and period."""
    objective_set = OBJECTIVE_SET_ACTIONS.take(
        "approve", objective_set, user=user, decided_by=user, decided_at=timezone.now()
    )
    measurement_items_sync(objective_set=objective_set)
    record_fulfils(
        OBJECTIVES_APPROVED,
        organization=objective_set.organization,
        year=objective_set.year,
        done_on=timezone.localdate(objective_set.decided_at),
        user=user,
        record=objective_set,
        department_id=objective_set.department_id,
    )
    return objective_set


OBJECTIVE_SET_ACTIONS = Workflow(
    Action(
        "submit",
        permission="plans.change_objectiveset",
        from_statuses=frozenset({PlanStatus.DRAFT}),
        to_status=PlanStatus.SUBMITTED,
        label=gettext_lazy("Submit for approval"),
        question=gettext_lazy("Submit these objectives to the leadership for approval?"),
        done=gettext_lazy("The objectives were submitted for approval."),
        service=objectives_submit,
        tells="approve",
        announce=gettext_lazy("%(who)s submitted %(record)s for your approval."),
    ),
    Action(
        "approve",
        permission="plans.approve_objectiveset",
        from_statuses=frozenset({PlanStatus.SUBMITTED}),
        to_status=PlanStatus.APPROVED,
        label=gettext_lazy("Approve"),
        question=gettext_lazy(
            "Approve these objectives? Each measurement becomes a work item of its unit."
        ),
        done=gettext_lazy(
            "The objectives were approved; their measurements are on the units' work."
        ),
        service=objectives_approve,
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s approved %(record)s."),
    ),
    Action(  # with a comment: a page of its own
        "return",
        permission="plans.approve_objectiveset",
        from_statuses=frozenset({PlanStatus.SUBMITTED}),
        to_status=PlanStatus.DRAFT,
        label=gettext_lazy("Return with a comment"),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s returned %(record)s for changes."),
        done=gettext_lazy("The objectives were returned."),
    ),
    record="objective_set",
    error=PlanWorkflowError,
    refused=gettext_lazy("This is not possible while the objectives are “%(status)s”."),
)


def measurement_items_sync(*, objective_set: ObjectiveSet) -> None:
    """One work item per objective and period, due ``measurement_due_days`` after the period
    ends, for the responsible unit (or the ISO secretary)."""
    calendar_ = load_calendar()
    days = objective_set.organization.measurement_due_days
    existing = set(
        WorkItem.objects.filter(objective__objective_set=objective_set).values_list(
            "objective_id", "period_key"
        )
    )
    items = []
    for objective in objective_set.objectives.all():
        department_id = objective.department_id or objective_set.department_id
        for period in periods(objective.frequency, objective_set.year):
            if (objective.pk, period.key) in existing:
                continue
            items.append(
                item_build(
                    MEASUREMENT,
                    objective,
                    organization_id=objective_set.organization_id,
                    year=objective_set.year,
                    key=period.key,
                    label=period.label,
                    due_on=period.end + datetime.timedelta(days=days),
                    # Counted from the period's end: on a day off, the next working day.
                    counted=True,
                    department_id=department_id,
                    party="" if department_id else TaskParty.ISO_SECRETARY,
                    calendar=calendar_,
                )
            )
    WorkItem.objects.bulk_create(items)


def _results_reported(objective_set: ObjectiveSet, period_key: str, user: Any) -> None:
    """When every objective of the year has its result for the period, the plan's tasks of
    reporting the objectives' results for that period are done, on the day the last was entered."""
    items = WorkItem.objects.filter(
        kind=MEASUREMENT,
        organization_id=objective_set.organization_id,
        year=objective_set.year,
        period_key=period_key,
    )
    if items.open().exists():
        return
    last = items.aggregate(last=Max("done_on"))["last"]
    record_fulfils(
        OBJECTIVE_RESULTS,
        organization=objective_set.organization,
        year=objective_set.year,
        done_on=last or timezone.localdate(),
        user=user,
        record=objective_set,
        period=_reported_period(period_key, objective_set.year),
    )


def _reported_period(key: str, year: int) -> ReportedPeriod:
    """The period of ``key`` as a span of days ("q-2" → 1/4–30/6)."""
    for frequency in Frequency:
        found = periods(frequency, year)
        for index, period in enumerate(found):
            if period.key == key:
                start = found[index - 1].end + datetime.timedelta(days=1) if index else None
                return ReportedPeriod(key, start or datetime.date(year, 1, 1), period.end)
    raise LookupError(key)


# --- copying ------------------------------------------------------------------------------------
@transaction.atomic
def objectives_copy(*, source: ObjectiveSet, year: int) -> ObjectiveSet:
    """Next year's set: the objectives and their actions, years in their texts moved forward."""
    by = year - source.year

    def moved(text: str) -> str:
        return shift_years(text, from_year=source.year, by=by)

    copy = ObjectiveSet.objects.create(
        organization=source.organization, department=source.department, year=year
    )
    for objective in source.objectives.prefetch_related("actions"):
        new = Objective.objects.create(
            objective_set=copy,
            order=objective.order,
            statement=moved(objective.statement),
            indicator=moved(objective.indicator),
            comparison=objective.comparison,
            target_value=objective.target_value,
            target_unit=objective.target_unit,
            method=objective.method,
            frequency=objective.frequency,
            department=objective.department,
        )
        ObjectiveAction.objects.bulk_create(
            ObjectiveAction(
                objective=new,
                order=action.order,
                action=moved(action.action),
                department=action.department,
                timing_text=moved(action.timing_text),
                resources=action.resources,
            )
            for action in objective.actions.all()
        )
    return copy


# --- results ------------------------------------------------------------------------------------
@transaction.atomic
def result_record(
    *,
    objective: Objective,
    period_key: str,
    user: Any,
    value: Decimal | None = None,
    done: bool | None = None,
    comment: str = "",
    achieved_override: bool | None = None,
    override_reason: str = "",
    expected_version: int | None = None,
    done_on: datetime.date | None = None,
) -> ObjectiveResult:
    """Record what was measured for a period; the period's work item is then done (on ``done_on``
    when the result was entered afterwards, today if not said)."""
    labels = {p.key: p.label for p in periods(objective.frequency, objective.objective_set.year)}
    if period_key not in labels:
        raise PlanWorkflowError(_("This objective has no such period."))
    if achieved_override is not None and not override_reason.strip():
        raise PlanWorkflowError(_("Say why the achievement is set by hand."))
    result = ObjectiveResult.objects.filter(objective=objective, period_key=period_key).first()
    if result is None:
        result = ObjectiveResult(objective=objective, period_key=period_key)
    result.period_label = labels[period_key]
    result.value, result.done, result.comment = value, done, comment
    result.achieved_override = achieved_override
    result.override_reason = override_reason if achieved_override is not None else ""
    result.entered_by = user
    if result.pk is None:
        result.save()
    else:  # StaleEditError when someone saved this period's result since the form was opened
        save_if_unchanged(
            result,
            expected_version=result.lock_version if expected_version is None else expected_version,
        )
    for item in WorkItem.objects.open().filter(objective=objective, period_key=period_key):
        # one or two rows, each with its history
        work_item_complete(item=item, user=user, done_on=done_on)
    _results_reported(objective.objective_set, period_key, user)
    # Where a missed objective will raise a nonconformity or an action (the audits issue).
    return result
