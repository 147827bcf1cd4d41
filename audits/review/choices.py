from django.db import models
from django.utils.translation import gettext_lazy as _


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
