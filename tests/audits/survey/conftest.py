import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from audits.survey.models import Survey
from audits.survey.services import survey_create, survey_open


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The public page's rate counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(organization, secretary, department):
    """This year's survey, collecting, with the default questionnaire and two procedures."""
    year = timezone.localdate().year
    planned = survey_create(
        survey=Survey(
            year=year,
            title=f"Khảo sát sự hài lòng của người dân, tổ chức năm {year}",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            method="mixed",
            target_responses=200,
            procedures="Giải quyết chế độ người có công\nCấp giấy phép lao động",
        ),
        departments=[department],
        organization=organization,
        user=secretary,
    )
    return survey_open(survey=planned, user=secretary)


def form_data(survey, score=5, **extra) -> dict:
    """Every scale question answered ``score``, the comment left empty."""
    data = {f"q{q.pk}": score for q in survey.questions.filter(kind="scale")}
    return {**data, **extra}
