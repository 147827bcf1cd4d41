"""The management reviews' kind of work item: a decision of a review, for its unit."""

from django.utils.translation import gettext_lazy as _

from plans.work.kinds import WorkKind, register

from .services import REVIEW_DECISION

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
