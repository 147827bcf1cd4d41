"""Documented information: the register of the agency's own documents (policy, procedures,
forms...) with their editions and files, and the external texts (laws, standards) they follow."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The modules, not the ``plans.models`` package: that package imports this module.
from plans.models.stored_file import StoredFile
from plans.organizations.models import Department, Organization
from plans.work.models import WorkItem

from .choices import DocumentKind, DocumentStatus, EditionStatus, ExternalStatus


class Document(models.Model):
    """One document of the quality system, whatever its edition."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="documents"
    )
    code = models.CharField(_("code"), max_length=50, help_text=_("e.g. “QT-01”, “BM-QT01-02”."))
    title = models.CharField(_("document title"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.PROCEDURE
    )
    tthc_code = models.CharField(
        _("administrative procedure code"),
        max_length=50,
        blank=True,
        help_text=_("For the procedure of an administrative procedure (TTHC), e.g. “1.001234”."),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("owner unit"),
        help_text=_("The unit that drafts, reviews and amends it."),
    )
    review_months = models.PositiveSmallIntegerField(
        _("reviewed every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    next_review_on = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_("Set when an edition comes into force, then after each review."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    current_edition = models.ForeignKey(
        "DocumentEdition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edition in force"),
    )
    # The open work item of the next periodic review (on the owner unit's work page).
    review_item = models.OneToOneField(
        WorkItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_document",
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="document_unique_code")
        ]
        indexes = [models.Index(fields=["organization", "status", "code"])]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:document_detail", args=[self.pk])


class DocumentEdition(models.Model):
    """One issue (lần ban hành) of a document: reviewed, approved by the director, then in force
    until the next edition is approved."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveSmallIntegerField(_("edition"))
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    issued_on = models.DateField(
        _("issue date"), null=True, blank=True, help_text=_("Empty: the day it is approved.")
    )
    effective_on = models.DateField(
        _("effective date"), null=True, blank=True, help_text=_("Empty: the issue date.")
    )
    decision_number = models.CharField(
        _("issued by decision number"),
        max_length=50,
        blank=True,
        help_text=_("e.g. “125/QĐ-SLĐTBXH”."),
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    changes = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("Nội dung sửa đổi: what this edition changes from the previous one."),
    )
    return_comment = models.TextField(_("comment when returned"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "document__organization"

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="edition_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.document.code} – lần {self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == EditionStatus.DRAFT


def document_file_path(instance: "DocumentFile", filename: str) -> str:
    document = instance.edition.document
    return f"documents/{document.organization_id}/{document.pk}/{instance.edition_id}/{filename}"


class DocumentFile(StoredFile):
    """A file of an edition (PDF to read, DOCX to edit). Added only while the edition is a draft,
    so an edition in force or superseded stays exactly as approved."""

    edition = models.ForeignKey(DocumentEdition, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=document_file_path)

    organization_field = "edition__document__organization"

    class Meta(StoredFile.Meta):
        verbose_name = _("document file")
        verbose_name_plural = _("document files")


class ExternalDocument(models.Model):
    """A legal text or standard the quality system depends on (văn bản bên ngoài)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="external_documents"
    )
    number = models.CharField(
        _("number and symbol"), max_length=100, help_text=_("e.g. “01/2024/TT-BLĐTBXH”.")
    )
    issued_on = models.DateField(_("date"))
    issuer = models.CharField(
        _("issued by"), max_length=255, help_text=_("e.g. “Bộ Lao động – TB&XH”.")
    )
    title = models.TextField(_("subject matter"))
    effective_on = models.DateField(_("effective date"))
    received_on = models.DateField(
        _("received on"), help_text=_("Recorded as the event “new guidance received”.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ExternalStatus.choices, default=ExternalStatus.IN_FORCE
    )
    affects = models.ManyToManyField(
        Document,
        blank=True,
        related_name="external_documents",
        verbose_name=_("internal documents affected"),
    )
    # "Update the affected documents": one work item per owner unit.
    update_items = models.ManyToManyField(WorkItem, blank=True, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"], m2m_fields=[affects])

    organization_field = "organization"

    class Meta:
        verbose_name = _("external document")
        verbose_name_plural = _("external documents")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="external_document_unique_number"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("plans:external_detail", args=[self.pk])
