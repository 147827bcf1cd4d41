"""The current year's satisfaction survey of Sở LĐTBXH: planned with the default questionnaire,
collecting at the one-stop desk and online, about a hundred forms in (paper and online)."""

import datetime
import random

from django.db import transaction

from audits.survey.choices import Channel, QuestionKind, SurveyMethod
from audits.survey.models import Survey
from audits.survey.services import response_submit, survey_create, survey_open
from plans.models import Organization, User

COMMENTS = [
    "Cần bố trí thêm ghế ngồi chờ tại Bộ phận một cửa.",
    "Công chức hướng dẫn nhiệt tình, dễ hiểu.",
    "Mong cơ quan gửi tin nhắn khi có kết quả.",
    "Thời gian chờ lấy số hơi lâu vào buổi sáng.",
    "Nên niêm yết mẫu đơn đã điền sẵn để tham khảo.",
    "Hài lòng, hồ sơ được trả sớm hơn hẹn.",
]
PROCEDURES = [
    "Giải quyết chế độ trợ cấp ưu đãi người có công",
    "Cấp giấy phép lao động cho người nước ngoài",
    "Cấp giấy phép hoạt động dịch vụ việc làm",
]
UNITS = ["Phòng Người có công", "Phòng Lao động – Việc làm – Giáo dục nghề nghiệp"]


@transaction.atomic
def load_current_survey(today: datetime.date, forms: int = 100) -> tuple[Survey, bool]:
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    title = f"Khảo sát sự hài lòng của người dân, tổ chức năm {today.year}"
    existing = Survey.objects.filter(organization=organization, year=today.year, title=title)
    if existing.exists():
        return existing.get(), False
    secretary, desk = User.objects.get(username="thuky"), User.objects.get(username="nhanvien")
    start = max(datetime.date(today.year, 1, 1), today - datetime.timedelta(days=60))
    units = list(organization.departments.filter(name__in=UNITS).order_by("order"))
    survey = survey_create(
        survey=Survey(
            year=today.year,
            title=title,
            period_start=start,
            period_end=datetime.date(today.year, 12, 31),
            method=SurveyMethod.MIXED,
            target_responses=150,
            procedures="\n".join(PROCEDURES),
        ),
        departments=units,
        organization=organization,
        user=secretary,
    )
    survey = survey_open(survey=survey, user=secretary)
    questions = list(survey.questions.all())
    rng = random.Random(today.year)  # noqa: S311 - demo forms, the same every time
    days = (today - start).days
    for number in range(forms):
        answers = {}
        for question in questions:
            if question.kind == QuestionKind.SCALE:
                answers[question.pk] = rng.choices([1, 2, 3, 4, 5], [1, 2, 7, 45, 45])[0]
            elif rng.random() < 0.25:
                answers[question.pk] = rng.choice(COMMENTS)
        paper = number % 5 < 2  # two in five on paper, typed in at the desk
        response_submit(
            survey=survey,
            answers=answers,
            channel=Channel.PAPER if paper else Channel.ONLINE,
            submitted_on=start + datetime.timedelta(days=rng.randint(0, days)),
            department=rng.choice(units) if units else None,
            procedure=rng.choice(PROCEDURES),
            user=desk if paper else None,
            today=today,
        )
    return survey, True
