"""Management review (họp xem xét của lãnh đạo, ISO 9001:2015 clause 9.3), satisfaction surveys."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from plans.models import Department, Organization, WorkItem

from .choices import OutputKind, ReviewStatus, ReviewTopic


class ManagementReview(models.Model):
    """One meeting: its notice (when, where, who), the period it looks back on, and its minutes."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="management_reviews"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(
        _("name of the meeting"),
        max_length=300,
        help_text=_("e.g. “Họp xem xét của Lãnh đạo năm 2023”."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    meeting_on = models.DateField(_("meeting date"))
    starts_at = models.TimeField(_("starts at"))
    place = models.CharField(pgettext_lazy("meeting", "place"), max_length=300)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair"),
    )
    participants = models.TextField(_("participants invited"), help_text=_("One per line."))
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PLANNED
    )
    # The minutes (biên bản họp), written during or after the meeting.
    minutes_secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("secretary of the meeting"),
    )
    attendees = models.TextField(_("attendees"), blank=True, help_text=_("One per line."))
    content = models.TextField(_("content of the meeting"), blank=True)
    ends_at = models.TimeField(_("closing time"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-meeting_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audits:review_detail", args=[self.pk])


class ReviewInput(models.Model):
    """What the secretary adds to one input of clause 9.3.2, next to the figures from the data."""

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="inputs")
    topic = models.CharField(_("input"), max_length=30, choices=ReviewTopic.choices)
    text = models.TextField(_("assessment"), blank=True)
    history = HistoricalRecords()

    organization_field = "review__organization"

    class Meta:
        verbose_name = _("review input")
        verbose_name_plural = _("review inputs")
        constraints = [
            models.UniqueConstraint(fields=["review", "topic"], name="review_input_once_per_topic")
        ]

    def __str__(self) -> str:
        return self.get_topic_display()


class ReviewOutput(models.Model):
    """A decision of the meeting; with a unit and a deadline it is a work item with reminders."""

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind.choices)
    decision = models.TextField(_("decision"))
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    work_item = models.OneToOneField(
        WorkItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_output",
    )
    history = HistoricalRecords()

    organization_field = "review__organization"

    class Meta:
        verbose_name = _("decision of the review")
        verbose_name_plural = _("decisions of the review")
        ordering = ["review", "pk"]

    def __str__(self) -> str:
        return self.decision[:80]


class SatisfactionSurvey(models.Model):
    """A survey of citizens' and organisations' satisfaction (an input of the review)."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    method = models.CharField(
        _("method"), max_length=300, help_text=_("e.g. “Phiếu khảo sát tại Bộ phận một cửa”.")
    )
    responses = models.PositiveIntegerField(_("number of responses"))
    satisfied_percent = models.DecimalField(
        _("share satisfied (%)"), max_digits=5, decimal_places=2
    )
    feedback = models.TextField(_("main feedback"), blank=True)
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-period_end"]

    def __str__(self) -> str:
        return f"{self.method} ({self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y})"
