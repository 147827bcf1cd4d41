"""Reads the pages and the reports share: the achievement report of a set of objectives."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Prefetch

from plans.choices import PlanStatus

from .models import Objective, ObjectiveResult, ObjectiveSet, ObjectiveTally, result_verdict
from .services import Period, periods


@dataclass
class ObjectiveRow:
    objective: Objective
    cells: list[tuple[Period, ObjectiveResult | None]]
    achieved: bool | None  # over the periods reported

    @property
    def measured(self) -> int:
        return sum(1 for _p, r in self.cells if r is not None and r.achieved is not None)

    @property
    def met(self) -> int:
        return sum(1 for _p, r in self.cells if r is not None and r.achieved)


def achievement_report(
    objective_set: ObjectiveSet, *, up_to: str | None = None, with_actions: bool = False
) -> dict:
    """Per objective: target, results per period (up to a quarter, or the whole year), achieved.

    A fixed number of queries whatever the number of objectives.
    """
    related = ["results", *(["actions__department"] if with_actions else [])]
    objectives = list(
        objective_set.objectives.select_related("department").prefetch_related(*related)
    )
    rows = []
    for objective in objectives:
        results = {r.period_key: r for r in objective.results.all()}
        cells = []
        for period in periods(objective.frequency, objective_set.year):
            cells.append((period, results.get(period.key)))
            if up_to and period.end >= _quarter_end(objective_set.year, up_to):
                break
        measured = [r.achieved for _p, r in cells if r is not None and r.achieved is not None]
        rows.append(ObjectiveRow(objective, cells, all(measured) if measured else None))
    return {
        "rows": rows,
        "total": len(rows),
        "achieved": sum(1 for r in rows if r.achieved),
        "not_achieved": sum(1 for r in rows if r.achieved is False),
        "not_measured": sum(1 for r in rows if r.achieved is None),
    }


def _quarter_end(year: int, quarter: str) -> datetime.date:
    month = int(quarter) * 3
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _tally_kept() -> bool:
    """The objective tally's triggers are PostgreSQL's (migration ``plans 0031``)."""
    return connection.vendor == "postgresql"


def achieved_by_agency(organization_ids, year: int) -> list[tuple[int, int, int]]:
    """(agency, approved objectives, achieved so far) for ``year``, for the agencies of
    ``organization_ids`` (ids or a subquery) that have objectives: read from the tally the
    database keeps (one row per agency), else judged from the results."""
    if _tally_kept():
        return list(
            ObjectiveTally.objects.filter(
                organization__in=organization_ids, year=year, objectives__gt=0
            ).values_list("organization_id", "objectives", "achieved")
        )
    return judged_by_agency(organization_ids, year)


def judged_by_agency(organization_ids, year: int) -> list[tuple[int, int, int]]:
    """``achieved_by_agency`` from the results themselves, as ``Objective.achieved_so_far``
    judges each — met in every period measured, and measured once at least — judged and
    counted by the database (``result_verdict``): one row per agency, not one model or row per
    result or objective."""
    results = (  # one row per objective and result: its verdict, compiled once
        Objective.objects.filter(
            objective_set__organization__in=organization_ids,
            objective_set__year=year,
            objective_set__status=PlanStatus.APPROVED,
        )
        .annotate(verdict=result_verdict())
        .values_list("pk", "objective_set__organization_id", "verdict")
        .order_by()
    )
    # Counting verdicts per objective, then objectives per agency, is an aggregate over an
    # aggregate, which the ORM groups only into one row: Django's compiled query, wrapped.
    sql, params = results.query.sql_with_params()
    counted = (  # Django's SQL, with its params; its columns as values() names them
        "SELECT agency, COUNT(*), SUM(CASE WHEN measured > 0 AND measured = met THEN 1 ELSE 0 END)"  # noqa: S608
        ' FROM (SELECT "objective_set__organization_id" AS agency, COUNT("verdict") AS measured,'
        f' SUM("verdict") AS met FROM ({sql}) results GROUP BY "pk", 1) objectives GROUP BY 1'
    )
    with connection.cursor() as cursor:
        cursor.execute(counted, params)
        return cursor.fetchall()


def objectives_so_far(organization, year: int) -> dict[str, int]:
    """The agency's objectives of the year's approved sets: achieved so far, missed, or not
    measured yet — from the tally the database keeps, else judged one by one."""
    if not _tally_kept():
        return judged_so_far(organization, year)
    total, achieved, missed = ObjectiveTally.objects.filter(
        organization=organization, year=year
    ).values_list("objectives", "achieved", "missed").first() or (0, 0, 0)
    return {
        "achieved": achieved,
        "missed": missed,
        "not_measured": total - achieved - missed,
        "total": total,
    }


def judged_so_far(organization, year: int) -> dict[str, int]:
    """``objectives_so_far`` from each objective's results (``Objective.achieved_so_far``)."""
    # What a verdict reads, no more: the wide rows (statements, indicators, comments) cost the
    # dashboard more to select and build than to judge.
    results = ObjectiveResult.objects.only("objective", "value", "done", "achieved_override")
    objectives = (
        Objective.objects.filter(
            objective_set__organization=organization,
            objective_set__year=year,
            objective_set__status=PlanStatus.APPROVED,
        )
        .only("comparison", "target_value")
        .prefetch_related(Prefetch("results", results.order_by()))
    )
    verdicts = [objective.achieved_so_far() for objective in objectives]
    return {
        "achieved": verdicts.count(True),
        "missed": verdicts.count(False),
        "not_measured": verdicts.count(None),
        "total": len(verdicts),
    }
