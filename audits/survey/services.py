"""The steps of a satisfaction survey: plan it with the agency's questionnaire, edit the questions
while nothing depends on them, collect responses (public page, slips, paper), close it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from audits.review.models import SatisfactionSurvey
from audits.review.services import SURVEY_DONE
from isoplan.workflow import Action, Workflow, WorkflowError
from plans.planning.fulfilment import record_fulfils
from plans.work.services import items_reopen_for

from .choices import Channel, QuestionKind, SurveyStatus
from .defaults import DEFAULT_QUESTIONS
from .models import (
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyToken,
    TemplateQuestion,
)
from .selectors import survey_tally

MAX_TOKENS = 500  # slips printed at once


class SurveyError(WorkflowError):
    """A step of the survey that is not possible now; the message is for the user."""


# --- the questionnaire ---------------------------------------------------------------------------


def template_questions(organization: Any):
    """The agency's questionnaire template; the default one the first time it is asked for."""
    questions = TemplateQuestion.objects.filter(organization=organization)
    if not questions.exists():
        TemplateQuestion.objects.bulk_create(
            TemplateQuestion(
                organization=organization,
                order=order,
                kind=kind,
                text=text,
                required=kind == QuestionKind.SCALE,
            )
            for order, (kind, text) in enumerate(DEFAULT_QUESTIONS, start=1)
        )
    return questions.order_by("order", "pk")


@transaction.atomic
def survey_create(*, survey: Survey, departments, organization: Any, user: Any) -> Survey:
    """Save the survey's plan and copy the agency's questionnaire into it."""
    survey.organization = organization
    survey._history_user = user
    survey.save()
    survey.departments.set(departments)
    for question in template_questions(organization):
        copy = SurveyQuestion(
            survey=survey,
            order=question.order,
            kind=question.kind,
            text=question.text,
            required=question.required,
        )
        copy._history_user = user  # in the history even when no request is behind it (demo)
        copy.save()
    return survey


def has_responses(survey: Survey) -> bool:
    return SurveyResponse.objects.filter(survey=survey).exists()


def _ensure_no_responses(survey: Survey) -> None:
    if has_responses(survey):
        raise SurveyError(
            _(
                "The survey already has responses: changing or removing a question would change "
                "what people answered. Only new questions and the order can change now."
            )
        )


def _ensure_editable(survey: Survey) -> None:
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError(_("The survey is closed: reopen it to change its questionnaire."))


def question_add(*, owner: Any, kind: str, text: str, required: bool) -> Any:
    """A new question at the end of a survey's questionnaire (even after responses: earlier
    forms simply have no answer to it) or of the agency's template."""
    if isinstance(owner, Survey):
        _ensure_editable(owner)
        questions, model, link = owner.questions.all(), SurveyQuestion, {"survey": owner}
    else:
        questions, model = template_questions(owner), TemplateQuestion
        link = {"organization": owner}
    last = questions.aggregate(last=Max("order"))["last"] or 0
    return model.objects.create(order=last + 1, kind=kind, text=text, required=required, **link)


def question_change(*, question: Any, kind: str, text: str, required: bool) -> Any:
    if isinstance(question, SurveyQuestion):
        _ensure_editable(question.survey)
        _ensure_no_responses(question.survey)
    question.kind, question.text, question.required = kind, text, required
    question.save()
    return question


def question_remove(*, question: Any) -> None:
    if isinstance(question, SurveyQuestion):
        _ensure_editable(question.survey)
        _ensure_no_responses(question.survey)
    question.delete()


@transaction.atomic
def question_move(*, question: Any, up: bool) -> None:
    """Swap the question with the one above or below it (the order never loses an answer)."""
    if isinstance(question, SurveyQuestion):
        _ensure_editable(question.survey)
        siblings = SurveyQuestion.objects.filter(survey=question.survey)
    else:
        siblings = TemplateQuestion.objects.filter(organization=question.organization)
    ordered = list(siblings.select_for_update().order_by("order", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for order, row in enumerate(ordered, start=1):
        if row.order != order:
            row.order = order
            row.save(update_fields=["order"])


# --- collecting ----------------------------------------------------------------------------------


def is_collecting(survey: Survey, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.status == SurveyStatus.OPEN and survey.period_start <= today <= survey.period_end


def tokens_issue(*, survey: Survey, count: int) -> list[SurveyToken]:
    if not 1 <= count <= MAX_TOKENS:
        raise SurveyError(_("Print between 1 and %(max)s slips at a time.") % {"max": MAX_TOKENS})
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError(_("The survey is closed."))
    return SurveyToken.objects.bulk_create(SurveyToken(survey=survey) for _ in range(count))


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: dict[int, Any],
    channel: str,
    submitted_on: datetime.date | None = None,
    department: Any = None,
    procedure: str = "",
    token: str = "",
    user: Any = None,
    today: datetime.date | None = None,
) -> SurveyResponse:
    """Record one form. ``answers``: question id → a score 1–5 or a text. Online, the survey
    must be collecting today; a paper form (``user`` typed it in) may be dated any day of the
    period and entered until the survey closes. A slip's token is used once."""
    today = today or timezone.localdate()
    submitted_on = submitted_on or today
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError(_("This survey is not collecting responses."))
    if user is None and not is_collecting(survey, today):
        raise SurveyError(_("This survey is not collecting responses."))
    if not survey.period_start <= submitted_on <= min(survey.period_end, today):
        raise SurveyError(_("The form's date must be within the survey's period."))
    slip = None
    if token:
        # A conditional update: two submissions of one slip at once, one wins.
        used = SurveyToken.objects.filter(
            survey=survey, code=token.strip().upper(), used_at=None
        ).update(used_at=timezone.now())
        if used != 1:
            raise SurveyError(_("This slip's code was already used or does not exist."))
        slip = SurveyToken.objects.get(survey=survey, code=token.strip().upper())
    response = SurveyResponse(
        survey=survey,
        channel=channel,
        submitted_on=submitted_on,
        department=department,
        procedure=procedure,
        token=slip,
        entered_by=user,
    )
    response._history_user = user
    response.save()
    rows = []
    for question in survey.questions.all():
        value = _answer_value(question, answers.get(question.pk))
        if value is not None:
            rows.append(SurveyAnswer(response=response, question=question, **value))
    # With their history: what a paper form said when typed in, before any correction.
    bulk_create_with_history(rows, SurveyAnswer, default_user=user)
    return response


def _answer_value(question: SurveyQuestion, value: Any) -> dict | None:
    """The answer's fields for a question's form value; None if it was left empty."""
    if value in (None, ""):
        return None
    if question.kind == QuestionKind.SCALE:
        return {"score": int(value), "text": ""}
    return {"score": None, "text": str(value)}


@transaction.atomic
def response_change(
    *,
    response: SurveyResponse,
    answers: dict[int, Any],
    submitted_on: datetime.date,
    department: Any = None,
    procedure: str = "",
    user: Any,
    today: datetime.date | None = None,
) -> SurveyResponse:
    """Correct a form typed in from paper (a mistake in the typing: a wrong box, date or unit),
    while the survey collects: once closed its results are recorded (reopen it first). An
    online form is the citizen's own and never changes. Each change is in the form's history."""
    today = today or timezone.localdate()
    survey = Survey.objects.select_for_update().get(pk=response.survey_id)
    if response.channel != Channel.PAPER:
        raise SurveyError(_("Only a form typed in from paper can be corrected."))
    if survey.status != SurveyStatus.OPEN:
        raise SurveyError(_("The survey is closed: reopen it to correct a form."))
    if not survey.period_start <= submitted_on <= min(survey.period_end, today):
        raise SurveyError(_("The form's date must be within the survey's period."))
    response.submitted_on, response.department, response.procedure = (
        submitted_on,
        department,
        procedure,
    )
    response._history_user = user
    response.save()
    existing = {answer.question_id: answer for answer in response.answers.all()}
    for question in survey.questions.all():
        value = _answer_value(question, answers.get(question.pk))
        answer = existing.get(question.pk)
        if value is None:
            if answer is not None:
                answer._history_user = user
                answer.delete()
            continue
        if answer is None:
            answer = SurveyAnswer(response=response, question=question)
        elif (answer.score, answer.text) == (value["score"], value["text"]):
            continue
        answer.score, answer.text = value["score"], value["text"]
        answer._history_user = user
        answer.save()
    return response


# --- the workflow --------------------------------------------------------------------------------


def _summary_text(survey: Survey) -> str:
    tally = survey_tally(survey)
    rated = [q for q in tally.questions if q.satisfied_percent is not None]
    if not rated:
        return ""
    lowest = min(rated, key=lambda q: q.satisfied_percent)
    return _("Lowest: “%(question)s” (%(share)s%% satisfied); %(comments)s comments.") % {
        "question": lowest.question.text,
        "share": lowest.satisfied_percent,
        "comments": tally.comments,
    }


def survey_open(*, survey: Survey, user: Any) -> Survey:
    def check(saved: Survey) -> None:
        if not saved.questions.filter(kind=QuestionKind.SCALE).exists():
            raise SurveyError(_("The questionnaire needs at least one question with a scale."))

    return SURVEY_ACTIONS.take("open", survey, user=user, check=check)


@transaction.atomic
def survey_close(*, survey: Survey, user: Any) -> Survey:
    """Stop collecting; the results go where the management review and the annual report read
    them, and the plan's survey task of the year is done on the day the survey ended (today if
    it ends later)."""
    tally = survey_tally(survey)
    done_on = min(survey.period_end, timezone.localdate())
    summary = SatisfactionSurvey.objects.create(
        organization=survey.organization,
        period_start=survey.period_start,
        period_end=done_on,
        method=f"{survey.title} ({survey.get_method_display()})"[:300],
        responses=tally.responses,
        satisfied_percent=tally.satisfied_percent or 0,
        feedback=_summary_text(survey),
    )
    # Refused (and rolled back with the summary) unless the saved survey is collecting.
    survey = SURVEY_ACTIONS.take("close", survey, user=user, summary=summary)
    record_fulfils(
        SURVEY_DONE,
        organization=survey.organization,
        year=survey.year,
        done_on=done_on,
        user=user,
        record=survey,
    )
    return survey


@transaction.atomic
def survey_reopen(*, survey: Survey, user: Any) -> Survey:
    """Collect again (forms arrived late): the results are withdrawn from the review's inputs
    and the plan task it completed opens again until it closes anew."""
    summary_id = (
        Survey.objects.select_for_update().values_list("summary_id", flat=True).get(pk=survey.pk)
    )
    survey = SURVEY_ACTIONS.take("reopen", survey, user=user, summary=None)
    items_reopen_for(survey, user=user)
    SatisfactionSurvey.objects.filter(pk=summary_id).delete()
    return survey


SURVEY_ACTIONS = Workflow(
    Action(
        "open",
        permission="audits.change_survey",
        from_statuses=frozenset({SurveyStatus.PREPARING}),
        to_status=SurveyStatus.OPEN,
        label=gettext_lazy("Start collecting"),
        question=gettext_lazy(
            "Start collecting responses? The public page takes forms during the survey's "
            "period; questions can no longer be changed or removed once the first form arrives."
        ),
        done=gettext_lazy("The survey is collecting responses."),
        service=survey_open,
        refused=gettext_lazy("The survey is already collecting or closed."),
    ),
    Action(
        "close",
        permission="audits.change_survey",
        from_statuses=frozenset({SurveyStatus.OPEN}),
        to_status=SurveyStatus.CLOSED,
        label=gettext_lazy("Close the survey"),
        question=gettext_lazy(
            "Close the survey? The public page stops taking forms; its results go to the "
            "management review and the annual report, and the plan's survey task is done."
        ),
        done=gettext_lazy("The survey was closed and its results recorded."),
        service=survey_close,
        refused=gettext_lazy("Only a survey that is collecting can be closed."),
    ),
    Action(
        "reopen",
        permission="audits.change_survey",
        from_statuses=frozenset({SurveyStatus.CLOSED}),
        to_status=SurveyStatus.OPEN,
        label=gettext_lazy("Reopen"),
        question=gettext_lazy(
            "Reopen the survey? Its results are withdrawn from the management review and the "
            "plan task it completed is open again until it is closed anew."
        ),
        done=gettext_lazy("The survey is collecting responses again."),
        button=gettext_lazy("Reopen"),
        style="warning",
        service=survey_reopen,
        refused=gettext_lazy("Only a closed survey can be reopened."),
    ),
    record="survey",
    error=SurveyError,
    refused="",
)
