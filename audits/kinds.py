"""The audits' kinds of work item: corrective actions of nonconformities and the decisions of
management reviews, each for its unit."""

from django.utils.translation import gettext_lazy as _

from audits.services.nonconformity import CORRECTIVE_ACTION
from audits.services.review import REVIEW_DECISION
from plans.work.kinds import WorkKind, register

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
register(
    WorkKind(
        name=REVIEW_DECISION,
        label=_("Management review decision"),
        model="audits.ReviewOutput",
        source_field="review_output",  # the decision holds its item
        related=("review",),
        title=lambda output: output.decision,
        search=("decision",),
        origin=lambda output: str(output.review),
        url=lambda output: output.review.get_absolute_url(),
    )
)
