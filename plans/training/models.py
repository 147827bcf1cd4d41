"""Onboardings, trainings with their attendees and files, internal auditors' certificates."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.choices import Role
from plans.models.stored_file import StoredFile
from plans.organizations.models import Department, Membership, Organization
from plans.work.models import WorkItem


class Onboarding(models.Model):
    """Guiding a person through the quality system after a new role or unit (HTQLCL 7.3): opened
    when the membership is created or changed, recorded by whoever guided the person."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="onboardings",
        verbose_name=_("person"),
    )
    # The assignment it is for: the same role and unit of the same membership is guided once.
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("role"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    assigned_on = models.DateField(_("assigned on"))
    work_item = models.OneToOneField(
        WorkItem, on_delete=models.PROTECT, related_name="onboarding", verbose_name=_("work item")
    )
    guided_on = models.DateField(_("guided on"), null=True, blank=True)
    guided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("guided by"),
    )
    covered_procedures = models.BooleanField(_("the unit's procedures in force"), default=False)
    covered_policy = models.BooleanField(_("the quality policy"), default=False)
    covered_objectives = models.BooleanField(_("the quality objectives"), default=False)
    notes = models.TextField(_("what else was covered"), blank=True)
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")
        ordering = ["-assigned_on", "-pk"]

    def __str__(self) -> str:
        return str(_("QMS guidance for %(person)s") % {"person": self.person})

    def get_absolute_url(self) -> str:
        return reverse("plans:onboarding_detail", args=[self.pk])

    @property
    def is_done(self) -> bool:
        return self.guided_on is not None


class Training(models.Model):
    """A training or briefing held (đào tạo, tập huấn): what, when, by whom, who attended."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("The unit that held it; empty: the whole agency."),
    )
    held_on = models.DateField(_("held on"))
    title = models.CharField(
        _("content"),
        max_length=255,
        help_text=_("e.g. “Tập huấn TCVN ISO 9001:2015 và các quy trình nội bộ”."),
    )
    description = models.TextField(_("details"), blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trainer (in the agency)"),
    )
    trainer_name = models.CharField(
        _("trainer (from outside)"),
        max_length=255,
        blank=True,
        help_text=_("A person or organization from outside, e.g. “Chi cục TC-ĐL-CL”."),
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="trainings", verbose_name=_("attendees")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(m2m_fields=[attendees], excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["organization", "held_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:training_detail", args=[self.pk])

    @property
    def trainer_label(self) -> str:
        return self.trainer.get_full_name() if self.trainer_id else self.trainer_name


def training_file_path(instance: "TrainingFile", filename: str) -> str:
    return f"training/{instance.training.organization_id}/{instance.training_id}/{filename}"


class TrainingFile(StoredFile):
    """Evidence of a training: the invitation, attendance sheet, slides, test results."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=training_file_path)

    organization_field = "training__organization"

    class Meta(StoredFile.Meta):
        verbose_name = _("training file")
        verbose_name_plural = _("training files")


def certificate_path(instance: "AuditorCertificate", filename: str) -> str:
    return f"certificates/{instance.organization_id}/{instance.person_id}/{filename}"


class AuditorCertificate(models.Model):
    """An internal auditor's certificate (chứng chỉ chuyên gia đánh giá nội bộ). Its renewal is a
    work item of the ISO secretary, due the day it expires."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="auditor_certificates",
        verbose_name=_("auditor"),
    )
    issuer = models.CharField(
        _("issued by"), max_length=255, help_text=_("e.g. “Trung tâm Năng suất Việt Nam”.")
    )
    number = models.CharField(_("certificate number"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Empty: it does not expire.")
    )
    file = models.FileField(_("scan of the certificate"), upload_to=certificate_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    renewal = models.OneToOneField(
        WorkItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="auditor_certificate",
        verbose_name=_("renewal"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("auditor's certificate")
        verbose_name_plural = _("auditors' certificates")
        ordering = ["person__full_name", "-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} – {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("plans:certificate_list") + f"#chung-chi-{self.pk}"

    def valid_on(self, day) -> bool:
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)
