"""The history screen of a management review: the notice, the inputs, the decisions with their
work, the holding and the minutes, field by field with readable values."""

import datetime

import pytest
from django.urls import reverse

from audits.models import ManagementReview, ReviewInput, ReviewOutput
from audits.review.choices import OutputKind, ReviewStatus, ReviewTopic
from audits.review.services import review_output_add
from plans.choices import Role
from tests.factories import ReviewFactory
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def review(organization, director):
    return ReviewFactory(
        organization=organization,
        chair=director,
        title="Họp xem xét của Lãnh đạo 6 tháng đầu năm 2023",
        participants="Ban Chỉ đạo ISO\nTrưởng các phòng",
    )


def _url(review):
    return reverse("audits:review_history", args=[review.pk])


def test_the_meeting_through_the_pages_is_in_its_history(
    client, review, secretary, director, department
):
    client.force_login(secretary)
    url = review.get_absolute_url()
    inputs = {"step": "inputs", "satisfaction": "Người dân hài lòng"}
    client.post(url, inputs)
    client.post(url, inputs)  # saved again unchanged: no second entry
    client.post(
        url,
        {
            "step": "output",
            "kind": OutputKind.IMPROVEMENT,
            "decision": "Số hóa hồ sơ lưu trữ",
            "department": department.pk,
            "due_on": "2023-10-31",
        },
    )
    client.post(reverse("audits:review_action", args=[review.pk, "hold"]))
    client.post(
        url,
        {
            "step": "minutes",
            "minutes_secretary": secretary.pk,
            "attendees": "Trưởng các phòng",
            "content": "Thống nhất các kết luận",
            "ends_at": "10:30",
        },
    )
    client.force_login(director)
    client.post(reverse("audits:review_action", args=[review.pk, "approve"]))

    shown = entries(client, _url(review))
    record = [
        e for e in shown if e.subject == str(ManagementReview._meta.verbose_name).capitalize()
    ]
    assert [c[1:] for c in changes(record, label(ManagementReview, "status"))] == [
        (str(ReviewStatus.HELD.label), str(ReviewStatus.APPROVED.label)),
        (str(ReviewStatus.PLANNED.label), str(ReviewStatus.HELD.label)),
        ("", str(ReviewStatus.PLANNED.label)),
    ]
    assert record[0].user == director
    minutes = changes(record, label(ManagementReview, "minutes_secretary"))
    assert minutes == [("~", "", secretary.get_full_name())]
    assert changes(record, label(ManagementReview, "ends_at")) == [("~", "", "10:30")]
    # one input, saved once with what was written (the empty inputs and the unchanged second
    # save make no entry), named by its topic
    satisfaction = str(ReviewTopic.SATISFACTION.label)
    assert changes(shown, label(ReviewInput, "text")) == [("+", "", "Người dân hài lòng")]
    written = next(e for e in shown if "Người dân hài lòng" in [c.new for c in e.changes])
    assert satisfaction in written.subject
    # the decision: its kind, unit and deadline as read
    decision = next(e for e in shown if e.action == "+" and "Số hóa hồ sơ" in e.subject)
    fields = {c.field: c.new for c in decision.changes}
    assert fields[label(ReviewOutput, "kind")] == str(OutputKind.IMPROVEMENT.label)
    assert fields[label(ReviewOutput, "department")] == "Phòng Người có công"
    assert fields[label(ReviewOutput, "due_on")] == "31/10/2023"


def test_the_history_does_not_grow_in_queries(
    client, review, secretary, department, django_assert_max_num_queries
):
    review_output_add(
        review=review,
        kind=OutputKind.IMPROVEMENT,
        decision="Quyết định đầu",
        department=department,
        due_on=D(2023, 10, 31),
        user=secretary,
    )
    client.force_login(secretary)

    def more():
        for number in range(8):
            review_output_add(
                review=review,
                kind=OutputKind.IMPROVEMENT,
                decision=f"Quyết định {number}",
                department=department,
                due_on=D(2023, 10, 31),
                user=secretary,
            )
        for topic in ReviewTopic.values:
            ReviewInput.objects.create(review=review, topic=topic, text=f"Đánh giá {topic}")

    assert_queries_do_not_grow(client, _url(review), more, django_assert_max_num_queries)


def test_another_agencys_review_has_no_history_screen(
    client, review, make_member, other_organization
):
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(review)).status_code == 404
