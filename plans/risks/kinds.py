"""The risks' kind of work item: a treatment action of a risk, for its unit."""

from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
from plans.work.kinds import WorkKind, register

from .services import RISK_ACTION

register(
    WorkKind(
        name=RISK_ACTION,
        label=_("Risk treatment action"),
        model="plans.RiskAction",
        source_field="risk_action",  # the action holds its item
        related=("risk",),
        title=lambda action: action.action,
        search=("action",),
        origin=lambda action: str(action.risk),
        url=lambda action: action.risk.get_absolute_url(),
    )
)


# --- merging agencies (plans/organizations/merging.py): the risks still treated ---------------
def _risks(ctx):
    from .choices import RiskStatus
    from .models import Risk

    return Risk.objects.filter(organization__in=ctx.source_ids, status=RiskStatus.OPEN)


def _move_risks(ctx) -> int:
    from .models import RiskAction

    ids = list(_risks(ctx).values_list("pk", flat=True))
    ctx.move(_risks(ctx))
    ctx.remap(RiskAction, risk__in=ids)
    return len(ids)


merging.register(
    merging.Mover(
        "risks",
        _("Risks being treated"),
        count=lambda ctx: _risks(ctx).count(),
        move=_move_risks,
    )
)
