"""The steering committee's compositions and members."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The modules, not the ``plans.models`` package: that package imports this module.
from plans.organizations.models import Organization

from .choices import CommitteePosition, CompositionStatus


class CommitteeComposition(models.Model):
    """The committee as one decision composed it. A new composition, once issued, supersedes the
    one in force (at most one is in force)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="committee_compositions",
        verbose_name=_("organization"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CompositionStatus.choices,
        default=CompositionStatus.DRAFT,
    )
    decision_number = models.CharField(
        _("decision number"),
        max_length=50,
        blank=True,
        help_text=_("e.g. “45/QĐ-SLĐTBXH”; left blank on the draft printed for signature."),
    )
    decided_on = models.DateField(
        _("decision date"), null=True, blank=True, help_text=_("The day the decision was signed.")
    )
    signer_name = models.CharField(
        _("signed by"), max_length=150, blank=True, help_text=_("e.g. “Nguyễn Văn A”.")
    )
    signer_title = models.CharField(
        _("signer's title"),
        max_length=100,
        default="GIÁM ĐỐC",
        help_text=_("As printed above the signature, e.g. “GIÁM ĐỐC” or “KT. GIÁM ĐỐC”."),
    )
    basis = models.TextField(
        _("legal bases"),
        blank=True,
        help_text=_("One “Căn cứ …” per line, as the decision cites them."),
    )
    note = models.CharField(
        _("reason for the change"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Thay đổi nhân sự lãnh đạo Sở”."),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("superseded by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("steering committee composition")
        verbose_name_plural = _("steering committee compositions")
        ordering = ["organization", "-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status=CompositionStatus.IN_FORCE),
                name="committee_one_in_force",
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status=CompositionStatus.DRAFT),
                name="committee_one_draft",
            ),
        ]

    def __str__(self) -> str:
        if self.decision_number:
            return f"Quyết định {self.decision_number}"
        return str(_("Draft composition"))

    def get_absolute_url(self) -> str:
        return reverse("plans:committee_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == CompositionStatus.DRAFT


class CommitteeMember(models.Model):
    """A member: a person of the agency (their name and title are copied as printed on the
    decision) or someone outside isoplan, such as a leader of another body."""

    composition = models.ForeignKey(
        CommitteeComposition,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("composition"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_seats",
        verbose_name=_("person of the agency"),
        help_text=_("Leave empty for someone outside isoplan, and type the name."),
    )
    name = models.CharField(_("full name"), max_length=150, blank=True)
    title = models.CharField(
        _("job title and body"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Phó Giám đốc Sở”, “Chánh Văn phòng Sở”."),
    )
    position = models.CharField(
        _("position in the committee"),
        max_length=20,
        choices=CommitteePosition.choices,
        default=CommitteePosition.MEMBER,
    )
    duty = models.CharField(_("duty"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    organization_field = "composition__organization"

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["composition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["composition", "user"],
                condition=models.Q(user__isnull=False),
                name="committee_member_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.get_position_display()}"
