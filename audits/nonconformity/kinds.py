"""The nonconformities' kind of work item: a corrective action, for its unit."""

from django.utils.translation import gettext_lazy as _

from plans.work.kinds import WorkKind, register

from .services import CORRECTIVE_ACTION

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
