"""A template of the province and its rows, and each copy an agency made of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.choices import TaskParty
from plans.documents.choices import DocumentKind
from plans.models import Organization, Plan


class TemplateKind(models.TextChoices):
    MODEL_PLAN = "model_plan", _("Model plan")
    QUESTION_BANK = "question_bank", _("Audit question bank")
    DOCUMENT_LIST = "document_list", _("Model document list")


class ProvinceTemplate(models.Model):
    """What the coordinator offers every agency of the province: a draft until published,
    then read and copied by the agencies until withdrawn (the copies made stay theirs)."""

    province = models.CharField(_("province"), max_length=100, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    title = models.CharField(_("name of the template"), max_length=300)
    note = models.TextField(_("note for the agencies"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_withdrawn = models.BooleanField(_("withdrawn"), default=False, editable=False)
    # A model plan: the plan it was taken from (for the coordinator's reference) and what was
    # taken, as plain data (plans.planning.services.plan.plan_model): the header's texts, the
    # duties, the year and the agency's name; its tasks are TemplateTask rows.
    source_plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    plan_header = models.JSONField(default=dict, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("province template")
        verbose_name_plural = _("province templates")
        ordering = ["province", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_on is not None and not self.is_withdrawn

    @property
    def status_label(self) -> str:
        if self.is_withdrawn:
            return str(_("Withdrawn"))
        return str(_("Published") if self.published_on else _("Draft"))


class TemplateTask(models.Model):
    """A task of a model plan, as another agency may take it (parties only, no department)."""

    template = models.ForeignKey(ProvinceTemplate, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    sub = models.PositiveSmallIntegerField(_("sub-row"), default=0)
    content = models.TextField(_("task"))
    responsibility_note = models.TextField(_("responsibility as written"), blank=True)
    support_note = models.TextField(_("supporting units as written"), blank=True)
    timing_text = models.CharField(_("timing"), max_length=500)
    output = models.TextField(_("output / record"), blank=True)
    leads = models.JSONField(_("leading parties"), default=list, blank=True)
    supports = models.JSONField(_("supporting parties"), default=list, blank=True)

    class Meta:
        verbose_name = _("task of a model plan")
        verbose_name_plural = _("tasks of a model plan")
        ordering = ["template", "order", "sub", "pk"]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def responsibility_label(self) -> str:
        """As it will print: the text as written, else the leading parties' names."""
        names = dict(TaskParty.choices)
        return self.responsibility_note or ", ".join(str(names.get(p, p)) for p in self.leads)


class BankQuestion(models.Model):
    """A question of the province's bank for internal audits, by clause."""

    template = models.ForeignKey(
        ProvinceTemplate, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    clause = models.CharField(_("clause"), max_length=10)
    question = models.TextField(_("question"))

    class Meta:
        verbose_name = _("question of a question bank")
        verbose_name_plural = _("questions of a question bank")
        ordering = ["template", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.clause} {self.question[:60]}"


class TemplateDocument(models.Model):
    """A document of the model list: code, title and kind; no file."""

    template = models.ForeignKey(
        ProvinceTemplate, on_delete=models.CASCADE, related_name="documents"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=50)
    title = models.CharField(_("document title"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.PROCEDURE
    )

    class Meta:
        verbose_name = _("document of a model list")
        verbose_name_plural = _("documents of a model list")
        ordering = ["template", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class TemplateCopy(models.Model):
    """An agency used a template: who, when, and what it got."""

    template = models.ForeignKey(ProvinceTemplate, on_delete=models.PROTECT, related_name="copies")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    copied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    copied_at = models.DateTimeField(_("copied at"), auto_now_add=True)
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added = models.PositiveIntegerField(_("rows added"), default=0)
    skipped = models.PositiveIntegerField(_("rows skipped"), default=0)

    organization_field = "organization"

    class Meta:
        verbose_name = _("copy of a province template")
        verbose_name_plural = _("copies of province templates")
        ordering = ["-copied_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.template} → {self.organization}"
