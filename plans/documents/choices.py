"""The vocabulary of documented information: a document's kind and state, an edition's state,
an external text's state."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Quality policy")
    MANUAL = "manual", _("Quality manual")
    PROCEDURE = "procedure", _("Procedure")
    GUIDANCE = "guidance", _("Guidance")
    FORM = "form", _("Form")
    OTHER = "other", _("Other document")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    IN_FORCE = "in_force", _("In force")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Submitted for approval")
    APPROVED = "approved", _("In force")
    SUPERSEDED = "superseded", _("Superseded")


OPEN_EDITION_STATUSES = (EditionStatus.DRAFT, EditionStatus.IN_REVIEW)


class ExternalStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    REPLACED = "replaced", _("Replaced")
