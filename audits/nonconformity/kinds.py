"""The nonconformities' kind of work item: a corrective action, for its unit."""

import re

from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
from plans.planning.fulfilment import Fulfilment
from plans.planning.fulfilment import register as register_fulfilment
from plans.work.kinds import WorkKind, register

from .services import AUDIT_FINDINGS_CLOSED, CORRECTIVE_ACTION

register(
    WorkKind(
        name=CORRECTIVE_ACTION,
        label=_("Corrective action"),
        model="audits.CorrectiveAction",
        source_field="corrective_action",  # the action holds its item
        related=("nonconformity",),
        title=lambda action: f"{action.nonconformity.code}: {action.action}",
        search=("action",),
        origin=lambda action: str(action.nonconformity),
        url=lambda action: action.nonconformity.get_absolute_url(),
    )
)

# What nonconformities complete in the plan ("Hoàn thành khi", plans/planning/fulfilment.py).
register_fulfilment(
    Fulfilment(
        AUDIT_FINDINGS_CLOSED,
        _("Nonconformities found by the year's internal audits closed"),
        re.compile(r"(khac phuc|hanh dong khac phuc|xu ly)[^.;]{0,40}(khong phu hop|sau danh gia)"),
    )
)


# --- merging agencies (plans/organizations/merging.py): the open nonconformities --------------
def _open(ctx):
    from .choices import NonconformityStatus
    from .models import Nonconformity

    return Nonconformity.objects.filter(organization__in=ctx.source_ids).exclude(
        status=NonconformityStatus.CLOSED
    )


def _move_open(ctx) -> int:
    """Each takes the merged agency's next number of its year; its actions the mapped unit."""
    from .models import CorrectiveAction

    ids = list(_open(ctx).values_list("pk", flat=True))
    moved = merging.renumber(ctx, _open(ctx))
    ctx.remap(CorrectiveAction, nonconformity__in=ids)
    return moved


merging.register(
    merging.Mover(
        "nonconformities",
        _("Open nonconformities"),
        count=lambda ctx: _open(ctx).count(),
        move=_move_open,
    )
)
