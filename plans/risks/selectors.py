"""Reads the pages, the reports and the management review share: the register as filtered,
ordered and scored in SQL, the heat map, each risk's successive ratings, the review's inputs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from plans.choices import MAX_YEAR, MIN_YEAR, WorkItemStatus
from plans.models import Organization

from .choices import ContextKind, RiskKind, RiskLevel, RiskStatus
from .models import RERATING_REASON, ContextEntry, Risk, RiskAction, risk_level

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
class RegisterFilters:
    """The register as filtered by the query string; the page, the XLSX and the PDF share it."""

    organization: Organization
    year: int
    years: list[int]
    unit: str  # "" every unit, "agency" the agency's own risks, else a department id
    kind: str
    level: str
    status: str  # "" every risk but the withdrawn ones
    sort: str
    risks: QuerySet[Risk]

    @property
    def query(self) -> str:
        return urlencode(
            {
                "year": self.year,
                "unit": self.unit,
                "kind": self.kind,
                "level": self.level,
                "status": self.status,
                "sort": self.sort,
            }
        )

    @property
    def unit_label(self) -> str:
        if self.unit == "agency":
            return str(_("The whole agency"))
        units = self.organization.departments.filter(pk=self.unit or None)
        return units.values_list("name", flat=True).first() or ""


def register_filters(request, organization: Organization) -> RegisterFilters:
    get = request.GET
    risks = Risk.objects.filter(organization=organization)
    years = sorted({*risks.values_list("year", flat=True).distinct()}, reverse=True)
    today = timezone.localdate().year
    year = get.get("year", "")
    if not (year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR):
        year = today if today in years or not years else years[0]
    year = int(year)
    risks = risks.filter(year=year)
    unit = get.get("unit", "")
    if unit == "agency":
        risks = risks.filter(department__isnull=True)
    elif unit.isdigit() and len(unit) < 10:
        risks = risks.filter(department_id=int(unit))
    else:
        unit = ""
    kind = get.get("kind", "") if get.get("kind") in RiskKind.values else ""
    if kind:
        risks = risks.filter(kind=kind)
    status = get.get("status", "") if get.get("status") in RiskStatus.values else ""
    risks = risks.filter(status=status) if status else risks.exclude(status=RiskStatus.WITHDRAWN)
    sort = get.get("sort", "") if get.get("sort") in RISK_ORDERS else "level"
    risks = risk_register(risks, sort)
    level = get.get("level", "") if get.get("level") in RiskLevel.values else ""
    if level:
        risks = risks.filter(level_filter(organization, level))
    return RegisterFilters(organization, year, years, unit, kind, level, status, sort, risks)


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
            work_item__done_on__range=(start, end),
        )
        .select_related("risk", "department", "work_item")
        .order_by("work_item__done_on", "pk")
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
