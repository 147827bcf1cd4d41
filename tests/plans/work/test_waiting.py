""" "Chờ bạn phê duyệt": everything waiting for this person's decision, across the kinds of record,
with who handed it over and when, oldest first; a count in the navigation bar."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.internal_audit.models import Audit
from audits.internal_audit.services import audit_finish
from audits.review.services import review_hold
from plans.choices import Role
from plans.documents.services import document_create, edition_submit, edition_update
from plans.objectives.models import Objective, ObjectiveSet
from plans.objectives.services import objectives_approve, objectives_submit
from plans.planning.services.plan import plan_submit
from plans.work.approvals import waiting_count, waiting_for
from reports.models import AnnualReport
from tests.factories import MembershipFactory, PlanFactory, ReviewFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: int, hour: int = 9):
    """A moment of October 2022 in Hồ Chí Minh City."""
    return time_machine.travel(datetime.datetime(2022, 10, day, hour - 7, tzinfo=datetime.UTC))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _objective_set(organization):
    objective_set = ObjectiveSet.objects.create(organization=organization, year=2022)
    Objective.objects.create(
        objective_set=objective_set,
        statement="100% hồ sơ TTHC được giải quyết đúng hạn",
        indicator="Tỷ lệ hồ sơ đúng hạn",
        comparison="at_least",
        target_value=100,
        target_unit="%",
        frequency="yearly",
    )
    return objective_set


@pytest.fixture
def a_year_of_submissions(organization, department, secretary, director):
    """One record of each kind waiting for the director, handed over on different days."""
    with at(3):
        audit = Audit.objects.create(
            organization=organization,
            year=2022,
            title="Đánh giá nội bộ năm 2022",
            lead_auditor=secretary,
            starts_on=D(2022, 9, 12),
            ends_on=D(2022, 9, 14),
        )
        audit_finish(audit=audit, user=secretary, finished_on=D(2022, 10, 3), conclusions="Đạt")
    with at(5):
        plan = PlanFactory(organization=organization)
        add_task(plan)
        plan_submit(plan=plan, user=secretary)
    with at(7):
        document = document_create(
            organization=organization,
            user=secretary,
            code="QT-07",
            title="Quy trình kiểm soát hồ sơ",
            department=department,
        )
        edition = document.editions.get()
        edition.issued_on = D(2022, 10, 7)
        edition_update(
            edition=edition,
            expected_version=edition.lock_version,
            user=secretary,
            files=[SimpleUploadedFile("QT-07.pdf", b"%PDF-1.4", "application/pdf")],
        )
        edition_submit(edition=edition, user=secretary)
    with at(10):
        objective_set = _objective_set(organization)
        objectives_submit(objective_set=objective_set, user=secretary)
    with at(12):
        review = ReviewFactory(
            organization=organization,
            chair=director,
            year=2022,
            period_end=D(2022, 9, 30),
            meeting_on=D(2022, 10, 12),
        )
        review_hold(review=review, user=secretary)
    with at(14):
        report = AnnualReport.objects.create(organization=organization, year=2022)
    return [audit, plan, edition, objective_set, review, report]


def test_the_director_sees_every_kind_oldest_first_with_who_and_when(
    a_year_of_submissions, organization, secretary, director
):
    rows = waiting_for(director, organization)
    assert [row.record for row in rows] == a_year_of_submissions
    assert [str(row.kind) for row in rows] == [
        "Báo cáo đánh giá nội bộ",
        "Kế hoạch",
        "Lần ban hành tài liệu",
        "Mục tiêu chất lượng",
        "Biên bản họp xem xét của lãnh đạo",
        "Báo cáo năm",
    ]
    assert [row.since.astimezone().day for row in rows] == [3, 5, 7, 10, 12, 14]
    assert {row.by for row in rows[:5]} == {secretary}
    # The secretary decides none of them.
    assert waiting_for(secretary, organization) == []
    assert waiting_count(secretary, organization) is None
    assert waiting_count(director, organization) == 6


def test_a_decision_takes_it_off_the_list(a_year_of_submissions, organization, director):
    objective_set = a_year_of_submissions[3]
    objectives_approve(objective_set=objective_set, user=director)
    assert objective_set not in [row.record for row in waiting_for(director, organization)]
    assert waiting_count(director, organization) == 5


def test_each_agency_counts_its_own(
    a_year_of_submissions, organization, other_organization, director
):
    """The count's query is compiled once and reused: another agency's director, asking after
    this one, counts that agency's records only."""
    other_director = MembershipFactory(organization=other_organization, role=Role.DIRECTOR).user
    other_secretary = MembershipFactory(
        organization=other_organization, role=Role.ISO_SECRETARY
    ).user
    assert waiting_count(other_director, other_organization) == 0
    plan = PlanFactory(organization=other_organization)
    add_task(plan)
    plan_submit(plan=plan, user=other_secretary)
    assert waiting_count(director, organization) == 6
    assert waiting_count(other_director, other_organization) == 1
    assert [row.record for row in waiting_for(other_director, other_organization)] == [plan]


def test_the_page_the_dashboard_and_the_count_in_the_bar(
    client, a_year_of_submissions, director, secretary, django_assert_max_num_queries
):
    client.force_login(director)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("plans:waiting_list")).content.decode()
    assert "Chờ bạn phê duyệt" in page
    assert 'id="waiting-count">6' in page
    for record in a_year_of_submissions:
        assert str(record) in page
    assert "6 hồ sơ chờ bạn quyết định, cũ nhất trước." in page
    dashboard = client.get(reverse("home")).content.decode()
    assert 'id="waiting-for-you"' in dashboard
    assert "Họp xem xét của Lãnh đạo năm 2022" in dashboard

    client.force_login(secretary)
    page = client.get(reverse("plans:waiting_list")).content.decode()
    assert "Không có hồ sơ nào chờ bạn quyết định." in page
    assert 'id="waiting-link"' not in page


def test_the_page_does_not_grow_in_queries_with_the_records(
    client, organization, secretary, director, django_assert_max_num_queries
):
    years = iter(range(2000, 2030))  # one plan a year

    def submit_plans(n):
        for _ in range(n):
            plan = PlanFactory(organization=organization, year=next(years))
            add_task(plan)
            plan_submit(plan=plan, user=secretary)

    client.force_login(director)
    submit_plans(1)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("plans:waiting_list"))
    submit_plans(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("plans:waiting_list"))
