"""The change history of a satisfaction survey: its plan (period, method, units, status) and its
questionnaire."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from isoplan.history import HistoryEntry, Table, history_entries, history_rows, latest_rows, shorten

from .models import Survey, SurveyQuestion


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
