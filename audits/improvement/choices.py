from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted: being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    MERGED = "merged", _("Merged into another proposal")
    DECLINED = "declined", _("Declined")


# Decided: the secretary has answered the proposer.
DECIDED_STATUSES = frozenset(
    {
        ProposalStatus.ACCEPTED,
        ProposalStatus.IMPLEMENTED,
        ProposalStatus.MERGED,
        ProposalStatus.DECLINED,
    }
)
ACCEPTED_STATUSES = frozenset({ProposalStatus.ACCEPTED, ProposalStatus.IMPLEMENTED})
