"""The risks' kind of work item: a treatment action of a risk, for its unit."""

from django.utils.translation import gettext_lazy as _

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
