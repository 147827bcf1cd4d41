"""The vocabulary of the context and the risk register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContextKind(models.TextChoices):
    """The context of the organization (ISO 9001 clauses 4.1 and 4.2)."""

    INTERNAL = "internal", _("Internal issue")
    EXTERNAL = "external", _("External issue")
    PARTY = "party", _("Interested party")


class RiskKind(models.TextChoices):
    RISK = "risk", _("Risk")
    OPPORTUNITY = "opportunity", _("Opportunity")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Treatment(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    REDUCE = "reduce", _("Reduce")
    AVOID = "avoid", _("Avoid")
    TRANSFER = "transfer", _("Transfer")
    PURSUE = "pursue", _("Pursue the opportunity")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open: being treated")
    CLOSED = "closed", _("Closed: treatment effective")
    WITHDRAWN = "withdrawn", _("Withdrawn")
