"""Context of the organization (issues, interested parties) and the register of risks and
opportunities with their treatment actions (ISO 9001:2015 clauses 4.1, 4.2, 6.1)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The modules, not the ``plans.models`` package: that package imports this module.
from plans.choices import MAX_YEAR, MIN_YEAR
from plans.organizations.models import Department, Organization
from plans.work.models import WorkItem

from .choices import ContextKind, RiskKind, RiskLevel, RiskStatus, Treatment

# The change reason of the history row a re-rating writes: the pages tell ratings apart by it.
RERATING_REASON = "re-rating"


def risk_level(score: int, *, medium_from: int, high_from: int) -> str:
    """The level of a likelihood × impact score: high from ``high_from``, medium from
    ``medium_from``, low below (the organization's thresholds)."""
    if score >= high_from:
        return RiskLevel.HIGH
    if score >= medium_from:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


class ContextEntry(models.Model):
    """One line of the year's context: an internal or external issue, or an interested party."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="context_entries"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=ContextKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    subject = models.CharField(
        _("issue or interested party"),
        max_length=300,
        help_text=_("e.g. “Biên chế công chức bị cắt giảm”, “Người dân, doanh nghiệp”."),
    )
    detail = models.TextField(
        _("effect on the quality system, or needs and expectations"),
        help_text=_("For an issue: how it affects the quality system; for a party: what it needs."),
    )
    response = models.TextField(
        _("how it is addressed or monitored"),
        blank=True,
        help_text=_("e.g. “Theo dõi qua phiếu khảo sát 6 tháng”."),
    )
    deleted_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("context entry")
        verbose_name_plural = _("context entries")
        ordering = ["organization", "year", "kind", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="context_entry_year_range",
            )
        ]
        indexes = [models.Index(fields=["organization", "year"])]

    def __str__(self) -> str:
        return self.subject


class Risk(models.Model):
    """A risk or an opportunity of a unit's process, rated likelihood × impact."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="risks")
    year = models.PositiveSmallIntegerField(_("year"))
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("unit"),
        help_text=_("Empty: a risk of the whole agency, kept by the ISO secretary."),
    )
    kind = models.CharField(
        _("risk or opportunity"), max_length=20, choices=RiskKind.choices, default=RiskKind.RISK
    )
    process = models.CharField(
        _("process or procedure"),
        max_length=300,
        help_text=_("e.g. “Giải quyết TTHC cấp giấy phép lao động cho người nước ngoài”."),
    )
    description = models.TextField(_("description"))
    cause = models.TextField(_("cause"), blank=True)
    consequence = models.TextField(_("consequence"), blank=True)
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"), validators=[MinValueValidator(1)]
    )
    impact = models.PositiveSmallIntegerField(_("impact"), validators=[MinValueValidator(1)])
    treatment = models.CharField(_("treatment"), max_length=20, choices=Treatment.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    effective = models.BooleanField(_("treatment effective"), null=True, blank=True)
    effectiveness = models.TextField(_("effectiveness of the actions"), blank=True)
    reviewed_on = models.DateField(_("re-rated on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="risk_year_range",
            )
        ]
        indexes = [models.Index(fields=["organization", "year", "status"])]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("plans:risk_detail", args=[self.pk])

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """Reads ``organization``: select_related it when listing risks."""
        organization = self.organization
        return risk_level(
            self.score,
            medium_from=organization.risk_medium_from,
            high_from=organization.risk_high_from,
        )

    def get_level_display(self) -> str:
        return str(RiskLevel(self.level).label)

    @property
    def unit_label(self) -> str:
        return self.department.name if self.department_id else str(_("The whole agency"))


class RiskAction(models.Model):
    """A treatment action; its deadline is a work item of the responsible unit (reminders)."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField(_("treatment action"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible unit")
    )
    due_on = models.DateField(_("due date"))
    work_item = models.OneToOneField(WorkItem, on_delete=models.PROTECT, related_name="risk_action")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    organization_field = "risk__organization"

    class Meta:
        verbose_name = _("treatment action")
        verbose_name_plural = _("treatment actions")
        ordering = ["risk", "created_at", "pk"]

    def __str__(self) -> str:
        return self.action[:80]
