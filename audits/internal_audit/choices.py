from django.db import models
from django.utils.translation import gettext_lazy as _


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
