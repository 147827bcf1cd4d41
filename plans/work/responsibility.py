"""Who answers for a work item: one table, read by the reminders and calendar feeds ("who is
reminded") and by the permission rules ("who may close it").

A unit's item is its head's. An item of a party (no unit) is answered for by the roles of
PARTY_ROLES; the ISO secretary may also close any party item, on the leadership's behalf when a
director asks. The weekly overdue report goes to ESCALATION_ROLES.
"""

from __future__ import annotations

from plans.choices import LEADERSHIP_ROLES, Role, TaskParty
from plans.organizations.access import has_role, headed_department_ids

PARTY_ROLES: dict[str, frozenset[str]] = {
    TaskParty.ISO_SECRETARY: frozenset({Role.ISO_SECRETARY}),
    TaskParty.STEERING_COMMITTEE: frozenset({Role.ISO_SECRETARY}),
    TaskParty.LEADERSHIP: LEADERSHIP_ROLES,
}
ESCALATION_ROLES = frozenset({Role.ISO_SECRETARY, Role.DIRECTOR})
ESCALATION = "escalation"  # the key of the weekly report in responsibility_keys


def responsibility_keys(role: str, organization_id: int, department_id: int | None) -> list[tuple]:
    """The (organization, department, party) of the items a holder of ``role`` answers for, and
    (organization, None, ESCALATION) if they receive the weekly overdue report."""
    keys = []
    if role == Role.DEPARTMENT_HEAD:
        keys.append((organization_id, department_id, ""))
    keys += [
        (organization_id, None, party) for party, roles in PARTY_ROLES.items() if role in roles
    ]
    if role in ESCALATION_ROLES:
        keys.append((organization_id, None, ESCALATION))
    return keys


def answers_for(user, item) -> bool:
    """The person is reminded of this item and it is on their work."""
    if item.department_id:
        return item.department_id in headed_department_ids(user)
    return has_role(user, item.organization_id, PARTY_ROLES.get(item.party, frozenset()))


def may_close(user, item) -> bool:
    """Who answers for the item, and the ISO secretary for any party item."""
    if answers_for(user, item):
        return True
    return not item.department_id and has_role(user, item.organization_id, {Role.ISO_SECRETARY})
