"""A satisfaction survey (đợt khảo sát sự hài lòng), its questionnaire, tokens and responses."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.review.models import SatisfactionSurvey
from plans.models import Department, Organization

from .choices import Channel, QuestionKind, SurveyMethod, SurveyStatus

TEXT_ANSWER_MAX = 2000  # a citizen's comment; longer is refused with a message


def _public_key() -> str:
    return secrets.token_urlsafe(12)


def _token_code() -> str:
    # Short enough to type from a slip, long enough not to be guessed (32^8).
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Question(models.Model):
    """What the template's and a survey's questions share."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind of answer"), max_length=10, choices=QuestionKind.choices, default="scale"
    )
    text = models.CharField(_("question"), max_length=500)
    required = models.BooleanField(
        _("answer required"), default=False, help_text=_("The form is refused without it.")
    )

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class TemplateQuestion(Question):
    """The agency's own questionnaire ("Mẫu phiếu khảo sát"), copied into each new survey."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="survey_template"
    )
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta(Question.Meta):
        verbose_name = _("question of the questionnaire template")
        verbose_name_plural = _("questionnaire template")


class Survey(models.Model):
    """The survey's plan: when, how, how many forms, which units and procedures it covers."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(
        _("name of the survey"),
        max_length=300,
        help_text=_("e.g. “Khảo sát sự hài lòng của người dân, tổ chức năm 2026”."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    method = models.CharField(
        _("method"), max_length=10, choices=SurveyMethod.choices, default=SurveyMethod.MIXED
    )
    target_responses = models.PositiveIntegerField(
        _("target number of forms"), help_text=_("How many forms the plan aims to collect.")
    )
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="+",
        verbose_name=_("units covered"),
        help_text=_("The units whose services are surveyed; none: the whole agency."),
    )
    procedures = models.TextField(
        _("administrative procedures covered"),
        blank=True,
        help_text=_("One per line; the respondent picks the one they came for."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.PREPARING
    )
    # The address of the public page: unguessable, so that only the link or the QR code leads
    # to it.
    public_key = models.CharField(max_length=32, unique=True, default=_public_key, editable=False)
    # What the management review and the annual report read, written when the survey closes.
    summary = models.OneToOneField(
        SatisfactionSurvey,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey",
        editable=False,
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["lock_version"], m2m_fields=[departments])

    organization_field = "organization"

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-period_start", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audits:survey_detail", args=[self.pk])

    def public_path(self) -> str:
        return reverse("audits:survey_public", args=[self.public_key])

    def procedure_list(self) -> list[str]:
        return [line.strip() for line in self.procedures.splitlines() if line.strip()]


class SurveyQuestion(Question):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    history = HistoricalRecords()

    organization_field = "survey__organization"

    class Meta(Question.Meta):
        verbose_name = _("question of the survey")
        verbose_name_plural = _("questions of the survey")


class SurveyToken(models.Model):
    """A printed slip's code: one response each."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    code = models.CharField(_("code"), max_length=12, unique=True, default=_token_code)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    organization_field = "survey__organization"

    class Meta:
        verbose_name = _("survey slip")
        verbose_name_plural = _("survey slips")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code


class SurveyResponse(models.Model):
    """One filled-in form, online or typed in from paper."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submitted_on = models.DateField(_("date of the form"))
    created_at = models.DateTimeField(auto_now_add=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    procedure = models.CharField(_("administrative procedure"), max_length=300, blank=True)
    token = models.OneToOneField(
        SurveyToken, on_delete=models.PROTECT, null=True, blank=True, related_name="response"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    # A paper form corrected after it was typed in: what changed, by whom (an online form is
    # the citizen's own and never changes).
    history = HistoricalRecords(excluded_fields=["created_at"])

    organization_field = "survey__organization"

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["survey", "channel"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.submitted_on:%d/%m/%Y}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    organization_field = "response__survey__organization"

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="survey_answer_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return str(self.score) if self.score is not None else self.text[:60]
