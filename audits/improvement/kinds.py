"""The improvement proposals' kind of work item (an improvement action, for its unit), what
they complete in the plan. A new proposal is told to the ISO secretary (services.py), not
listed on "Chờ bạn phê duyệt": that list is the leadership's approvals."""

import re

from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
from plans.planning.fulfilment import Fulfilment
from plans.planning.fulfilment import register as register_fulfilment
from plans.work.kinds import WorkKind, register

from .services import (
    IMPROVEMENT_ACTION,
    IMPROVEMENT_PROPOSED,
    action_closed,
    action_reopened,
)

register(
    WorkKind(
        name=IMPROVEMENT_ACTION,
        label=_("Improvement action"),
        model="audits.ImprovementAction",
        source_field="improvement_action",  # the action holds its item
        related=("proposal",),
        title=lambda action: f"{action.proposal.code}: {action.action}",
        search=("action",),
        origin=lambda action: str(action.proposal),
        url=lambda action: action.proposal.get_absolute_url(),
        on_close=action_closed,
        on_reopen=action_reopened,
    )
)

# "Các đề xuất cải tiến tài liệu, quy trình và áp dụng thuộc HTQLCL" — the units (Các phòng),
# "thường xuyên", recorded "theo báo cáo từng trường hợp cụ thể": the task asks each unit to
# propose, case by case. A unit's part of the year is done when one of its proposals has been
# decided by the secretary (accepted, merged or declined: the proposal was made and answered);
# carrying out the accepted ones is the improvement actions' own work, with their own deadlines.
register_fulfilment(
    Fulfilment(
        IMPROVEMENT_PROPOSED,
        _("An improvement proposal of the unit decided"),
        re.compile(r"de xuat[^.;]{0,10}cai tien"),
    )
)


# --- merging agencies (plans/organizations/merging.py): proposals not yet settled -------------
def _unsettled(ctx):
    from .choices import ProposalStatus
    from .models import ImprovementProposal

    return ImprovementProposal.objects.filter(
        organization__in=ctx.source_ids,
        status__in=[ProposalStatus.SUBMITTED, ProposalStatus.ACCEPTED],
    )


def _move_unsettled(ctx) -> int:
    from .models import ImprovementAction

    ids = list(_unsettled(ctx).values_list("pk", flat=True))
    moved = merging.renumber(ctx, _unsettled(ctx))
    ctx.remap(ImprovementAction, proposal__in=ids)
    return moved


merging.register(
    merging.Mover(
        "proposals",
        _("Improvement proposals not yet settled"),
        count=lambda ctx: _unsettled(ctx).count(),
        move=_move_unsettled,
    )
)
