"""Reads that pages share: each loads what a page shows in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from plans.choices import (
    ContextKind,
    DocumentKind,
    DocumentStatus,
    PlanStatus,
    RiskKind,
    RiskLevel,
    RiskStatus,
    TaskParty,
    WorkItemStatus,
)
from plans.models import (
    ContextEntry,
    Document,
    Organization,
    Plan,
    PlanTask,
    Risk,
    RiskAction,
    TaskAssignment,
    WorkItem,
    risk_level,
)
from plans.models.risk import RERATING_REASON
from plans.models.work_item import progress_counts


@dataclass
class UnitProgress:
    """Work items of one unit or party: done, overdue, and upcoming or not dated yet."""

    key: str  # the unit filter of the unit work page: "d:<id>" or "p:<party>"
    label: str
    done: int = 0
    overdue: int = 0
    upcoming: int = 0

    @property
    def total(self) -> int:
        return self.done + self.overdue + self.upcoming


def progress_by_unit(items: QuerySet[WorkItem], today: datetime.date) -> list[UnitProgress]:
    """The items grouped per unit or party, in the units' order — one grouped query."""
    rows = (
        items.values("department_id", "department__name", "department__order", "party")
        .annotate(**progress_counts(today))
        .order_by("department__order", "department__name", "party")
    )
    units = []
    for row in rows:
        if row["department_id"]:
            key, label = f"d:{row['department_id']}", row["department__name"]
        else:
            key, label = f"p:{row['party']}", str(TaskParty(row["party"]).label)
        units.append(UnitProgress(key, label, row["done"], row["overdue"], row["upcoming"]))
    return units


def year_in_force(plans: QuerySet[Plan], today: datetime.date) -> int:
    """The year a page opens on: this year if one of the plans is in force, else the latest
    earlier year with one (a new year starts before its plan is approved), else this year."""
    latest = plans.filter(
        year__lte=today.year, status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED]
    ).aggregate(latest=Max("year"))["latest"]
    return latest or today.year


def tasks_with_units(tasks: QuerySet[PlanTask]) -> QuerySet[PlanTask]:
    assignments = TaskAssignment.objects.select_related("department")
    return tasks.order_by("order", "pk").prefetch_related(
        Prefetch("assignments", queryset=assignments)
    )


def plan_tasks(plan: Plan) -> QuerySet[PlanTask]:
    return tasks_with_units(plan.tasks.all())


def plan_progress(plan: Plan, today: datetime.date) -> dict:
    """Done / overdue / upcoming work items per task and per unit, from one grouped query."""
    rows = (
        WorkItem.objects.filter(task__plan=plan)
        .values("task_id", "department_id", "department__name", "department__order", "party")
        .annotate(**progress_counts(today))
        .order_by()
    )
    by_task: dict[int, dict] = {}
    by_unit: dict[tuple, dict] = {}
    for row in rows:
        task = by_task.setdefault(row["task_id"], {"done": 0, "overdue": 0, "upcoming": 0})
        unit = by_unit.setdefault(
            (row["department__order"] or 0, row["department__name"] or "", row["party"]),
            {
                "department_id": row["department_id"],
                "party": row["party"],
                "label": row["department__name"] or str(TaskParty(row["party"]).label),
                "done": 0,
                "overdue": 0,
                "upcoming": 0,
            },
        )
        for key in ("done", "overdue", "upcoming"):
            task[key] += row[key]
            unit[key] += row[key]
    return {"by_task": by_task, "by_unit": [by_unit[key] for key in sorted(by_unit)]}


def documents_in_force(organization: Organization) -> QuerySet[Document]:
    """The published list: documents in force by kind (policy first), then code."""
    kinds = [When(kind=kind, then=Value(i)) for i, kind in enumerate(DocumentKind.values)]
    return (
        Document.objects.filter(organization=organization, status=DocumentStatus.IN_FORCE)
        .select_related("current_edition", "department")
        .annotate(kind_order=Case(*kinds, output_field=IntegerField()))
        .order_by("kind_order", "code", "pk")
    )


# --- context and risks --------------------------------------------------------------------------
RISK_ORDERS = {
    # ?sort= value: the ordering of the register (level first: the highest scores on top)
    "level": ("-product", "department__order", "pk"),
    "unit": ("department__order", "department__name", "-product", "pk"),
    "process": ("process", "-product", "pk"),
    "recorded": ("-pk",),
}


def risks_scored(risks: QuerySet[Risk]) -> QuerySet[Risk]:
    return risks.annotate(product=F("likelihood") * F("impact"))


def level_filter(organization: Organization, level: str) -> Q:
    """The risks of a level, in SQL, with the organization's thresholds (see ``risk_level``);
    needs the ``product`` annotation (likelihood × impact) of ``risks_scored``."""
    medium, high = organization.risk_medium_from, organization.risk_high_from
    return {
        RiskLevel.HIGH: Q(product__gte=high),
        RiskLevel.MEDIUM: Q(product__gte=medium, product__lt=high),
        RiskLevel.LOW: Q(product__lt=medium),
    }[level]


def risk_register(risks: QuerySet[Risk], order: str = "level") -> QuerySet[Risk]:
    """The register's rows with their unit and action counts, in a fixed number of queries."""
    done = Q(actions__work_item__status=WorkItemStatus.DONE)
    return (
        risks_scored(risks)
        .select_related("organization", "department")
        .annotate(action_total=Count("actions"), action_done=Count("actions", filter=done))
        .order_by(*RISK_ORDERS.get(order, RISK_ORDERS["level"]))
    )


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    level: str
    count: int


def heat_map(risks: QuerySet[Risk], organization: Organization) -> list[list[HeatCell]]:
    """Counts per likelihood × impact, likelihood from the top row down — one grouped query.
    A rating above a scale the organization later narrowed counts in the top cell."""
    top_l, top_i = organization.risk_likelihood_levels, organization.risk_impact_levels
    counts: dict[tuple[int, int], int] = {}
    for row in risks.values("likelihood", "impact").annotate(n=Count("pk")).order_by():
        key = (min(row["likelihood"], top_l), min(row["impact"], top_i))
        counts[key] = counts.get(key, 0) + row["n"]
    medium, high = organization.risk_medium_from, organization.risk_high_from
    return [
        [
            HeatCell(
                likelihood,
                impact,
                risk_level(likelihood * impact, medium_from=medium, high_from=high),
                counts.get((likelihood, impact), 0),
            )
            for impact in range(1, top_i + 1)
        ]
        for likelihood in range(top_l, 0, -1)
    ]


@dataclass
class Rating:
    likelihood: int
    impact: int
    level: str
    at: datetime.datetime
    user: Any
    rerated: bool  # written by a re-rating after the actions

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    def get_level_display(self) -> str:
        return str(RiskLevel(self.level).label)


def ratings_of(risks: list[Risk]) -> dict[int, list[Rating]]:
    """Each risk's successive ratings, oldest first, read from its history in one query (the
    risks' organization must be loaded)."""
    by_pk = {risk.pk: risk for risk in risks}
    rows = (
        Risk.history.filter(id__in=by_pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    ratings: dict[int, list[Rating]] = {pk: [] for pk in by_pk}
    for row in rows:
        organization = by_pk[row.id].organization
        rerated = row.history_change_reason == RERATING_REASON
        previous = ratings[row.id][-1] if ratings[row.id] else None
        same = previous and (previous.likelihood, previous.impact) == (row.likelihood, row.impact)
        if same and not rerated:
            continue  # another field changed; the rating did not
        level = risk_level(
            row.likelihood * row.impact,
            medium_from=organization.risk_medium_from,
            high_from=organization.risk_high_from,
        )
        ratings[row.id].append(
            Rating(row.likelihood, row.impact, level, row.history_date, row.history_user, rerated)
        )
    return ratings


@dataclass
class RiskSummary:
    """Input of the management review: open high risks, actions done, re-ratings."""

    open_high: list[Risk] = field(default_factory=list)
    actions_done: list[RiskAction] = field(default_factory=list)
    rerated: list[tuple[Risk, Rating | None]] = field(default_factory=list)  # (risk, before)

    @property
    def effective(self) -> int:
        return sum(1 for risk, _before in self.rerated if risk.effective)


def risk_review_summary(
    organization: Organization, start: datetime.date, end: datetime.date
) -> RiskSummary:
    """The risks of the period's years: those still open and high (not opportunities), the
    treatment actions done in the period, the risks re-rated in it with their rating before —
    four queries."""
    risks = risks_scored(
        Risk.objects.filter(organization=organization, year__range=(start.year, end.year))
    ).select_related("organization", "department")
    summary = RiskSummary()
    summary.open_high = list(
        risks.filter(
            level_filter(organization, RiskLevel.HIGH), kind=RiskKind.RISK, status=RiskStatus.OPEN
        ).order_by("-product", "pk")
    )
    summary.actions_done = list(
        RiskAction.objects.filter(
            risk__organization=organization,
            work_item__status=WorkItemStatus.DONE,
            work_item__completed_at__date__range=(start, end),
        )
        .select_related("risk", "department", "work_item")
        .order_by("work_item__completed_at")
    )
    rerated = list(risks.filter(reviewed_on__range=(start, end)).order_by("reviewed_on", "pk"))
    ratings = ratings_of(rerated)
    summary.rerated = [
        (risk, ratings[risk.pk][-2] if len(ratings[risk.pk]) > 1 else None) for risk in rerated
    ]
    return summary


def context_counts(organization: Organization, year: int) -> dict[str, int]:
    """How many issues of each kind and interested parties the year's context lists."""
    rows = (
        ContextEntry.objects.filter(organization=organization, year=year, deleted_at=None)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = dict.fromkeys(ContextKind.values, 0)
    counts.update({row["kind"]: row["n"] for row in rows})
    return counts
