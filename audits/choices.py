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


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    APPROVED = "approved", _("Report approved")


# An audit that took place: finished, its report approved or not yet.
AUDIT_DONE_STATUSES = frozenset({AuditStatus.FINISHED, AuditStatus.APPROVED})


class FindingResult(models.TextChoices):
    CONFORMING = "conforming", _("Conforming")
    NC_MAJOR = "nc_major", _("Nonconformity, major")
    NC_MINOR = "nc_minor", _("Nonconformity, minor")
    OBSERVATION = "observation", _("Observation")
    IMPROVEMENT = "improvement", _("Opportunity for improvement")


NONCONFORMING_RESULTS = {FindingResult.NC_MAJOR: "major", FindingResult.NC_MINOR: "minor"}


class ReviewStatus(models.TextChoices):
    PLANNED = "planned", _("Scheduled")
    HELD = "held", _("Held: minutes being written")
    APPROVED = "approved", _("Minutes approved")


class ReviewTopic(models.TextChoices):
    """The inputs of ISO 9001:2015 clause 9.3.2, in the order of the standard."""

    PREVIOUS_ACTIONS = "previous_actions", _("Status of actions from previous management reviews")
    ISSUES = "issues", _("Changes in external and internal issues")
    SATISFACTION = "satisfaction", _("Customer satisfaction and feedback")
    OBJECTIVES = "objectives", _("Achievement of quality objectives")
    PROCESSES = "processes", _("Process performance and conformity of services")
    NONCONFORMITIES = "nonconformities", _("Nonconformities and corrective actions")
    MONITORING = "monitoring", _("Monitoring and measurement results")
    AUDITS = "audits", _("Audit results")
    PROVIDERS = "providers", _("Performance of external providers")
    RESOURCES = "resources", _("Adequacy of resources")
    RISKS = "risks", _("Effectiveness of actions on risks and opportunities")
    IMPROVEMENT = "improvement", _("Opportunities for improvement")


class OutputKind(models.TextChoices):
    """The outputs of clause 9.3.3."""

    IMPROVEMENT = "improvement", _("Opportunity for improvement")
    SYSTEM_CHANGE = "system_change", _("Change to the quality system")
    RESOURCE_NEED = "resource_need", _("Resource need")
