"""Who may do what with nonconformities, audits and reviews (django-rules, see plans/rules.py)."""

import rules

from audits.survey.choices import Channel
from plans.organizations.access import memberships_of
from plans.rules import heads_department, is_auditor, is_iso_secretary, is_leader, is_member

# The secretary, the leadership and the auditors see the whole register; others their unit's.
sees_register = is_iso_secretary | is_leader | is_auditor

rules.add_perm("audits.view_register", is_member)
rules.add_perm("audits.view_nonconformity", sees_register | heads_department)
rules.add_perm("audits.add_nonconformity", is_iso_secretary | is_auditor)
rules.add_perm("audits.change_nonconformity", is_iso_secretary | heads_department)
rules.add_perm("audits.verify_nonconformity", is_iso_secretary | is_auditor)

rules.add_perm("audits.view_audit", is_member)
rules.add_perm("audits.change_audit", is_iso_secretary)
rules.add_perm("audits.record_finding", is_iso_secretary | is_auditor)
rules.add_perm("audits.approve_audit", is_leader)  # the audit report

rules.add_perm("audits.view_managementreview", is_member)
rules.add_perm("audits.change_managementreview", is_iso_secretary)
rules.add_perm("audits.approve_managementreview", is_leader)


# Improvement proposals: anyone of the agency proposes and sees their own and their units';
# the secretary and the leadership see them all; the secretary decides.
@rules.predicate
def proposed_it(user, proposal) -> bool:
    return proposal is not None and proposal.proposed_by_id == user.pk


@rules.predicate
def of_proposal_unit(user, proposal) -> bool:
    """The proposal is of a unit the person belongs to (as its head, staff or auditor)."""
    return proposal is not None and any(
        m.organization_id == proposal.organization_id and m.department_id == proposal.department_id
        for m in memberships_of(user)
    )


rules.add_perm("audits.add_improvementproposal", is_member)
rules.add_perm(
    "audits.view_improvementproposal",
    is_iso_secretary | is_leader | (is_member & (proposed_it | of_proposal_unit)),
)
rules.add_perm("audits.decide_improvementproposal", is_iso_secretary)
# Satisfaction surveys: everyone in the agency reads the results; the secretary plans and closes
# them; anyone of the agency (the one-stop desk's staff) types in paper forms.
rules.add_perm("audits.view_survey", is_member)
rules.add_perm("audits.change_survey", is_iso_secretary)
rules.add_perm("audits.enter_survey_response", is_member)


# A form typed in from paper is corrected by who typed it in, or the secretary; an online form
# is the citizen's and never changes.
@rules.predicate
def typed_in(user, response) -> bool:
    return response is not None and response.channel == Channel.PAPER


@rules.predicate
def entered_it(user, response) -> bool:
    return response is not None and response.entered_by_id == user.pk


rules.add_perm(
    "audits.change_surveyresponse", is_member & typed_in & (entered_it | is_iso_secretary)
)
