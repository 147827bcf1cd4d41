from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitteePosition(models.TextChoices):
    """A member's place in the committee, in the order the decision lists them."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


POSITION_ORDER = {value: i for i, value in enumerate(CommitteePosition.values)}


class CompositionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")
