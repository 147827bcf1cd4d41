"""Who may see what: the one place where organization scoping and roles are decided.

Every model that belongs to an organization names the path to it in ``organization_field``
(``"organization"``, ``"plan__organization"``...). Views fetch objects through
``get_object_for_user`` / ``visible_to`` and check roles with rules permissions (plans/rules.py),
so a person of organization A gets 404 for B's objects without each view repeating the filter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from plans.choices import Role

if TYPE_CHECKING:
    from plans.organizations.models import Membership, Organization

_CACHE_ATTR = "_isoplan_memberships"


def memberships_of(user: Any) -> list[Membership]:
    """The user's roles, loaded once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            user.memberships.filter(organization__is_active=True).select_related(
                "organization", "department"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def organizations_of(user: Any) -> list[Organization]:
    seen: dict[int, Organization] = {}
    for membership in memberships_of(user):
        seen.setdefault(membership.organization_id, membership.organization)
    return sorted(seen.values(), key=lambda org: org.name)


def organization_ids_of(user: Any) -> set[int]:
    return {membership.organization_id for membership in memberships_of(user)}


def roles_in(user: Any, organization: Organization | int | None) -> set[str]:
    org_id = getattr(organization, "pk", organization)
    return {m.role for m in memberships_of(user) if m.organization_id == org_id}


def has_role(user: Any, organization: Organization | int | None, roles: Iterable[str]) -> bool:
    return bool(roles_in(user, organization) & set(roles))


def coordinated_provinces(user: Any) -> set[str]:
    """The provinces whose agencies the person reads as its ISO coordinator (the province of the
    agency in which they hold the role)."""
    return {
        m.organization.province
        for m in memberships_of(user)
        if m.role == Role.PROVINCE_COORDINATOR and m.organization.province
    }


def headed_department_ids(user: Any, organization: Organization | int | None = None) -> set[int]:
    org_id = getattr(organization, "pk", organization)
    return {
        m.department_id
        for m in memberships_of(user)
        if m.role == Role.DEPARTMENT_HEAD and (org_id is None or m.organization_id == org_id)
    }


def departments_without_head(organization_ids: Iterable[int]) -> QuerySet:
    """The units of these organizations that no active person heads: their work is the ISO
    secretary's (plans/work/responsibility.py)."""
    from django.db.models import Exists, OuterRef

    from plans.organizations.models import Department, Membership

    heads = Membership.objects.filter(
        department=OuterRef("pk"), role=Role.DEPARTMENT_HEAD, user__is_active=True
    )
    return Department.objects.filter(organization_id__in=list(organization_ids)).exclude(
        Exists(heads)
    )


def writable_departments(user: Any, organization: Organization) -> QuerySet:
    """The active units whose records (objectives, risks) the person writes: every unit for the
    ISO secretary, the units they head for a department head."""
    units = organization.departments.filter(is_active=True).order_by("order", "name")
    if has_role(user, organization, {Role.ISO_SECRETARY}):
        return units
    return units.filter(pk__in=headed_department_ids(user, organization))


def organization_of(obj: Any) -> Organization | None:
    """Follow the model's ``organization_field`` path from an object to its organization."""
    path = getattr(type(obj), "organization_field", None)
    if path is None:
        return None
    if path == "":
        return obj
    for attribute in path.split("__"):
        obj = getattr(obj, attribute, None)
        if obj is None:
            return None
    return obj


def visible_to(queryset: QuerySet, user: Any) -> QuerySet:
    """Restrict a queryset to the organizations the user belongs to."""
    path = queryset.model.organization_field
    lookup = f"{path}__in" if path else "pk__in"
    return queryset.filter(**{lookup: organization_ids_of(user)})


def get_object_for_user(
    queryset: QuerySet | type[Model], user: Any, *, permission: str | None = None, **lookup: Any
) -> Any:
    """Like get_object_or_404, but another organization's object is simply not found; with
    ``permission``, a person of the organization without that permission gets 403."""
    if not isinstance(queryset, QuerySet):
        queryset = queryset._default_manager.all()
    obj = get_object_or_404(visible_to(queryset, user), **lookup)
    if permission is not None and not user.has_perm(permission, obj):
        raise PermissionDenied
    return obj


def current_organization(request: Any) -> Organization | None:
    """The organization the person is working in: the one chosen in the session, else the first."""
    organizations = organizations_of(request.user)
    chosen = request.session.get("organization_id") if hasattr(request, "session") else None
    for organization in organizations:
        if organization.pk == chosen:
            return organization
    return organizations[0] if organizations else None
