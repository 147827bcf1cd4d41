"""The benchmark's survey (reports/bench.py): a year's survey with 500 forms, inserted in bulk,
so its tally page is measured with many answers."""

import datetime

from .choices import Channel, QuestionKind, SurveyStatus
from .models import Survey, SurveyAnswer, SurveyResponse
from .services import survey_create

FORMS = 500


def build_survey(*, organization, year: int, user, forms: int = FORMS) -> Survey:
    units = list(organization.departments.order_by("order")[:3])
    survey = survey_create(
        survey=Survey(
            year=year,
            title=f"Khảo sát sự hài lòng năm {year}",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            target_responses=forms,
            procedures="Thủ tục A\nThủ tục B\nThủ tục C",
            status=SurveyStatus.OPEN,
        ),
        departments=units,
        organization=organization,
        user=user,
    )
    questions = list(survey.questions.all())
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(
            survey=survey,
            channel=Channel.PAPER if n % 3 else Channel.ONLINE,
            submitted_on=datetime.date(year, 1 + n % 12, 1 + n % 28),
            department=units[n % len(units)] if units else None,
            procedure=f"Thủ tục {'ABC'[n % 3]}",
        )
        for n in range(forms)
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, question=question, score=1 + (n + q) % 5)
        if question.kind == QuestionKind.SCALE
        else SurveyAnswer(response=response, question=question, text=f"Góp ý {n}")
        for n, response in enumerate(responses)
        for q, question in enumerate(questions)
    )
    return survey
