"""The proposal's life: proposed → decided by the ISO secretary (accepted, merged into another
proposal, declined with a reason; the proposer is told) → an accepted one's improvement actions,
each a work item of its unit → implemented when they are all done (back to accepted if one is
reopened or a new one is added).

A unit's decided proposal completes its part of the plan's task "Các đề xuất cải tiến tài liệu,
quy trình…" for the year (kinds.py says why).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isoplan.workflow import AUTHOR, Action, Workflow, WorkflowError
from plans.choices import Role
from plans.organizations.models import Department, Membership, Organization
from plans.planning.fulfilment import record_fulfils
from plans.work.handoffs import tell
from plans.work.models import WorkItem, is_open
from plans.work.services import item_open

from .choices import ProposalStatus
from .models import ImprovementAction, ImprovementAttachment, ImprovementProposal

IMPROVEMENT_ACTION = "improvement_action"  # the kind of an action's work item (kinds.py)
# What proposals complete in the plan (kinds.py, plans/planning/fulfilment.py).
IMPROVEMENT_PROPOSED = "improvement_proposed"


class ProposalError(WorkflowError):
    """A step the proposal's state does not allow. The message is for the user."""


@transaction.atomic
def proposal_submit(
    *,
    organization: Organization,
    user: Any,
    files=(),
    today: datetime.date | None = None,
    **fields: Any,
) -> ImprovementProposal:
    """Anyone of the agency proposes; numbered from 1 each year (CT-2026-01)."""
    department = fields["department"]
    document = fields.get("document")
    if department.organization_id != organization.pk or (
        document is not None and document.organization_id != organization.pk
    ):
        raise ProposalError(_("The unit and the document must belong to the same organization."))
    today = today or timezone.localdate()
    Organization.objects.select_for_update().get(pk=organization.pk)  # one number at a time
    last = ImprovementProposal.objects.filter(organization=organization, year=today.year).aggregate(
        last=Max("number")
    )["last"]
    proposal = ImprovementProposal(
        organization=organization,
        year=today.year,
        number=(last or 0) + 1,
        proposed_by=user,
        proposed_on=today,
        **fields,
    )
    proposal._history_user = user
    proposal.save()
    for upload in files:
        ImprovementAttachment.objects.create(
            proposal=proposal,
            file=upload,
            original_name=upload.name,
            size=upload.size,
            uploaded_by=user,
        )
    _tell_secretaries(proposal, user)
    return proposal


def _tell_secretaries(proposal: ImprovementProposal, user: Any) -> None:
    """The ISO secretaries decide: each is told of the new proposal (inbox, and email as they
    chose), in the same transaction."""
    secretaries = Membership.objects.filter(
        organization_id=proposal.organization_id, role=Role.ISO_SECRETARY, user__is_active=True
    ).values_list("user_id", flat=True)
    title = _("%(who)s proposed %(record)s: %(title)s") % {
        "who": user.get_full_name(),
        "record": proposal,
        "title": proposal.title,
    }
    tell(
        [pk for pk in set(secretaries) if pk != user.pk],
        organization=proposal.organization,
        key=f"{proposal._meta.label_lower}:{proposal.pk}:submitted",
        title=title,
        body=title,
        link=proposal.get_absolute_url(),
    )


def _decided(proposal: ImprovementProposal, user: Any) -> None:
    """The unit proposed and the secretary answered: the unit's part of the plan's task."""
    record_fulfils(
        IMPROVEMENT_PROPOSED,
        organization=proposal.organization,
        year=proposal.year,
        done_on=proposal.decided_on,
        user=user,
        record=proposal,
        department_id=proposal.department_id,
    )


def _decision(user: Any, today: datetime.date | None) -> dict:
    return {"decided_by": user, "decided_on": today or timezone.localdate()}


@transaction.atomic
def proposal_accept(
    *,
    proposal: ImprovementProposal,
    user: Any,
    note: str = "",
    today: datetime.date | None = None,
) -> ImprovementProposal:
    proposal = PROPOSAL_ACTIONS.take(
        "accept",
        proposal,
        user=user,
        reason=note.strip(),
        decision_note=note.strip(),
        **_decision(user, today),
    )
    _decided(proposal, user)
    return proposal


@transaction.atomic
def proposal_decline(
    *,
    proposal: ImprovementProposal,
    reason: str,
    user: Any,
    today: datetime.date | None = None,
) -> ImprovementProposal:
    """Declined, saying why: the proposer reads the reason in their message and on the page."""
    reason = reason.strip()
    if not reason:
        raise ProposalError(_("Say why the proposal is declined."))
    proposal = PROPOSAL_ACTIONS.take(
        "decline",
        proposal,
        user=user,
        reason=reason,
        decision_note=reason,
        **_decision(user, today),
    )
    _decided(proposal, user)
    return proposal


@transaction.atomic
def proposal_merge(
    *,
    proposal: ImprovementProposal,
    into: ImprovementProposal | None,
    user: Any,
    note: str = "",
    today: datetime.date | None = None,
) -> ImprovementProposal:
    """The same idea as another proposal of the agency: followed there, not twice."""

    def target_fits(saved: ImprovementProposal) -> None:
        if into is None:
            raise ProposalError(_("Choose the proposal it is merged into."))
        if into.pk == saved.pk or into.organization_id != saved.organization_id:
            raise ProposalError(_("Choose another proposal of the same organization."))
        if into.status in (ProposalStatus.MERGED, ProposalStatus.DECLINED):
            raise ProposalError(
                _("A proposal cannot be merged into one that was merged or declined.")
            )

    note = note.strip()
    proposal = PROPOSAL_ACTIONS.take(
        "merge",
        proposal,
        user=user,
        check=target_fits,
        reason=note,
        merged_into=into,
        decision_note=note,
        **_decision(user, today),
    )
    _decided(proposal, user)
    return proposal


@transaction.atomic
def improvement_action_add(
    *,
    proposal: ImprovementProposal,
    action: str,
    department: Department,
    due_on: datetime.date,
    user: Any,
) -> ImprovementAction:
    """An action with its deadline, which becomes a work item of the unit (with reminders). An
    implemented proposal with a new action is being implemented again."""
    locked = ImprovementProposal.objects.select_for_update().get(pk=proposal.pk)
    PROPOSAL_ACTIONS.ensure("action", locked)
    if department.organization_id != locked.organization_id:
        raise ProposalError(_("The unit must belong to the same organization."))
    number = locked.actions.count() + 1
    item = item_open(
        IMPROVEMENT_ACTION,
        None,  # the action holds its item
        organization_id=locked.organization_id,
        year=due_on.year,
        key=f"ct-{locked.pk}-{number}",
        label=_("Improvement action %(code)s") % {"code": locked.code},
        due_on=due_on,
        counted=False,  # a stated date: due on it, or the last working day before it
        department_id=department.pk,
    )
    created = ImprovementAction(
        proposal=locked, action=action, department=department, due_on=due_on, work_item=item
    )
    created._history_user = user
    created.save()
    if locked.status == ProposalStatus.IMPLEMENTED:
        _resume(locked, user)
    return created


def open_actions(proposal: ImprovementProposal):
    return proposal.actions.filter(is_open(prefix="work_item__"))


def action_closed(item: WorkItem, user: Any) -> None:
    """An improvement action was done (the spine's ``on_close``): the last one implements the
    proposal, on the day the last work was done."""
    proposal = item.improvement_action.proposal
    if proposal.status != ProposalStatus.ACCEPTED or open_actions(proposal).exists():
        return
    last = proposal.actions.aggregate(last=Max("work_item__done_on"))["last"]
    PROPOSAL_ACTIONS.take("implement", proposal, user=user, implemented_on=last)


def action_reopened(item: WorkItem, user: Any) -> None:
    """An action is open again (the spine's ``on_reopen``): the proposal is not implemented."""
    proposal = item.improvement_action.proposal
    if proposal.status == ProposalStatus.IMPLEMENTED:
        _resume(proposal, user)


def _resume(proposal: ImprovementProposal, user: Any) -> None:
    PROPOSAL_ACTIONS.take("resume", proposal, user=user, implemented_on=None)


PROPOSAL_ACTIONS = Workflow(
    Action(
        "accept",
        permission="audits.decide_improvementproposal",
        from_statuses=frozenset({ProposalStatus.SUBMITTED}),
        to_status=ProposalStatus.ACCEPTED,
        label=gettext_lazy("Accept"),
        question=gettext_lazy(
            "Accept the proposal? Its improvement actions are then added with their units and "
            "due dates; the proposer is told."
        ),
        done=gettext_lazy("The proposal was accepted: add its improvement actions."),
        button=gettext_lazy("Accept"),
        style="success",
        service=proposal_accept,
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s accepted %(record)s."),
    ),
    # Their own pages: a target, a reason.
    Action(
        "merge",
        permission="audits.decide_improvementproposal",
        from_statuses=frozenset({ProposalStatus.SUBMITTED}),
        to_status=ProposalStatus.MERGED,
        label=gettext_lazy("Merge into another proposal"),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s merged %(record)s into another proposal."),
    ),
    Action(
        "decline",
        permission="audits.decide_improvementproposal",
        from_statuses=frozenset({ProposalStatus.SUBMITTED}),
        to_status=ProposalStatus.DECLINED,
        label=gettext_lazy("Decline"),
        tells=AUTHOR,
        announce=gettext_lazy("%(who)s declined %(record)s."),
    ),
    # The form of the proposal's page.
    Action(
        "action",
        permission="audits.decide_improvementproposal",
        from_statuses=frozenset({ProposalStatus.ACCEPTED, ProposalStatus.IMPLEMENTED}),
        refused=gettext_lazy("Improvement actions are added to an accepted proposal."),
    ),
    # Taken by the spine when the actions are done, or one is reopened.
    Action(
        "implement",
        permission=None,
        from_statuses=frozenset({ProposalStatus.ACCEPTED}),
        to_status=ProposalStatus.IMPLEMENTED,
    ),
    Action(
        "resume",
        permission=None,
        from_statuses=frozenset({ProposalStatus.IMPLEMENTED}),
        to_status=ProposalStatus.ACCEPTED,
    ),
    record="proposal",
    error=ProposalError,
    refused=gettext_lazy("Not possible while the proposal is “%(status)s”."),
)
