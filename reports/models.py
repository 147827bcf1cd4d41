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
    signer_title = models.CharField(
        _("signer's title"),
        max_length=100,
        default="GIÁM ĐỐC",
        help_text=_("As printed above the signature, e.g. “GIÁM ĐỐC” or “KT. GIÁM ĐỐC”."),
    )
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    # What the declaration was made on, kept when it is recorded (reports/declaration.py):
    # {"scope_source", "units", "procedures": [[code, title], …]}. Empty on a declaration
    # recorded before isoplan kept it: still valid, only not compared.
    basis = models.JSONField(_("what was declared"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("declaration of conformity")
        verbose_name_plural = _("declarations of conformity")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("reports:declaration_detail", args=[self.pk])


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
