"""Quality objectives (MTCL): a set per organization (or unit) and year, measured each period."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The modules, not the ``plans.models`` package: that package imports this module.
from plans.choices import MAX_YEAR, MIN_YEAR, PlanStatus, TaskParty
from plans.models.soft_delete import SoftDeleteModel
from plans.organizations.models import Department, Organization

from .choices import Comparison, Frequency


class ObjectiveSet(models.Model):
    """The objectives of the agency (``department`` empty) or of one unit for a year."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="objective_sets"
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objective_sets",
        verbose_name=_("unit"),
        help_text=_("Empty: the objectives of the whole agency."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    return_comment = models.TextField(_("comment when returned"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("set of quality objectives")
        verbose_name_plural = _("sets of quality objectives")
        ordering = ["organization", "-year", "department__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "department"], name="objective_set_unique_unit"
            ),
            models.UniqueConstraint(
                fields=["organization", "year"],
                condition=models.Q(department__isnull=True),
                name="objective_set_unique_agency",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="objective_set_year_range",
            ),
        ]

    def __str__(self) -> str:
        owner = self.department.name if self.department_id else self.organization.name
        return gettext("Quality objectives %(year)s – %(owner)s") % {
            "year": self.year,
            "owner": owner,
        }

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:objective_set_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT


class Objective(SoftDeleteModel):
    objective_set = models.ForeignKey(
        ObjectiveSet, on_delete=models.CASCADE, related_name="objectives"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    statement = models.TextField(
        _("objective"),
        help_text=_("e.g. “100% hồ sơ TTHC được giải quyết đúng hạn trong năm 2023”."),
    )
    indicator = models.CharField(
        _("indicator"),
        max_length=300,
        blank=True,
        help_text=_("What is counted, e.g. “tỷ lệ hồ sơ giải quyết đúng hạn”."),
    )
    comparison = models.CharField(
        _("target"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(
        _("unit of measure"), max_length=50, blank=True, help_text=_("e.g. “%”, “hồ sơ”.")
    )
    method = models.TextField(_("how it is measured"), blank=True)
    frequency = models.CharField(
        _("measured"), max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objectives",
        verbose_name=_("responsible unit"),
        help_text=_("Empty: the ISO secretary measures it."),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "objective_set__organization"

    class Meta:
        verbose_name = _("quality objective")
        verbose_name_plural = _("quality objectives")
        ordering = ["objective_set", "order", "pk"]

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def responsible_label(self) -> str:
        department = self.department or self.objective_set.department
        return department.name if department else str(TaskParty.ISO_SECRETARY.label)

    @property
    def target_label(self) -> str:
        if self.comparison == Comparison.YES:
            return gettext("achieved / not achieved")
        value = "" if self.target_value is None else f"{self.target_value.normalize():f}"
        return f"{self.get_comparison_display()} {value} {self.target_unit}".strip()

    def achieved_so_far(self) -> bool | None:
        """Met in every period measured so far; None before the first measurement. Reads
        ``results.all()``: prefetch the results when looping over objectives."""
        measured = [r.achieved for r in self.results.all() if r.achieved is not None]
        return all(measured) if measured else None

    def achieved(self, value: Decimal | None, done: bool | None) -> bool | None:
        """Whether a result meets the target; None when nothing was measured."""
        if self.comparison == Comparison.YES:
            return done
        if value is None or self.target_value is None:
            return None
        if self.comparison == Comparison.AT_LEAST:
            return value >= self.target_value
        if self.comparison == Comparison.AT_MOST:
            return value <= self.target_value
        return value == self.target_value


def result_verdict(results: str = "results__") -> models.Case:
    """``ObjectiveResult.achieved`` (the override, else ``Objective.achieved``) as SQL, over
    objectives joined to their results through ``results``: 1 met, 0 missed, NULL not measured
    (or no result). For figures over hundreds of agencies, where reading each result into
    Python cost more than the page; the two are tested to agree case by case."""

    override, done = f"{results}achieved_override", f"{results}done"
    value, target = f"{results}value", models.F("target_value")
    yes_no = models.Q(comparison=Comparison.YES)
    return models.Case(
        models.When(**{override: True}, then=1),
        models.When(**{override: False}, then=0),
        models.When(yes_no & models.Q(**{done: True}), then=1),
        models.When(yes_no & models.Q(**{done: False}), then=0),
        models.When(yes_no, then=None),
        models.When(
            models.Q(**{f"{value}__isnull": True}) | models.Q(target_value=None), then=None
        ),
        models.When(comparison=Comparison.AT_LEAST, **{f"{value}__gte": target}, then=1),
        models.When(comparison=Comparison.AT_MOST, **{f"{value}__lte": target}, then=1),
        models.When(comparison=Comparison.EXACTLY, **{value: target}, then=1),
        default=0,
        output_field=models.IntegerField(),
    )


class ObjectiveAction(models.Model):
    """A line of the Kế hoạch thực hiện MTCL: what is done to reach the objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    action = models.TextField(_("action"))
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objective_actions",
        verbose_name=_("responsible unit"),
    )
    timing_text = models.CharField(_("timing"), max_length=300, blank=True)
    resources = models.CharField(_("resources"), max_length=300, blank=True)

    organization_field = "objective__objective_set__organization"

    class Meta:
        verbose_name = _("action for an objective")
        verbose_name_plural = _("actions for objectives")
        ordering = ["objective", "order", "pk"]

    def __str__(self) -> str:
        return self.action[:80]


class ObjectiveResult(models.Model):
    """What was measured for one period."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="results")
    period_key = models.CharField(max_length=20)
    period_label = models.CharField(_("period"), max_length=100)
    value = models.DecimalField(_("result"), max_digits=12, decimal_places=2, null=True, blank=True)
    done = models.BooleanField(_("achieved (yes/no target)"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    achieved_override = models.BooleanField(
        _("achieved (set by hand)"),
        null=True,
        blank=True,
        help_text=_("Only when the computed answer is wrong; say why."),
    )
    override_reason = models.CharField(_("why"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "objective__objective_set__organization"

    class Meta:
        verbose_name = _("objective result")
        verbose_name_plural = _("objective results")
        ordering = ["objective", "period_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "period_key"], name="objective_result_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.objective} – {self.period_label}"

    @property
    def achieved(self) -> bool | None:
        if self.achieved_override is not None:
            return self.achieved_override
        return self.objective.achieved(self.value, self.done)


class ObjectiveTally(models.Model):
    """How many approved objectives an organization has for a year, how many of them are
    achieved so far and how many missed (``Objective.achieved_so_far``: met in every period
    measured, measured once at least; missed once); the others are not measured yet.

    Kept by the database, as the work tally is: statement triggers on the results, the
    objectives and their sets (migration ``0031_objective_tally``) count again the agency-years
    each INSERT, UPDATE, DELETE or TRUNCATE touched, whatever wrote it. The province's pages read
    one row per agency instead of judging thousands of results. PostgreSQL only: elsewhere the
    results are judged (``plans.objectives.selectors.achieved_by_agency``)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.DO_NOTHING,  # the triggers empty it as the sets go
        db_constraint=False,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField()
    objectives = models.IntegerField()
    achieved = models.IntegerField()
    missed = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="objective_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year}: {self.achieved}/{self.objectives}"
