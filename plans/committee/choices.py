from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommitteePosition(models.TextChoices):
    """A member's place in the committee, in the order the decision lists them."""

    CHAIR = "chair", pgettext_lazy("steering committee", "Chair")
    VICE_CHAIR = "vice_chair", pgettext_lazy("steering committee", "Vice-chair")
    MEMBER = "member", pgettext_lazy("steering committee", "Member")
    SECRETARY = "secretary", pgettext_lazy("steering committee", "Secretary")


POSITION_ORDER = {value: i for i, value in enumerate(CommitteePosition.values)}


class CompositionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded")
