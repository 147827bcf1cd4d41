"""The province's consolidated yearly report on applying TCVN ISO 9001:2015 in its agencies
(Quyết định 19/2014/QĐ-TTg, Thông tư 26/2014/TT-BKHCN): what the province's coordinator sends
up each year, computed from the agencies' own records — the rows of the province table
(reports/province.py), their declarations of conformity and nonconformities, summed by kind of
agency. The texts of its parts III and IV are typed by the coordinator (ConsolidatedReport)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from audits.models import Nonconformity
from plans.choices import OrganizationKind
from plans.letterhead import papers_day
from plans.models import OrganizationName

from .models import ConformityDeclaration
from .province import Agency, ProvinceRow, agency_ids, province_overview


@dataclass
class AgencyFigures:
    """One agency's line: its province row, the declaration in force at the year's end and the
    nonconformities of the year."""

    row: ProvinceRow
    declaration: ConformityDeclaration | None = None
    nonconformities_opened: int = 0  # found in the year (numbered in it)
    nonconformities_closed: int = 0  # closed in the year, whenever found
    year: int = 0

    @property
    def organization(self) -> Agency:
        return self.row.organization

    @property
    def declared(self) -> bool:
        return self.declaration is not None

    @property
    def declared_in_year(self) -> bool:
        return self.declaration is not None and self.declaration.signed_on.year == self.year


@dataclass
class KindFigures:
    """The sums over the agencies of one kind (or of all)."""

    kind: str = ""
    label: str = ""
    agencies: int = 0
    plan_approved: int = 0
    audit_held: int = 0
    review_held: int = 0
    report_sent: int = 0
    report_accepted: int = 0
    declared: int = 0
    items: int = 0
    done: int = 0
    overdue: int = 0
    objectives_achieved: int = 0
    objectives: int = 0
    nonconformities_opened: int = 0
    nonconformities_closed: int = 0

    def add(self, agency: AgencyFigures) -> None:
        row = agency.row
        self.agencies += 1
        self.plan_approved += row.plan_approved
        self.audit_held += row.audit_held
        self.review_held += row.review_held
        self.report_sent += row.report_submitted is not None
        self.report_accepted += row.report_accepted is not None
        self.declared += agency.declared
        self.items += row.items
        self.done += row.done
        self.overdue += row.overdue
        self.objectives_achieved += row.objectives_achieved
        self.objectives += row.objectives
        self.nonconformities_opened += agency.nonconformities_opened
        self.nonconformities_closed += agency.nonconformities_closed

    @property
    def progress(self) -> int:
        return round(100 * self.done / self.items) if self.items else 0

    @property
    def inline_label(self) -> str:
        """Inside a sentence: "5 sở, ban, ngành tỉnh; 14 UBND xã, phường, đặc khu"."""
        return INLINE_LABELS.get(self.kind, self.label)

    @property
    def ui_label(self) -> str:
        """On screen, in the reader's language (``label`` is the printed wording)."""
        return str(OrganizationKind(self.kind).label) if self.kind else _("Total")


NUMERALS = ("I", "II", "III", "IV", "V")
# How the official report names each kind of agency (Vietnamese, as printed).
KIND_LABELS = {
    OrganizationKind.DEPARTMENT: "Sở, ban, ngành tỉnh",
    OrganizationKind.COMMUNE: "UBND xã, phường, đặc khu",
    OrganizationKind.OTHER: "Cơ quan, đơn vị khác",
}
INLINE_LABELS = {
    OrganizationKind.DEPARTMENT: "sở, ban, ngành tỉnh",
    OrganizationKind.COMMUNE: "UBND xã, phường, đặc khu",
    OrganizationKind.OTHER: "cơ quan, đơn vị khác",
}


@dataclass
class ConsolidatedFigures:
    province: str
    year: int
    by_kind: list[KindFigures]
    total: KindFigures
    agencies: list[AgencyFigures]
    # (numeral, the kind's sums, its agencies) for each kind that has agencies: the annex's parts
    groups: list[tuple[str, KindFigures, list[AgencyFigures]]] = field(default_factory=list)

    @cached_property
    def without_plan(self) -> list[Agency]:
        return [a.organization for a in self.agencies if not a.row.plan_approved]

    @cached_property
    def not_sent(self) -> list[Agency]:
        return [a.organization for a in self.agencies if a.row.report_submitted is None]


def consolidated_report(province: str, year: int, today: datetime.date) -> ConsolidatedFigures:
    """The figures of every agency of the province for ``year`` — those closed since that kept
    records of it included, under the names they bore then — in a fixed number of queries: the
    province table's, one for their former names, one for the declarations, one for the
    nonconformities."""
    rows = province_overview(province, year, today, with_inactive=True) if province else []
    ids = agency_ids(province)  # the province's: a superset, the others' figures unused
    # Each agency under the name it bore at the year's end (renamed or merged since).
    former = defaultdict(list)
    for name in OrganizationName.objects.filter(organization__in=ids):
        former[name.organization_id].append(name)
    day = papers_day(year)
    for row in rows:
        row.organization = row.organization.as_on(day, former[row.organization.pk])
    agencies = {row.organization.pk: AgencyFigures(row, year=year) for row in rows}
    # The declaration in force at the year's end: the latest signed by then (as the agency's
    # own annual report cites it, reports/annual.py). A few per agency at most.
    for declaration in ConformityDeclaration.objects.filter(
        organization__in=ids, signed_on__lte=datetime.date(year, 12, 31)
    ).order_by("organization_id", "signed_on", "pk"):
        if agency := agencies.get(declaration.organization_id):
            agency.declaration = declaration
    for count in (
        Nonconformity.objects.filter(Q(year=year) | Q(closed_on__year=year), organization__in=ids)
        .values("organization_id")
        .annotate(
            opened=Count("pk", filter=Q(year=year)),
            closed=Count("pk", filter=Q(closed_on__year=year)),
        )
        .order_by()
    ):
        if agency := agencies.get(count["organization_id"]):
            agency.nonconformities_opened = count["opened"]
            agency.nonconformities_closed = count["closed"]
    by_kind = {kind: KindFigures(kind, label) for kind, label in KIND_LABELS.items()}
    members: dict[str, list[AgencyFigures]] = defaultdict(list)
    total = KindFigures("", "Tổng cộng")
    for agency in agencies.values():
        kind = agency.organization.kind
        if kind not in by_kind:  # a kind added later: counted as "other"
            kind = OrganizationKind.OTHER
        by_kind[kind].add(agency)
        total.add(agency)
        members[kind].append(agency)
    return ConsolidatedFigures(
        province=province,
        year=year,
        by_kind=list(by_kind.values()),
        total=total,
        agencies=list(agencies.values()),
        groups=[
            (numeral, figures, members[kind])
            for numeral, (kind, figures) in zip(
                NUMERALS, ((k, f) for k, f in by_kind.items() if members[k]), strict=False
            )
        ],
    )
