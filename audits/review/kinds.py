"""The management reviews' kind of work item: a decision of a review, for its unit."""

import re

from django.utils.translation import gettext_lazy as _

from plans.planning.fulfilment import Fulfilment
from plans.planning.fulfilment import register as register_fulfilment
from plans.work.approvals import Awaiting
from plans.work.approvals import register as register_awaiting
from plans.work.kinds import WorkKind, register

from .services import REVIEW_ACTIONS, REVIEW_DECISION, REVIEW_HELD, SURVEY_DONE

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

# What reviews and surveys complete in the plan ("Hoàn thành khi", plans/planning/fulfilment.py).
register_fulfilment(
    Fulfilment(
        REVIEW_HELD,
        _("Management review minutes approved"),
        re.compile(r"(hop|to chuc|tien hanh|thuc hien)[^.;]{0,20}xem xet (cua )?lanh dao"),
    )
)
register_fulfilment(
    Fulfilment(
        SURVEY_DONE,
        _("Satisfaction survey recorded"),
        re.compile(
            r"(thu thap|tong hop|to chuc|thuc hien|tien hanh|lay y kien)[^.;]{0,40}"
            r"(khao sat|danh gia|do luong|y kien)[^.;]{0,20}hai long"
        ),
    )
)

# What waits for the leadership's decision (plans/work/approvals.py).
register_awaiting(
    Awaiting(_("Management review minutes"), "audits.ManagementReview", REVIEW_ACTIONS)
)
