from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.choices import ImportStatus

from .plan import Plan, PlanTask


class TaskImport(models.Model):
    """A task table brought into a draft plan from a Word or Excel file or pasted rows: kept
    here as read (a preview that writes nothing) until the secretary confirms; then the tasks it
    created, so that the import can be undone as one step while the plan is a draft."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="imports", verbose_name=_("plan")
    )
    source_name = models.CharField(_("source"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    # The table as read: headings, rows of [text, merged] cells, whether merges were known.
    labels = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    knows_merges = models.BooleanField(default=True)
    header = models.JSONField(default=dict, help_text=_("Parts of the plan's header found."))
    # The secretary's choices in the preview (None: what isoplan proposes).
    mapping = models.JSONField(default=list)
    units = models.JSONField(default=dict, help_text=_("Responsibility text → unit keys."))
    selected_rows = models.JSONField(null=True, blank=True)
    selected_parts = models.JSONField(null=True, blank=True)
    # What the import wrote into the plan's fields: {field: [before, after]}, for the undo.
    plan_changes = models.JSONField(default=dict)

    tasks = models.ManyToManyField(
        PlanTask, blank=True, related_name="imports", verbose_name=_("tasks created")
    )
    history = HistoricalRecords(
        excluded_fields=[
            "labels",
            "rows",
            "header",
            "mapping",
            "units",
            "selected_rows",
            "selected_parts",
            "plan_changes",
        ]
    )

    organization_field = "plan__organization"

    class Meta:
        verbose_name = _("task import")
        verbose_name_plural = _("task imports")
        ordering = ["plan", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.source_name
