"""The records of the annual report to the province: the report itself and the declaration of
conformity it cites."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models import Organization


class ConformityDeclaration(models.Model):
    """The agency's decision declaring its quality system conforms to TCVN ISO 9001:2015."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="conformity_declarations"
    )
    number = models.CharField(
        _("decision number"), max_length=50, help_text=_("e.g. “125/QĐ-SLĐTBXH”.")
    )
    signed_on = models.DateField(_("signed on"))
    scope = models.TextField(_("scope declared"))
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("declaration of conformity")
        verbose_name_plural = _("declarations of conformity")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class AnnualReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class AnnualReport(models.Model):
    """Báo cáo kết quả duy trì, cải tiến HTQLCL: figures from the data, these texts by hand."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AnnualReportStatus.choices,
        default=AnnualReportStatus.DRAFT,
    )
    scope = models.TextField(_("scope of the quality system"), blank=True)
    reasons = models.TextField(
        _("why tasks were not done"),
        blank=True,
        help_text=_("One line per task or group of tasks."),
    )
    difficulties = models.TextField(_("difficulties"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    submitted_on = models.DateField(_("sent to the province on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted by the province on"), null=True, blank=True)
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="annual_report_per_year")
        ]

    def __str__(self) -> str:
        return f"Báo cáo kết quả duy trì, cải tiến HTQLCL năm {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reports:annual_report_detail", args=[self.pk])


class ReplyKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    CORRECTION = "correction", _("Correction asked")
    ACCEPTED = "accepted", _("Accepted")


class ProvinceReply(models.Model):
    """What the province's coordinator answered to a report sent: a comment, a correction asked
    (the report goes back to the agency) or its acceptance."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="replies")
    kind = models.CharField(_("reply"), max_length=20, choices=ReplyKind.choices)
    text = models.TextField(_("text"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    organization_field = "report__organization"

    class Meta:
        verbose_name = _("province's reply")
        verbose_name_plural = _("province's replies")
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.written_at:%d/%m/%Y})"
