"""The nonconformity register (điểm không phù hợp) and its corrective actions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models import Department, Organization, WorkItem

from .choices import NonconformitySource, NonconformityStatus, Severity


class Nonconformity(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="nonconformities"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"), help_text=_("Numbered from 1 each year."))
    source = models.CharField(_("source"), max_length=30, choices=NonconformitySource.choices)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
    description = models.TextField(_("description"))
    clause = models.CharField(
        _("clause of the standard"), max_length=20, blank=True, help_text=_("e.g. “8.5.1”.")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="nonconformities", verbose_name=_("unit")
    )
    found_on = models.DateField(_("found on"))
    correction = models.TextField(
        _("immediate correction"), blank=True, help_text=_("What was done at once to contain it.")
    )
    root_cause = models.TextField(_("root cause"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NonconformityStatus.choices,
        default=NonconformityStatus.OPEN,
    )
    # The latest verification, as it was before each verification was kept (Verification).
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verification = models.TextField(_("verification of effectiveness"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # The reason is a person's, of any length: why a closed nonconformity was reopened.
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["-found_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="nonconformity_number"
            )
        ]
        indexes = [models.Index(fields=["organization", "status", "found_on"])]

    def __str__(self) -> str:
        return gettext("Nonconformity %(code)s") % {"code": self.code}

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("audits:nonconformity_detail", args=[self.pk])

    @property
    def code(self) -> str:
        return f"KPH-{self.year}-{self.number:02d}"


class CorrectiveAction(models.Model):
    """An action against the cause; its deadline is a work item of the responsible unit."""

    nonconformity = models.ForeignKey(
        Nonconformity, on_delete=models.CASCADE, related_name="actions"
    )
    action = models.TextField(_("corrective action"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit")
    )
    due_on = models.DateField(_("due date"))
    work_item = models.OneToOneField(
        WorkItem, on_delete=models.PROTECT, related_name="corrective_action"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    organization_field = "nonconformity__organization"

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["nonconformity", "created_at", "pk"]

    def __str__(self) -> str:
        return self.action[:80]


class Verification(models.Model):
    """One verification of the effectiveness of the actions (kiểm tra hiệu lực): each is kept,
    the ineffective ones that sent the nonconformity back for new actions too, and one that
    closed it keeps who overturned it, when and why, if it was reopened."""

    nonconformity = models.ForeignKey(
        Nonconformity, on_delete=models.CASCADE, related_name="verifications"
    )
    effective = models.BooleanField(_("effective"))
    note = models.TextField(_("what was checked"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_on = models.DateField(_("verified on"))
    created_at = models.DateTimeField(auto_now_add=True)
    overturned_at = models.DateTimeField(_("overturned at"), null=True, blank=True)
    overturned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overturned by"),
    )
    overturn_reason = models.TextField(_("why it was overturned"), blank=True)
    history = HistoricalRecords()

    organization_field = "nonconformity__organization"

    class Meta:
        verbose_name = _("verification of effectiveness")
        verbose_name_plural = _("verifications of effectiveness")
        ordering = ["-verified_on", "-created_at", "-pk"]  # the newest first

    def __str__(self) -> str:
        return f"{self.nonconformity.code} {self.verified_on:%d/%m/%Y}"
