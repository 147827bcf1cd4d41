"""The public page: people answer without logging in, within the survey's period, one form per
slip, a limited rate per address; robots and oversized answers are refused."""

import datetime
import os
import time

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from audits.survey.models import SurveyAnswer, SurveyResponse, SurveyToken
from audits.survey.services import survey_close, tokens_issue
from tests.audits.survey.conftest import form_data

pytestmark = pytest.mark.django_db

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"),
        "KEY_PREFIX": "test-survey-throttle",
    }
}


def _url(survey) -> str:
    return reverse("audits:survey_public", args=[survey.public_key])


def test_anyone_opens_the_page_without_logging_in_in_vietnamese(client, survey):
    response = client.get(_url(survey))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="vi"' in page
    assert survey.title in page
    assert "Rất không hài lòng" in page
    assert "Rất hài lòng" in page
    assert "Giải quyết chế độ người có công" in page  # the procedures to choose from
    # No tracking and nothing inline the Content-Security-Policy would refuse.
    assert "<script>" not in page
    assert ' style="' not in page
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_guessed_address_is_not_found(client, survey):
    assert client.get(reverse("audits:survey_public", args=["guessed"])).status_code == 404


@pytest.mark.parametrize("backend", ["configured", "redis"])
def test_the_page_takes_200_forms_under_the_rate_and_refuses_the_excess(backend, survey):
    """Ten desks' addresses send 20 forms each (the rate is 20 an hour per address): all 200
    are recorded; the 21st from each address is refused, what was typed kept, nothing written.
    Through the cache the tests are configured with, and through Redis as in production."""
    caches_setting = REDIS if backend == "redis" else None
    # The clock held still: django-ratelimit's hour starts at a moment of its own for each
    # address, and a slow run that crossed it began a fresh count (a 21st form let through).
    with (
        time_machine.travel(time.time(), tick=False),
        override_settings(
            SURVEY_RATE_PER_ADDRESS="20/h",
            **({"CACHES": caches_setting} if caches_setting else {}),
        ),
    ):
        caches["default"].clear()
        if backend == "redis":
            assert type(caches["default"]).__name__ == "RedisCache"
        client = Client()
        addresses = [f"10.0.0.{n}" for n in range(1, 11)]
        for address in addresses:
            for _ in range(20):
                response = client.post(_url(survey), form_data(survey, 4), REMOTE_ADDR=address)
                assert response.status_code == 302, address
        assert SurveyResponse.objects.filter(survey=survey).count() == 200
        for address in addresses:
            data = form_data(survey, 2)
            text = survey.questions.get(kind="text")
            data[f"q{text.pk}"] = "Ý kiến của tôi"
            refused = client.post(_url(survey), data, REMOTE_ADDR=address)
            assert refused.status_code == 429
            assert "Quá nhiều phiếu được gửi từ địa chỉ này" in refused.content.decode()
            assert "Ý kiến của tôi" in refused.content.decode()  # kept to send later
        assert SurveyResponse.objects.filter(survey=survey).count() == 200
        assert not SurveyAnswer.objects.filter(score=2).exists()
        # Another address is not held back by them; reading the page never counts.
        for _ in range(30):
            assert client.get(_url(survey), REMOTE_ADDR="10.0.0.1").status_code == 200
        fresh = client.post(_url(survey), form_data(survey), REMOTE_ADDR="10.0.1.1")
        assert fresh.status_code == 302
        caches["default"].clear()
    assert SurveyResponse.objects.filter(survey=survey).count() == 201


def test_a_slip_answers_once(client, survey):
    [slip] = tokens_issue(survey=survey, count=1)
    page = client.get(_url(survey) + f"?ma={slip.code}")
    assert f'value="{slip.code}"' in page.content.decode()
    first = client.post(_url(survey), form_data(survey, token=slip.code))
    assert first.status_code == 302
    again = client.post(_url(survey), form_data(survey, token=slip.code))
    assert again.status_code == 409
    assert "Mã phiếu này đã được dùng hoặc không tồn tại" in again.content.decode()
    made_up = client.post(_url(survey), form_data(survey, token="ZZZZZZZZ"))
    assert made_up.status_code == 409
    assert SurveyResponse.objects.get().token == slip
    slip.refresh_from_db()
    assert slip.used_at is not None
    # The used slip's link says so before anything is typed.
    used = client.get(_url(survey) + f"?ma={slip.code}").content.decode()
    assert "Mã phiếu này đã được dùng hoặc không tồn tại" in used


def test_a_closed_survey_takes_no_form(client, survey, secretary):
    survey_close(survey=survey, user=secretary)
    page = client.get(_url(survey))
    assert page.status_code == 200
    assert "Send my answers" not in page.content.decode()
    assert "Gửi ý kiến" not in page.content.decode()
    assert "Đợt khảo sát đã kết thúc" in page.content.decode()
    refused = client.post(_url(survey), form_data(survey))
    assert refused.status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_survey_takes_forms_only_during_its_period(client, survey):
    today = timezone.localdate()
    survey.period_start = today + datetime.timedelta(days=1)
    survey.save()
    assert "chỉ nhận ý kiến từ ngày" in client.get(_url(survey)).content.decode()
    assert client.post(_url(survey), form_data(survey)).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, survey):
    response = client.post(_url(survey), form_data(survey, website="http://spam.example"))
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


def test_missing_and_oversized_answers_are_refused_keeping_what_was_typed(client, survey):
    text = survey.questions.get(kind="text")
    data = form_data(survey, 5)
    first_scale = survey.questions.filter(kind="scale").first()
    del data[f"q{first_scale.pk}"]  # required
    data[f"q{text.pk}"] = "x" * 2001
    response = client.post(_url(survey), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Một số câu trả lời còn thiếu hoặc quá dài" in page
    assert "x" * 2001 in page
    assert not SurveyResponse.objects.exists()
    assert not SurveyToken.objects.exists()


def test_after_sending_the_person_is_thanked(client, survey):
    response = client.post(_url(survey), form_data(survey), follow=True)
    assert "Cảm ơn" in response.content.decode()
    response_row = SurveyResponse.objects.get()
    assert (response_row.channel, response_row.entered_by) == ("online", None)
    assert response_row.answers.count() == survey.questions.filter(kind="scale").count()
