"""The change history of a satisfaction survey: its plan (period, method, units, status) and its
questionnaire; and of a form typed in from paper, as typed and as corrected."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten

from .models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


def survey_history(survey: Survey) -> list[HistoryEntry]:
    """Newest first."""
    question_rows = history_rows(SurveyQuestion.history.filter(survey_id=survey.pk))
    questions = latest_rows(question_rows)
    label = capfirst(Survey._meta.verbose_name)
    return history_entries(
        Table(
            Survey,
            Survey.history.filter(id=survey.pk),
            lambda r: label,
            ignore=("summary", "public_key", "organization"),
        ),
        Table(
            SurveyQuestion,
            question_rows,
            lambda r: _("Question: %(text)s") % {"text": shorten(questions[r.id].text)},
            ignore=("survey",),
        ),
    )


def response_history(response: SurveyResponse) -> list[HistoryEntry]:
    """Newest first: the form as typed in (its answers one entry each), then each correction."""
    # Numbered as on the form.
    questions = {q.pk: (n, q.text) for n, q in enumerate(response.survey.questions.all(), 1)}

    def subject(row) -> str:
        number, text = questions.get(row.question_id, ("?", ""))
        return _("Question %(number)s: %(text)s") % {"number": number, "text": shorten(text)}

    return history_entries(
        Table(
            SurveyResponse,
            SurveyResponse.history.filter(id=response.pk),
            lambda r: capfirst(SurveyResponse._meta.verbose_name),
            ignore=("survey", "channel", "token", "entered_by"),
        ),
        Table(
            SurveyAnswer,
            history_rows(SurveyAnswer.history.filter(response_id=response.pk)),
            subject,
            ignore=("response", "question"),
            captions={"score": _("Score"), "text": _("Answer")},
        ),
    )
