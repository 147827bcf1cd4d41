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


class DossierStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Being built")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


DOSSIER_IN_PROGRESS = (DossierStatus.QUEUED, DossierStatus.BUILDING)


def dossier_path(instance: "DossierBuild", filename: str) -> str:
    return f"dossiers/{instance.organization_id}/{instance.year}/{filename}"


class DossierBuild(models.Model):
    """The inspection dossier of a year (reports/dossier/): one row per agency and year, built
    in the background; a rebuild replaces its files."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="dossier_builds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    step = models.CharField(_("current step"), max_length=300, blank=True)
    archive = models.FileField(_("ZIP file"), upload_to=dossier_path, blank=True)
    combined = models.FileField(_("combined PDF"), upload_to=dossier_path, blank=True)
    records = models.PositiveIntegerField(_("records"), default=0)
    pages = models.PositiveIntegerField(_("pages of the combined PDF"), default=0)
    size = models.PositiveBigIntegerField(_("size of the ZIP file"), default=0)
    error = models.TextField(_("error"), blank=True)

    organization_field = "organization"

    class Meta:
        verbose_name = _("inspection dossier")
        verbose_name_plural = _("inspection dossiers")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="dossier_per_year")
        ]

    def __str__(self) -> str:
        return f"Hồ sơ phục vụ kiểm tra năm {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reports:dossier_detail", args=[self.pk])

    @property
    def in_progress(self) -> bool:
        return self.status in DOSSIER_IN_PROGRESS

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class ConsolidatedReport(models.Model):
    """What the province's coordinator writes in the province's consolidated yearly report
    (reports/consolidated.py computes the rest): its assessment and difficulties (part III) and
    its proposals (part IV). One per province and year."""

    province = models.CharField(_("province"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    assessment = models.TextField(
        _("assessment, difficulties"),
        blank=True,
        help_text=_("Part III of the report; empty: blank lines to write on."),
    )
    proposals = models.TextField(
        _("proposals"), blank=True, help_text=_("Part IV of the report; empty: blank lines.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consolidated report of the province")
        verbose_name_plural = _("consolidated reports of the province")
        ordering = ["province", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year"], name="consolidated_report_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"Báo cáo tổng hợp áp dụng HTQLCL tỉnh {self.province} năm {self.year}"


# The province's templates (reports/province_templates/) belong to this app.
from reports.province_templates.models import (  # noqa: E402, F401
    BankQuestion,
    ProvinceTemplate,
    TemplateCopy,
    TemplateDocument,
    TemplateKind,
    TemplateTask,
)
