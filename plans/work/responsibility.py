"""Who answers for a work item: one table, read by the reminders and calendar feeds ("who is
reminded") and by the permission rules ("who may close it").

A unit's item is its head's; the items of a unit without a head are the ISO secretary's, who
closes them on the unit's behalf (``closes_on_behalf``). An item of a party (no unit) is answered
for by the roles of PARTY_ROLES; the ISO secretary may also close any party item, on the
leadership's behalf when a director asks. The weekly overdue report goes to ESCALATION_ROLES.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from plans.choices import LEADERSHIP_ROLES, Role, TaskParty, party_label
from plans.organizations.access import (
    departments_without_head,
    has_role,
    headed_department_ids,
    organization_ids_of,
)

PARTY_ROLES: dict[str, frozenset[str]] = {
    TaskParty.ISO_SECRETARY: frozenset({Role.ISO_SECRETARY}),
    TaskParty.STEERING_COMMITTEE: frozenset({Role.ISO_SECRETARY}),
    TaskParty.LEADERSHIP: LEADERSHIP_ROLES,
}
# People a party names besides its roles, declared by the domain that keeps them (the steering
# committee's current members: plans/committee/kinds.py), so that the spine imports no domain:
# party → members(organization ids) giving (organization id, user id) pairs in one query.
PARTY_MEMBERS: dict[str, Callable[[Iterable[int]], Iterable[tuple[int, int]]]] = {}
ESCALATION_ROLES = frozenset({Role.ISO_SECRETARY, Role.DIRECTOR})
ESCALATION = "escalation"  # the key of the weekly report in responsibility_keys
_PARTY_CACHE_ATTR = "_isoplan_party_organizations"


def responsibility_keys(
    role: str, organization_id: int, department_id: int | None, headless: Iterable[int] = ()
) -> list[tuple]:
    """The (organization, department, party) of the items a holder of ``role`` answers for, and
    (organization, None, ESCALATION) if they receive the weekly overdue report. ``headless``: the
    organization's units without an active head (the secretary answers for them)."""
    keys = []
    if role == Role.DEPARTMENT_HEAD:
        keys.append((organization_id, department_id, ""))
    if role == Role.ISO_SECRETARY:
        keys += [(organization_id, unit, "") for unit in headless]
    keys += [
        (organization_id, None, party) for party, roles in PARTY_ROLES.items() if role in roles
    ]
    if role in ESCALATION_ROLES:
        keys.append((organization_id, None, ESCALATION))
    return keys


def register_party_members(
    party: str, members: Callable[[Iterable[int]], Iterable[tuple[int, int]]]
) -> None:
    PARTY_MEMBERS[party] = members


def party_members(organization_ids: Iterable[int]) -> dict[tuple, list[int]]:
    """(organization, None, party) → the people the party names, as responsibility_keys."""
    ids = list(organization_ids)
    people: dict[tuple, list[int]] = defaultdict(list)
    for party, members in PARTY_MEMBERS.items():
        for org_id, user_id in members(ids):
            people[(org_id, None, party)].append(user_id)
    return people


def is_party_member(user, organization_id: int, party: str) -> bool:
    return organization_id in _party_organizations(user).get(party, ())


def _party_organizations(user) -> dict[str, set[int]]:
    """party → the organizations in which it names the person, read for all their organizations
    once per user object (i.e. once per request, as their roles are): a list of items asks for
    each row, a work item's page three times."""
    cached = getattr(user, _PARTY_CACHE_ATTR, None)
    if cached is None:
        organization_ids = organization_ids_of(user)
        cached = {
            party: {org_id for org_id, user_id in members(organization_ids) if user_id == user.pk}
            for party, members in PARTY_MEMBERS.items()
            if organization_ids
        }
        setattr(user, _PARTY_CACHE_ATTR, cached)
    return cached


def answers_for(user, item) -> bool:
    """The person is reminded of this item and it is on their work."""
    if item.department_id:
        if item.department_id in headed_department_ids(user):
            return True
        return _secretary_of_headless(user, item)
    return has_role(
        user, item.organization_id, PARTY_ROLES.get(item.party, frozenset())
    ) or is_party_member(user, item.organization_id, item.party)


def may_close(user, item) -> bool:
    """Who answers for the item, and the ISO secretary for any party item."""
    if answers_for(user, item):
        return True
    return not item.department_id and has_role(user, item.organization_id, {Role.ISO_SECRETARY})


def _secretary_of_headless(user, item) -> bool:
    return (
        has_role(user, item.organization_id, {Role.ISO_SECRETARY})
        and departments_without_head([item.organization_id]).filter(pk=item.department_id).exists()
    )


def closes_on_behalf(user, item) -> bool:
    """The ISO secretary closing a unit's item that they do not head: done on the unit's
    behalf (recorded on the item)."""
    return (
        bool(item.department_id)
        and item.department_id not in headed_department_ids(user, item.organization_id)
        and has_role(user, item.organization_id, {Role.ISO_SECRETARY})
    )


def why_read_only(user, item) -> str:
    """Why the person may not mark this open item done, in a sentence for its page ("" when they
    may): whose work it is and who closes it, as ``may_close`` decides."""
    if not item.is_open or may_close(user, item):
        return ""
    if item.department_id:
        unit = item.department.name
        if departments_without_head([item.organization_id]).filter(pk=item.department_id):
            return _("Work of %(unit)s, which has no head: the ISO secretary marks it done.") % {
                "unit": unit
            }
        return _("Work of %(unit)s: only the head of the unit marks it done.") % {"unit": unit}
    roles = PARTY_ROLES.get(item.party, frozenset()) | {Role.ISO_SECRETARY}
    who = ", ".join(str(Role(role).label) for role in sorted(roles))
    return _("Work of %(party)s: only %(who)s mark it done.") % {
        "party": party_label(item.party),
        "who": who,
    }
