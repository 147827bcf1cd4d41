"""The declaration of conformity (Quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015 and the
Bản công bố): what it is made on — the scope, the units, the procedures in force of the document
register — kept with it, and the differences since, which propose a re-declaration."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from plans.choices import PlanStatus
from plans.documents.choices import DocumentKind
from plans.documents.selectors import documents_in_force
from plans.models import Department, Organization, Plan

from .models import ConformityDeclaration


@dataclass
class DeclarationBasis:
    """What a declaration covers: the scope as the plan in force states it, the units inside
    the system, the procedures in force (code, title)."""

    scope_source: str = ""
    units: list[str] = field(default_factory=list)
    procedures: list[tuple[str, str]] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "scope_source": self.scope_source,
            "units": self.units,
            "procedures": [list(p) for p in self.procedures],
        }

    @classmethod
    def from_json(cls, data: dict) -> DeclarationBasis:
        return cls(
            scope_source=data.get("scope_source", ""),
            units=list(data.get("units", [])),
            procedures=[tuple(p) for p in data.get("procedures", [])],
        )


def _plan_scope(organization: Organization, today: datetime.date) -> str:
    plan = (
        Plan.objects.filter(
            organization=organization,
            year__lte=today.year,
            status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED],
        )
        .exclude(scope="")
        .order_by("-year", "-pk")
        .first()
    )
    return plan.scope.strip() if plan else ""


def declaration_basis(
    organization: Organization, today: datetime.date | None = None
) -> DeclarationBasis:
    """Today's data, in three queries."""
    today = today or timezone.localdate()
    units = list(
        Department.objects.filter(organization=organization, is_active=True)
        .order_by("order", "name")
        .values_list("name", flat=True)
    )
    procedures = [
        (d.code, d.title)
        for d in documents_in_force(organization).filter(kind=DocumentKind.PROCEDURE)
    ]
    return DeclarationBasis(_plan_scope(organization, today), units, procedures)


def declaration_in_force(organization: Organization) -> ConformityDeclaration | None:
    """The latest declaration signed: the one in force."""
    return (
        ConformityDeclaration.objects.filter(organization=organization)
        .order_by("-signed_on", "-pk")
        .first()
    )


@dataclass
class Changes:
    """What changed since a declaration: each list holds names or "code – title" lines."""

    scope_changed: bool = False
    scope_then: str = ""
    scope_now: str = ""
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)
    procedures_added: list[str] = field(default_factory=list)
    procedures_withdrawn: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.scope_changed
            or self.units_added
            or self.units_removed
            or self.procedures_added
            or self.procedures_withdrawn
        )


def _line(code: str, title: str) -> str:
    return f"{code} – {title}" if code else title


def redeclaration_changes(
    declaration: ConformityDeclaration | None, now: DeclarationBasis | None = None
) -> Changes | None:
    """The differences between what ``declaration`` was made on and today's data, or None when
    there is nothing to compare (no declaration, or one recorded before isoplan kept its
    basis). A procedure counts by its code: a new edition of the same procedure is no change."""
    if declaration is None or declaration.basis is None:
        return None
    then = DeclarationBasis.from_json(declaration.basis)
    now = now or declaration_basis(declaration.organization)
    procedures_then = dict(then.procedures)
    procedures_now = dict(now.procedures)
    changes = Changes(
        units_added=[u for u in now.units if u not in then.units],
        units_removed=[u for u in then.units if u not in now.units],
        procedures_added=[_line(c, t) for c, t in now.procedures if c not in procedures_then],
        procedures_withdrawn=[_line(c, t) for c, t in then.procedures if c not in procedures_now],
    )
    if (
        then.scope_source
        and now.scope_source
        and " ".join(then.scope_source.split()) != " ".join(now.scope_source.split())
    ):
        changes.scope_changed = True
        changes.scope_then, changes.scope_now = then.scope_source, now.scope_source
    return changes


def redeclaration_proposal(organization: Organization) -> Changes | None:
    """What the dashboard and the declaration's page show: the changes that call for a
    re-declaration ("công bố lại"), or None when there are none."""
    changes = redeclaration_changes(declaration_in_force(organization))
    return changes if changes else None
