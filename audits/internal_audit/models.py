"""Internal audits: the yearly programme, each audit's plan and sessions, checklists, findings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

# The model modules, not the ``audits.models`` package: that package imports this module.
from audits.nonconformity.models import Nonconformity
from plans.models import Department, Organization

from .choices import AuditStatus, FindingResult

DEFAULT_CRITERIA = "TCVN ISO 9001:2015; các quy trình, hướng dẫn nội bộ của cơ quan"


class Audit(models.Model):
    """One internal audit of the year's programme, with its plan (scope, criteria, team)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="audits")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(
        _("name of the audit"),
        max_length=255,
        help_text=_("e.g. “Đánh giá nội bộ đợt 1 năm 2023”."),
    )
    units = models.ManyToManyField(
        Department, related_name="audits", verbose_name=_("units audited")
    )
    processes = models.TextField(_("processes audited"), blank=True)
    criteria = models.TextField(_("criteria"), default=DEFAULT_CRITERIA)
    lead_auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead auditor"),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="audit_teams", blank=True, verbose_name=_("team")
    )
    starts_on = models.DateField(pgettext_lazy("time range", "from"))
    ends_on = models.DateField(pgettext_lazy("time range", "to"))
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )
    conclusions = models.TextField(_("conclusions"), blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report approved by"),
    )
    approved_at = models.DateTimeField(_("report approved at"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(m2m_fields=[units, team], excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("internal audit")
        verbose_name_plural = _("internal audits")
        ordering = ["-year", "starts_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("audits:audit_detail", args=[self.pk])


class AuditSession(models.Model):
    """A line of the audit schedule: a unit audited on a day by some auditors."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="sessions")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(pgettext_lazy("time range", "from"))
    ends_at = models.TimeField(pgettext_lazy("time range", "to"))
    auditors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("auditors")
    )
    auditees = models.CharField(_("auditees"), max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[auditors])

    organization_field = "audit__organization"

    class Meta:
        verbose_name = _("audit session")
        verbose_name_plural = _("audit sessions")
        ordering = ["audit", "date", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.department} – {self.date:%d/%m/%Y}"


class QuestionTemplate(models.Model):
    """A reusable checklist question for a clause."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    clause = models.CharField(_("clause"), max_length=10)
    question = models.TextField(_("question"))

    organization_field = "organization"

    class Meta:
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")
        ordering = ["clause", "pk"]

    def __str__(self) -> str:
        return f"{self.clause} {self.question[:60]}"


class Finding(models.Model):
    """A checklist line of a session: clause, question, result and evidence seen."""

    session = models.ForeignKey(AuditSession, on_delete=models.CASCADE, related_name="findings")
    clause = models.CharField(_("clause"), max_length=10)
    question = models.TextField(_("question"))
    result = models.CharField(_("result"), max_length=20, choices=FindingResult.choices)
    evidence = models.TextField(_("evidence seen"), blank=True)
    nonconformity = models.OneToOneField(
        Nonconformity, on_delete=models.SET_NULL, null=True, blank=True, related_name="finding"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    organization_field = "session__audit__organization"

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["session", "clause", "pk"]

    def __str__(self) -> str:
        return f"{self.clause}: {self.get_result_display()}"


class AuditProgramme(models.Model):
    """The year's internal audit programme: what is audited, how often, with which aims."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    objectives = models.TextField(_("aims of the programme"))
    scope = models.TextField(
        _("scope and frequency"),
        help_text=_("e.g. “Tất cả các phòng, ít nhất 01 lần/năm; lĩnh vực TTHC 02 lần/năm”."),
    )
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"], name="audit_programme_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{_('Internal audit programme')} {self.year}"
