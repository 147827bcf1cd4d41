"""The register of improvement proposals, their attachments and their improvement actions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.documents.models import Document
from plans.models.stored_file import StoredFile
from plans.organizations.models import Department, Organization
from plans.work.models import WorkItem

from .choices import ProposalStatus


class ImprovementProposal(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="improvement_proposals"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"), help_text=_("Numbered from 1 each year."))
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="improvement_proposals",
        verbose_name=_("unit"),
    )
    title = models.CharField(_("proposal"), max_length=300)
    problem = models.TextField(_("the problem"), help_text=_("Why: what does not work well today."))
    description = models.TextField(_("what is proposed"))
    benefit = models.TextField(_("expected benefit"))
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document or procedure concerned"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_on = models.DateField(_("proposed on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
    )
    # The secretary's decision: why declined (required), a note on an acceptance or a merger.
    decision_note = models.TextField(_("decision"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("improvement proposal")
        verbose_name_plural = _("improvement proposals")
        ordering = ["-proposed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"], name="improvement_proposal_number"
            )
        ]
        indexes = [models.Index(fields=["organization", "year", "status"])]

    def __str__(self) -> str:
        return gettext("Improvement proposal %(code)s") % {"code": self.code}

    def get_absolute_url(self) -> str:
        return reverse("audits:improvement_detail", args=[self.pk])

    @property
    def code(self) -> str:
        return f"CT-{self.year}-{self.number:02d}"


def attachment_path(instance: "ImprovementAttachment", filename: str) -> str:
    proposal = instance.proposal
    return f"improvements/{proposal.organization_id}/{proposal.pk}/{filename}"


class ImprovementAttachment(StoredFile):
    """A file the proposer joined (a draft form, a photo of the problem…)."""

    proposal = models.ForeignKey(
        ImprovementProposal, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)

    organization_field = "proposal__organization"

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class ImprovementAction(models.Model):
    """What a unit does to carry out an accepted proposal; its deadline is a work item of the
    unit, closed with its evidence on the unit's work page."""

    proposal = models.ForeignKey(
        ImprovementProposal, on_delete=models.CASCADE, related_name="actions"
    )
    action = models.TextField(_("improvement action"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit")
    )
    due_on = models.DateField(_("due date"))
    work_item = models.OneToOneField(
        WorkItem, on_delete=models.PROTECT, related_name="improvement_action"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    organization_field = "proposal__organization"

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self) -> str:
        return self.action[:80]
