from django.db import models
from django.utils.translation import gettext_lazy as _


class NonconformitySource(models.TextChoices):
    INTERNAL_AUDIT = "internal_audit", _("Internal audit")
    EXTERNAL_INSPECTION = "external_inspection", _("External inspection")
    COMPLAINT = "complaint", _("Complaint from a citizen or organisation")
    PROCESS_MONITORING = "process_monitoring", _("Process monitoring")
    OBJECTIVE_MISSED = "objective_missed", _("Missed quality objective")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    MAJOR = "major", _("Major")
    MINOR = "minor", _("Minor")


class NonconformityStatus(models.TextChoices):
    OPEN = "open", _("Open: cause and actions to be decided")
    IN_PROGRESS = "in_progress", _("Corrective actions under way")
    CLOSED = "closed", _("Closed: actions verified effective")
