"""Object permissions as predicates (django-rules). Views ask ``user.has_perm(perm, obj)``.

Permissions say *who* may act on an object of their organization; whether the object's state
allows the action (a draft plan, a submitted plan...) is checked by the service doing it.
"""

import rules

from plans.choices import LEADERSHIP_ROLES, Role
from plans.organizations.access import (
    coordinated_provinces,
    has_role,
    headed_department_ids,
    organization_ids_of,
    organization_of,
)


def _organization_id(obj):
    organization = organization_of(obj)
    return organization.pk if organization is not None else None


@rules.predicate
def is_member(user, obj) -> bool:
    return obj is not None and _organization_id(obj) in organization_ids_of(user)


@rules.predicate
def is_iso_secretary(user, obj) -> bool:
    return obj is not None and has_role(user, _organization_id(obj), {Role.ISO_SECRETARY})


@rules.predicate
def is_leader(user, obj) -> bool:
    return obj is not None and has_role(user, _organization_id(obj), LEADERSHIP_ROLES)


@rules.predicate
def is_auditor(user, obj) -> bool:
    return obj is not None and has_role(user, _organization_id(obj), {Role.AUDITOR})


@rules.predicate
def coordinates_province(user, obj) -> bool:
    """The object's agency is active (or merged into another: its past years) and in a province
    the person coordinates: they read it (its plan, progress, objectives, the reports it sent),
    never write it. No permission that changes anything is granted by this predicate."""
    organization = organization_of(obj) if obj is not None else None
    return (
        organization is not None
        and (organization.is_active or organization.merged_into_id is not None)
        and bool(organization.province)
        and organization.province in coordinated_provinces(user)
    )


@rules.predicate
def heads_department(user, obj) -> bool:
    """The object is a department, or has one, and the user heads it."""
    if obj is None:
        return False
    department_id = obj.pk if obj._meta.model_name == "department" else obj.department_id
    return department_id in headed_department_ids(user)


rules.add_perm("plans.view_organization", is_member)
rules.add_perm("plans.view_department", is_member)

# Plans: everyone in the organization reads them; the ISO secretary writes them (the object may
# be the organization, for creating); the leadership approves.
rules.add_perm("plans.view_plan", is_member)
rules.add_perm("plans.add_plan", is_iso_secretary)
rules.add_perm("plans.change_plan", is_iso_secretary)
rules.add_perm("plans.approve_plan", is_leader)
rules.add_perm("plans.close_plan", is_iso_secretary | is_leader)


@rules.predicate
def may_close_item(user, item) -> bool:
    """As the item's kind says (by default plans.work.responsibility.may_close)."""
    return item is not None and item.kind_spec.may_close(user, item)


rules.add_perm("plans.view_workitem", is_member)
rules.add_perm("plans.complete_workitem", may_close_item)
rules.add_perm("plans.reopen_workitem", may_close_item | is_iso_secretary)
rules.add_perm("plans.add_event", is_iso_secretary)
rules.add_perm("plans.view_event", is_iso_secretary | is_leader)


@rules.predicate
def heads_objective_unit(user, obj) -> bool:
    """A unit's objectives (or a result of one) and the user heads that unit."""
    if obj is None:
        return False
    objective_set = getattr(obj, "objective_set", obj)
    department_id = getattr(obj, "department_id", None) or objective_set.department_id
    return department_id in headed_department_ids(user)


# Objectives: the secretary writes the agency's and helps every unit; a head writes their unit's.
rules.add_perm("plans.view_objectiveset", is_member)
rules.add_perm("plans.change_objectiveset", is_iso_secretary | heads_objective_unit)
rules.add_perm("plans.approve_objectiveset", is_leader)
rules.add_perm("plans.record_result", is_iso_secretary | heads_objective_unit)


@rules.predicate
def is_department_head(user, obj) -> bool:
    return obj is not None and has_role(user, _organization_id(obj), {Role.DEPARTMENT_HEAD})


# Documents: everyone reads the register; the secretary and the owner unit's head change a
# document (a head adds documents of their own unit); the leadership approves editions.
# External texts: the secretary keeps that register.
rules.add_perm("plans.view_document", is_member)
rules.add_perm("plans.add_document", is_iso_secretary | is_department_head)
rules.add_perm("plans.change_document", is_iso_secretary | heads_department)
rules.add_perm("plans.approve_document", is_leader)
rules.add_perm("plans.view_externaldocument", is_member)
rules.add_perm("plans.change_externaldocument", is_iso_secretary)

# Context: everyone reads it; the ISO secretary writes it.
rules.add_perm("plans.view_context", is_member)
rules.add_perm("plans.change_context", is_iso_secretary)
# Risks: everyone reads the register; the secretary writes every risk, a head their unit's.
rules.add_perm("plans.view_risk", is_member)
rules.add_perm("plans.change_risk", is_iso_secretary | heads_department)


@rules.predicate
def is_director(user, obj) -> bool:
    return obj is not None and has_role(user, _organization_id(obj), {Role.DIRECTOR})


# The steering committee: everyone of the agency sees it; the ISO secretary and the director
# prepare and issue its compositions.
rules.add_perm("plans.view_committeecomposition", is_member)
rules.add_perm("plans.change_committeecomposition", is_iso_secretary | is_director)


# Training and onboarding (plans/training/): the secretary and the leadership see every record;
# a head sees and records their unit's; each person sees their own.
@rules.predicate
def is_the_person(user, obj) -> bool:
    return obj is not None and getattr(obj, "person_id", None) == user.pk


@rules.predicate
def attended(user, training) -> bool:
    return training is not None and training.attendees.filter(pk=user.pk).exists()


@rules.predicate
def guides(user, onboarding) -> bool:
    """Whoever answers for the onboarding's item (the unit's head; the secretary for a unit
    without one or for a person without a unit)."""
    return onboarding is not None and onboarding.work_item.kind_spec.may_close(
        user, onboarding.work_item
    )


rules.add_perm("plans.view_training_list", is_member)
rules.add_perm("plans.add_training", is_iso_secretary | is_department_head)
rules.add_perm("plans.view_training", is_iso_secretary | is_leader | heads_department | attended)
rules.add_perm("plans.change_training", is_iso_secretary | heads_department)
rules.add_perm("plans.view_onboarding", is_iso_secretary | is_leader | guides | is_the_person)
rules.add_perm("plans.record_onboarding", is_iso_secretary | guides)
rules.add_perm("plans.view_auditorcertificate", is_iso_secretary | is_leader | is_the_person)
rules.add_perm("plans.change_auditorcertificate", is_iso_secretary)
