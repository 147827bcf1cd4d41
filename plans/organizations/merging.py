"""Merging agencies (sáp nhập): two or more agencies become one — a new one or one of them.

What moves is what is alive: the units (each mapped to a unit of the merged agency or moved as a
new one), the people and their roles, the registers and the open work; the current year gets a
joint plan drafted from both plans. What is closed stays where it was: a merged agency is kept,
inactive, with its past years under the name it had (``Organization.merged_into``).

Each domain declares what of its records moves (``register``, from its ``kinds`` module), so a new
kind of record plugs in without this module knowing it. ``preview`` counts, ``merge`` moves in
one transaction and returns the same counts, recorded in ``AgencyMerge``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Case, F, IntegerField, Max, Model, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.choices import Role, WorkItemStatus
from plans.organizations.models import AgencyMerge, Department, Membership, Organization
from plans.training.models import Onboarding
from plans.work.kinds import all_kinds
from plans.work.models import WorkItem


class MergeError(Exception):
    """What stops a merge; the message is for the administrator."""


@dataclass
class MergeContext:
    """One merge: the agencies merged into ``target``, and where each of their units goes
    (``units``: source unit → unit of the target, None for a new unit; a unit left out goes to
    the target's unit of the same name, else to a new one)."""

    target: Organization
    sources: list[Organization]
    units: dict[int, int | None] = field(default_factory=dict)
    today: datetime.date = field(default_factory=timezone.localdate)
    user: Any = None
    # Filled by the merge: every source unit → the target's unit (new ones created).
    unit_map: dict[int, int] = field(default_factory=dict)
    joint_plan: Any = None  # the draft the planning domain makes

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def source_ids(self) -> list[int]:
        return [s.pk for s in self.sources]

    def theirs(self, model: type[Model]) -> QuerySet:
        """The merged agency's own rows of ``model`` (none yet for a new agency)."""
        return model.objects.filter(organization_id=self.target.pk)

    def mapped(self, column: str = "department_id") -> Case:
        """``column`` rewritten to the target's unit, for one UPDATE of many rows."""
        return Case(
            *(When(**{column: old}, then=Value(new)) for old, new in self.unit_map.items()),
            default=F(column),
            output_field=IntegerField(),
        )

    def move(self, queryset: QuerySet, **extra) -> int:
        """Point the rows at the target and their unit at the mapped one (one UPDATE)."""
        fields = {f.name for f in queryset.model._meta.concrete_fields}
        values = dict(extra)
        if "organization" in fields:
            values["organization"] = self.target
        if "department" in fields and self.unit_map:
            values["department"] = self.mapped()
        return queryset.update(**values)

    def remap(self, model: type[Model], **lookup) -> int:
        """Rewrite the unit of rows that stay attached to a moved record (actions, assignments)."""
        if not self.unit_map:
            return 0
        return model.objects.filter(department__in=list(self.unit_map), **lookup).update(
            department=self.mapped()
        )


@dataclass(frozen=True)
class Mover:
    """What one domain moves: ``count`` says in the preview how many rows ``move`` will move;
    ``duplicates`` names what the merged agency now holds twice, for review."""

    key: str
    label: Any
    count: Callable[[MergeContext], int]
    move: Callable[[MergeContext], int]
    duplicates: Callable[[MergeContext], list[str]] | None = None
    order: int = 50  # open work items move last, after the records they belong to


MOVERS: dict[str, Mover] = {}


def register(mover: Mover) -> None:
    MOVERS[mover.key] = mover


@dataclass
class Line:
    key: str
    label: str
    count: int


@dataclass
class Preview:
    lines: list[Line]
    duplicates: list[tuple[str, list[str]]]
    units: list[tuple[Department, Department | None]]  # source unit → target unit (None: new)
    warnings: list[str]

    def counts(self) -> dict[str, int]:
        return {line.key: line.count for line in self.lines}


def _movers() -> list[Mover]:
    return sorted(MOVERS.values(), key=lambda m: (m.order, m.key))


def _check(ctx: MergeContext) -> None:
    if not ctx.sources:
        raise MergeError(_("Choose at least one agency to merge."))
    if ctx.target.pk and ctx.target.pk in ctx.source_ids:
        raise MergeError(_("An agency cannot be merged into itself."))
    inactive = Organization.objects.filter(pk__in=ctx.source_ids, is_active=False).first()
    if inactive is not None:  # merged already, or closed
        raise MergeError(_("%(agency)s is no longer active.") % {"agency": inactive})
    target_units = set(ctx.theirs(Department).values_list("pk", flat=True))
    for unit in ctx.units.values():
        if unit is not None and unit not in target_units:
            raise MergeError(_("A unit can only be mapped to a unit of the merged agency."))


def _unit_pairs(ctx: MergeContext) -> list[tuple[Department, Department | None]]:
    """Each source unit and the target unit it joins (given, else the one of the same name),
    None when it moves as a new unit."""
    target_units = {d.pk: d for d in ctx.theirs(Department)}
    by_name = {d.name: d for d in target_units.values()}
    pairs = []
    for unit in Department.objects.filter(organization__in=ctx.source_ids).select_related(
        "organization"
    ):
        chosen = ctx.units.get(unit.pk, "same name")
        if chosen == "same name":
            pairs.append((unit, by_name.get(unit.name)))
        else:
            pairs.append((unit, target_units.get(chosen) if chosen else None))
    return pairs


def _new_units(pairs) -> int:
    """The units created in the target: one per name not already there."""
    return len({unit.name for unit, joined in pairs if joined is None})


def preview(ctx: MergeContext) -> Preview:
    _check(ctx)
    pairs = _unit_pairs(ctx)
    members = Membership.objects.filter(organization__in=ctx.source_ids)
    lines = [
        Line("units_new", _("Units moved as new units"), _new_units(pairs)),
        Line(
            "units_joined",
            _("Units merged into a unit of the agency"),
            sum(joined is not None for _unit, joined in pairs),
        ),
        Line("people", _("People"), members.values("user").distinct().count()),
        Line("roles", _("Roles"), members.count()),
    ]
    duplicates = []
    for mover in _movers():
        lines.append(Line(mover.key, str(mover.label), mover.count(ctx)))
        if mover.duplicates is not None:
            found = mover.duplicates(ctx)
            if found:
                duplicates.append((str(mover.label), found))
    warnings = []
    if ctx.target.pk:
        leaders = _leading_roles(ctx)
        if leaders:
            warnings.append(
                _("The merged agency will have more than one %(roles)s: review the roles after.")
                % {"roles": ", ".join(leaders)}
            )
    return Preview(lines=lines, duplicates=duplicates, units=pairs, warnings=warnings)


def _leading_roles(ctx: MergeContext) -> list[str]:
    single = (Role.DIRECTOR, Role.ISO_SECRETARY)
    held = set(ctx.theirs(Membership).filter(role__in=single).values_list("role", flat=True))
    coming = set(
        Membership.objects.filter(organization__in=ctx.source_ids, role__in=single).values_list(
            "role", flat=True
        )
    )
    return [str(Role(r).label) for r in single if r in held and r in coming]


def merge(ctx: MergeContext) -> AgencyMerge:
    """Merge in one transaction: either all of it happens or nothing."""
    with transaction.atomic():
        # Every source and the target locked: two administrators merging at once, or a merge
        # racing a province file, serialise here.
        ids = [*ctx.source_ids, *([ctx.target.pk] if ctx.target.pk else [])]
        list(Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        ctx.sources = list(Organization.objects.filter(pk__in=ctx.source_ids))
        _check(ctx)
        ctx.target.save()  # new, or renamed by the merge (its former name is kept)
        pairs = _unit_pairs(ctx)
        counts = {
            "units_new": _move_units(ctx, pairs),
            "units_joined": sum(joined is not None for _unit, joined in pairs),
        }
        counts.update(_move_people(ctx))
        for mover in _movers():
            counts[mover.key] = mover.move(ctx)
        record = AgencyMerge.objects.create(
            target=ctx.target,
            merged_on=ctx.today,
            merged_by=ctx.user,
            counts=counts,
            units={str(k): v for k, v in ctx.unit_map.items()},
            joint_plan=ctx.joint_plan,
        )
        record.sources.set(ctx.sources)
        for source in ctx.sources:
            source.is_active = False
            source.merged_into = ctx.target
            source._change_reason = _("Merged into %(agency)s") % {"agency": ctx.target}
            source.save(update_fields=["is_active", "merged_into"])
    return record


def _move_units(ctx: MergeContext, pairs) -> int:
    """Create the new units (one per name) and fill ``ctx.unit_map``; the source units stay with
    their agency, inactive, for its past records."""
    order = ctx.theirs(Department).aggregate(top=Max("order"))["top"] or 0
    made: dict[str, Department] = {}
    for unit, joined in pairs:
        if joined is None:
            joined = made.get(unit.name)
            if joined is None:
                order += 1
                joined = made[unit.name] = Department.objects.create(
                    organization=ctx.target,
                    name=unit.name,
                    kind=unit.kind,
                    order=order,
                    is_active=unit.is_active,
                )
        ctx.unit_map[unit.pk] = joined.pk
    Department.objects.filter(organization__in=ctx.source_ids).update(is_active=False)
    return len(made)


def _move_people(ctx: MergeContext) -> dict[str, int]:
    """Each role of the merged agencies' people becomes the same role in the merged agency, in
    the mapped unit (a role they already hold there is not doubled)."""
    members = list(Membership.objects.filter(organization__in=ctx.source_ids))
    held = {(m.user_id, m.role, m.department_id): m for m in ctx.theirs(Membership)}
    for membership in members:
        unit = ctx.unit_map.get(membership.department_id) if membership.department_id else None
        key = (membership.user_id, membership.role, unit)
        if key in held:  # the same role twice: the merged agency's stays
            Onboarding.objects.filter(membership=membership).update(membership=held[key])
            membership.delete()
            continue
        membership.organization, membership.department_id = ctx.target, unit
        membership._change_reason = _("Agencies merged")
        membership.save()
        held[key] = membership
    return {"people": len({m.user_id for m in members}), "roles": len(members)}


def renumber(ctx: MergeContext, queryset: QuerySet) -> int:
    """Move records numbered per agency and year (nonconformities, proposals): each takes the
    merged agency's next number of its year (the years' last numbers read once)."""
    model = queryset.model
    top = dict(ctx.theirs(model).values_list("year").annotate(top=Max("number")).order_by())
    moved = 0
    for record in queryset.order_by("year", "number"):
        top[record.year] = top.get(record.year, 0) + 1
        values = {"organization": ctx.target, "number": top[record.year]}
        if record.department_id:
            values["department_id"] = ctx.unit_map.get(record.department_id, record.department_id)
        model.objects.filter(pk=record.pk).update(**values)
        moved += 1
    return moved


# --- the open work: last, once the records it belongs to have moved ---------------------------
def _open_items(ctx: MergeContext) -> QuerySet:
    return WorkItem.objects.open().filter(organization__in=ctx.source_ids)


def _items_staying(ctx: MergeContext) -> Q:
    """Open items whose record stays with the former agency (its audit or review of the year,
    a legal text the merged agency already registered): the merged agency keeps its own."""
    staying = Q(pk__in=[])
    for kind in all_kinds():
        if kind.source_field != "source":
            continue
        model = apps.get_model(kind.model)
        path = model.organization_field
        records = model.objects.filter(**{f"{path}__in" if path else "pk__in": ctx.source_ids})
        staying |= Q(kind=kind.name, source_id__in=records.values("pk"))
    return staying


def _move_work(ctx: MergeContext) -> int:
    """Every open item of the merged agencies: moved to the mapped unit, or ended (not
    applicable) when its record stays behind or when two merged units would hold the same
    obligation twice (the one worked on moves)."""
    items = _open_items(ctx)
    total = items.count()
    items.filter(_items_staying(ctx)).update(status=WorkItemStatus.NOT_APPLICABLE)
    seen, doubled = set(), []
    rows = items.exclude(task=None).values_list(
        "pk", "task_id", "period_key", "department_id", "party", "status"
    )
    # The one in progress keeps the obligation, else the first made.
    for pk, task, period, unit, party, _status in sorted(
        rows, key=lambda r: (r[5] != WorkItemStatus.IN_PROGRESS, r[0])
    ):
        key = (task, period, ctx.unit_map.get(unit, unit), party)
        if key in seen:
            doubled.append(pk)
        seen.add(key)
    items.filter(pk__in=doubled).update(status=WorkItemStatus.NOT_APPLICABLE)
    ctx.move(_open_items(ctx))
    return total


register(
    Mover(
        "work",
        _("Open work items"),
        count=lambda ctx: _open_items(ctx).count(),
        move=_move_work,
        order=90,
    )
)
