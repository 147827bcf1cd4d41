"""The demo's survey of the current year: planned, collecting, about a hundred forms from paper
and online, tallied; built through the services, once however often the demo is loaded."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from audits.survey.models import Survey, SurveyAnswer, SurveyResponse
from audits.survey.selectors import survey_tally

pytestmark = pytest.mark.django_db


def test_the_demo_has_this_years_survey_with_a_hundred_forms_once():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Khảo sát sự hài lòng của người dân, tổ chức năm" in out.getvalue()
    survey = Survey.objects.get()
    today = timezone.localdate()
    assert survey.year == today.year
    assert survey.period_start <= today <= survey.period_end
    assert survey.status == "open"
    assert survey.questions.count() == 9
    assert survey.departments.count() == 2
    tally = survey_tally(survey)
    assert tally.responses == 100
    assert (tally.paper, tally.online) == (40, 60)
    assert 70 < tally.satisfied_percent < 100
    assert tally.comments > 0
    assert len(tally.units) == 2
    assert len(tally.procedures) == 3
    assert not SurveyResponse.objects.filter(submitted_on__gt=today).exists()
    assert set(
        SurveyResponse.objects.filter(channel="paper").values_list(
            "entered_by__username", flat=True
        )
    ) == {"nhanvien"}

    counts = (Survey.objects.count(), SurveyResponse.objects.count(), SurveyAnswer.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (
        Survey.objects.count(),
        SurveyResponse.objects.count(),
        SurveyAnswer.objects.count(),
    ) == counts
