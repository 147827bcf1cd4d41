"""The annual plan: its implementation duties, its tasks and the units that carry them out, its
workflow steps, and the task tables imported into it."""

from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isoplan.loading import QuickLoad
from plans.choices import (
    MAX_YEAR,
    MIN_YEAR,
    ImportStatus,
    NumberStyle,
    PlanStatus,
    Responsibility,
    SigningAuthority,
    TableLayout,
    TaskParty,
    party_label,
)
from plans.models.soft_delete import SoftDeleteModel
from plans.organizations.models import Department, Organization


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Plan(models.Model):
    """The annual plan (Kế hoạch duy trì, cải tiến HTQLCL): one document per organization and
    year; a revision of an approved plan is a new version of the same year."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="plans", verbose_name=_("organization")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revision of"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )

    number = models.CharField(
        _("number"),
        max_length=20,
        blank=True,
        help_text=_("The number given at signing, e.g. “04”. Leave empty until it is known."),
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=50,
        help_text=_(
            "The plan's symbol after its number, e.g. “KH-SLĐTBXH” in “Số: 04/KH-SLĐTBXH”."
        ),
    )
    place = models.CharField(
        _("place"),
        max_length=100,
        help_text=_("The place written in the date line, e.g. “Đồng Tháp” or “TP. Cao Lãnh”."),
    )
    issued_on = models.DateField(
        _("date of issue"),
        null=True,
        blank=True,
        help_text=_("Empty: printed as “ngày … tháng … năm …” to be filled in at signing."),
    )
    # The date line as the agency fills it before signing ("ngày      tháng 11 năm 2022"): with no
    # full date, the month and the year of issue that are known.
    issued_month = models.PositiveSmallIntegerField(
        _("month of issue"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Without a full date: printed “ngày      tháng 11 …”; empty: left blank."),
    )
    issued_year = models.PositiveSmallIntegerField(
        _("year of issue"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)],
        help_text=_(
            "Without a full date: the year printed in “… năm 2022” (often the year before the "
            "plan's); empty: the year the plan was drafted."
        ),
    )
    title = models.TextField(
        _("title"),
        help_text=_(
            "The line under “KẾ HOẠCH”, e.g. “Duy trì, cải tiến Hệ thống quản lý chất "
            "lượng theo TCVN ISO 9001:2015 năm 2023”."
        ),
    )
    legal_bases = models.TextField(
        _("legal bases"),
        blank=True,
        help_text=_("One per line, in order, e.g. “Căn cứ Quyết định số 19/2014/QĐ-TTg …;”."),
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "The sentence after the legal bases, e.g. “Sở … ban hành Kế hoạch … như sau:”."
        ),
    )
    purposes = models.TextField(_("purposes"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    implementation = models.TextField(
        _("implementation (text)"),
        blank=True,
        help_text=_(
            "Section “Tổ chức thực hiện” as paragraphs, one per line (e.g. bullets “- Các phòng "
            "…”); the duties per unit below follow them."
        ),
    )
    # The section headings as the agency writes them (key → heading; see layout.HEADINGS).
    headings = models.JSONField(_("section headings"), default=dict, blank=True)
    closing = models.TextField(
        _("closing paragraph"),
        blank=True,
        help_text=_("e.g. “Trên đây là Kế hoạch … Trong quá trình thực hiện nếu có khó khăn …/.”"),
    )
    recipients = models.TextField(
        _("recipients"), blank=True, help_text=_("One per line, e.g. “- Lưu: VT, VP.”.")
    )
    signing_authority = models.CharField(
        _("signing authority"),
        max_length=5,
        choices=SigningAuthority.choices,
        blank=True,
        default=SigningAuthority.NONE,
    )
    signer_title = models.CharField(
        _("title of the signer's office"), max_length=100, default="GIÁM ĐỐC", blank=True
    )
    signer_deputy_title = models.CharField(
        _("signer's own title"),
        max_length=100,
        blank=True,
        help_text=_("When signing on behalf, e.g. “PHÓ GIÁM ĐỐC”."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    table_layout = models.CharField(
        _("task table columns"),
        max_length=20,
        choices=TableLayout.choices,
        default=TableLayout.SPLIT,
    )
    number_style = models.CharField(
        _("row numbers"), max_length=2, choices=NumberStyle.choices, default=NumberStyle.PLAIN
    )
    table_labels = models.CharField(
        _("column headings"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional: the headings as the agency writes them, separated by “|”, one per column, "
            "e.g. “STT | Nội dung công việc | Đơn vị/cá nhân thực hiện | Thời gian | Sản phẩm”."
        ),
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # The reason is the leadership's return comment, of any length (the default is 100 characters).
    history = HistoricalRecords(excluded_fields=["lock_version"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["organization", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "version"], name="plan_unique_version"
            ),
            models.UniqueConstraint(
                fields=["organization", "year", "number"],
                condition=~models.Q(number=""),
                name="plan_unique_number",
                violation_error_message=_(
                    "This organization already has a plan with this number for this year."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="plan_year_range"
            ),
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        if self.version > 1:
            return gettext("Plan %(year)s (version %(version)s)") % {
                "year": self.year,
                "version": self.version,
            }
        return gettext("Plan %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return self._url

    @cached_property
    def _url(self) -> str:
        """Reversed once per object: the tasks of a list share their plan's object, and each
        row links into it."""
        from django.urls import reverse

        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def number_and_symbol(self) -> str:
        return f"{self.number or ''}/{self.symbol}"

    @property
    def legal_basis_list(self) -> list[str]:
        return _lines(self.legal_bases)

    @property
    def recipient_list(self) -> list[str]:
        return _lines(self.recipients)

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT


class PlanDuty(models.Model):
    """One block of "Tổ chức thực hiện": the duties of a unit (or of the committee)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    unit = models.CharField(
        _("unit"),
        max_length=255,
        help_text=_("The unit as the plan writes it, e.g. “Văn phòng Sở (thường trực BCĐ ISO)”."),
    )
    duties = models.TextField(_("duties"), help_text=_("One duty per line."))
    history = HistoricalRecords()

    organization_field = "plan__organization"

    class Meta:
        verbose_name = _("implementation duty")
        verbose_name_plural = _("implementation duties")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.unit

    @property
    def duty_list(self) -> list[str]:
        return _lines(self.duties)


class PlanTask(QuickLoad, SoftDeleteModel):
    """A row of the task table (Nội dung công việc)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # 0: a numbered row; 1, 2…: its unnumbered sub-rows (their own content, timing, output and
    # units, as Word tables have them), printed under its number.
    sub = models.PositiveSmallIntegerField(_("sub-row"), default=0)
    content = models.TextField(_("task"))
    responsibility_note = models.TextField(
        _("responsibility as written"),
        blank=True,
        help_text=_(
            "Optional: the responsibility column as the agency writes it, e.g. “Thư ký ISO theo "
            "dõi, chỉ đạo các phòng thực hiện”. Empty: the units chosen below are printed."
        ),
    )
    support_note = models.TextField(
        _("supporting units as written"),
        blank=True,
        help_text=_(
            "Optional: the supporting column as the agency writes it, e.g. “Các phòng chuyên "
            "môn”. Empty: the supporting units chosen below are printed."
        ),
    )
    timing_text = models.CharField(
        _("timing"),
        max_length=500,
        help_text=_("Exactly as the agency writes it, e.g. “Trước ngày 20/10/2023”, “Hàng quý”."),
    )
    output = models.TextField(_("output / record"), blank=True)
    schedule = models.JSONField(
        _("schedule"), default=dict, blank=True, help_text=_("What the timing text means.")
    )
    schedule_manual = models.BooleanField(
        _("schedule chosen by hand"),
        default=False,
        help_text=_("Set when the secretary overrides what was read from the timing text."),
    )
    # What record completes it ("Hoàn thành khi"): a name of plans/planning/fulfilment.py, proposed
    # from the task's words unless the secretary chose it.
    fulfilled_by = models.CharField(_("completed when"), max_length=40, blank=True)
    fulfilled_by_manual = models.BooleanField(_("chosen by hand"), default=False)
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        help_text=_("The task of the previous version this one revises: its work items move on."),
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(
        excluded_fields=["lock_version", "schedule", "fulfilled_by", "fulfilled_by_manual"]
    )
    # A deleted task stays in the table (soft delete): its history and its number remain.

    organization_field = "plan__organization"

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan", "order", "sub", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "order", "sub"],
                condition=models.Q(deleted_at=None),
                name="task_number_once",
                violation_error_message=_("Two tasks of a plan cannot have the same number."),
            )
        ]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def schedule_summary(self) -> str:
        from plans.planning.chains import linked_tasks
        from plans.planning.timing import Schedule, summarize

        schedule = Schedule.from_dict(self.schedule)
        return summarize(schedule, tasks=linked_tasks(self, schedule))

    @property
    def chain_summary(self) -> str:
        """The task(s) this one follows, in words ("Sau khi hoàn thành nhiệm vụ số 3: …")."""
        from plans.planning.chains import linked_task_ids, linked_tasks
        from plans.planning.timing import Schedule
        from plans.planning.timing.parser import describe_event

        schedule = Schedule.from_dict(self.schedule)
        if not linked_task_ids(schedule):
            return ""
        tasks = linked_tasks(self, schedule)
        return "; ".join(
            describe_event(wait, tasks=tasks) for wait in schedule.events if wait.task_id in tasks
        )

    @property
    def fulfilled_by_label(self) -> str:
        from plans.planning.fulfilment import label

        return label(self.fulfilled_by)

    @property
    def schedule_understood(self) -> bool:
        return bool(self.schedule.get("understood"))

    @property
    def units(self) -> list["TaskAssignment"]:
        """The task's assignments, leads first: the list read with the task
        (``plans.planning.selectors.with_units``, no query per task), else by a query."""
        try:
            return self.unit_list
        except AttributeError:
            return list(self.assignments.all())

    @property
    def leads(self) -> list["TaskAssignment"]:
        return [a for a in self.units if a.responsibility == Responsibility.LEAD]

    @property
    def supports(self) -> list["TaskAssignment"]:
        return [a for a in self.units if a.responsibility == Responsibility.SUPPORT]


class TaskAssignment(QuickLoad, models.Model):
    """A unit responsible for a task, leading or supporting: a department or a party."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="assignments")
    responsibility = models.CharField(
        _("responsibility"), max_length=10, choices=Responsibility.choices
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("department"),
    )
    party = models.CharField(_("party"), max_length=30, choices=TaskParty.choices, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    organization_field = "task__plan__organization"

    class Meta:
        ordering = ["task", "responsibility", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(department__isnull=False) & models.Q(party=""))
                | (models.Q(department__isnull=True) & ~models.Q(party="")),
                name="assignment_department_xor_party",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.department.name if self.department_id else party_label(self.party)


class PlanTransition(models.Model):
    """Who moved a plan from one status to another, when, and why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        pgettext_lazy("status change", "from"), max_length=20, choices=PlanStatus.choices
    )
    to_status = models.CharField(
        pgettext_lazy("status change", "to"), max_length=20, choices=PlanStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    organization_field = "plan__organization"

    class Meta:
        verbose_name = _("plan transition")
        verbose_name_plural = _("plan transitions")
        ordering = ["plan", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.from_status} → {self.to_status}"


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
