"""The demo agency's approved 2022 plan played through its year: the records of the other modules
complete the plan's tasks on the days they were completed, and every view of the year agrees."""

import datetime

import pytest
import time_machine

from audits.internal_audit.services import audit_approve, audit_finish, audit_schedule
from audits.models import Audit, ManagementReview, SatisfactionSurvey
from audits.review.services import review_approve, review_hold, review_minutes_return, survey_record
from plans.choices import PlanStatus, Role
from plans.models import Notification, Organization, Plan, WorkItem
from plans.objectives.choices import Frequency
from plans.objectives.models import Objective, ObjectiveSet
from plans.objectives.services import objectives_approve, objectives_submit, result_record
from plans.organizations.demo import load_demo_logins, load_demo_organizations
from plans.planning.demo import load_demo_plans
from plans.planning.selectors import plan_progress
from plans.work.approvals import waiting_for
from plans.work.reminders import plan_reminders
from reports.annual import annual_facts, annual_report_approve, annual_report_submit
from reports.dashboard import organization_dashboard
from reports.models import AnnualReport
from reports.province import province_overview
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def on(day: datetime.date):
    """Travel to 09:00 in Vietnam on ``day``."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 2, tzinfo=datetime.UTC)
    )


@pytest.fixture
def year_2022():
    with on(D(2022, 1, 4)):
        load_demo_organizations()
        load_demo_logins()
        load_demo_plans()
    organization = Organization.objects.get(document_symbol="SLĐTBXH")
    plan = Plan.objects.get(organization=organization, year=2022)
    assert plan.status == PlanStatus.APPROVED
    return organization, plan


def _person(organization, role):
    return organization.memberships.get(role=role).user


def _task(plan, words):
    return plan.tasks.get(content__icontains=words)


def _minutes(review, secretary):
    review.minutes_secretary = secretary
    review.attendees = "Ông Nguyễn Văn A – Giám đốc\nTrưởng các phòng"
    review.content = "Thư ký ISO báo cáo kết quả thực hiện HTQLCL năm 2022; Lãnh đạo kết luận."
    review.ends_at = datetime.time(11)
    review.save()


def _dated_items(task):
    """The task's obligations of the year (an item still waiting for a next event is none)."""
    return task.work_items.exclude(due_date__isnull=True, waiting_for__gt="")


def test_the_records_of_the_year_complete_the_plan(year_2022):
    organization, plan = year_2022
    secretary = _person(organization, Role.ISO_SECRETARY)
    director = _person(organization, Role.DIRECTOR)
    completed = {  # the task's words → the day its record was completed
        "Xây dựng và công bố mục tiêu": D(2022, 1, 20),
        "Lập chương trình, kế hoạch đánh giá": D(2022, 8, 20),
        "Tiến hành thực hiện các cuộc đánh giá": D(2022, 9, 15),
        "Thu thập, tổng hợp ý kiến": D(2022, 11, 30),
        "Họp xem xét của Lãnh đạo": D(2022, 12, 20),
        "Báo cáo kết quả hoạt động, duy trì": D(2022, 12, 27),
    }
    # Proposed from the words when the plan was approved.
    assert {words: _task(plan, words).fulfilled_by for words in completed} == {
        "Xây dựng và công bố mục tiêu": "objectives_approved",
        "Lập chương trình, kế hoạch đánh giá": "internal_audit_scheduled",
        "Tiến hành thực hiện các cuộc đánh giá": "internal_audit_done",
        "Thu thập, tổng hợp ý kiến": "satisfaction_survey_done",
        "Họp xem xét của Lãnh đạo": "management_review_held",
        "Báo cáo kết quả hoạt động, duy trì": "annual_report_sent",
    }

    with on(D(2022, 1, 20)):  # the objectives, approved
        objective_set = ObjectiveSet.objects.create(organization=organization, year=2022)
        objective = Objective.objects.create(
            objective_set=objective_set,
            statement="100% hồ sơ TTHC được giải quyết đúng hạn trong năm 2022",
            indicator="Tỷ lệ hồ sơ đúng hạn",
            comparison="at_least",
            target_value=100,
            target_unit="%",
            frequency=Frequency.QUARTERLY,
        )
        objectives_submit(objective_set=objective_set, user=secretary)
        objectives_approve(objective_set=objective_set, user=director)
    results = {1: D(2022, 4, 5), 2: D(2022, 7, 5), 3: D(2022, 10, 5), 4: D(2022, 12, 28)}
    reports = _task(plan, "Lập báo cáo đánh giá kết quả thực hiện Mục tiêu")
    for quarter, day in results.items():
        with on(day):
            result_record(objective=objective, period_key=f"q-{quarter}", user=secretary, value=100)
        # Each quarter's result completes that quarter's report, and no other.
        assert set(
            reports.work_items.filter(status="done").values_list("period_key", "done_on")
        ) == {(f"q-{q}", results[q]) for q in range(1, quarter + 1)}

    with on(D(2022, 8, 20)):  # the audit, planned; it starts on 12/9
        audit = Audit.objects.create(
            organization=organization,
            year=2022,
            title="Đánh giá nội bộ năm 2022",
            lead_auditor=secretary,
            starts_on=D(2022, 9, 12),
            ends_on=D(2022, 9, 14),
        )
        audit_schedule(audit=audit, user=secretary)
    # "Theo Kế hoạch đánh giá nội bộ": dated by the audit's first day.
    conduct = _task(plan, "Tiến hành thực hiện các cuộc đánh giá")
    assert set(_dated_items(conduct).values_list("due_date", flat=True)) == {D(2022, 9, 12)}
    with on(D(2022, 9, 15)):
        audit_finish(audit=audit, user=secretary, finished_on=D(2022, 9, 15), conclusions="Phù hợp")
    with on(D(2022, 9, 20)):
        audit_approve(audit=audit, user=director)

    with on(D(2022, 12, 10)):
        survey = SatisfactionSurvey(
            period_start=D(2022, 1, 1),
            period_end=D(2022, 11, 30),
            method="software",
            responses=420,
            satisfied_percent=96,
        )
        survey_record(survey=survey, organization=organization, user=secretary)

    review = ReviewFactory(
        organization=organization,
        chair=director,
        year=2022,
        period_end=D(2022, 12, 15),
        meeting_on=D(2022, 12, 20),
    )
    meeting = _task(plan, "Họp xem xét của Lãnh đạo")
    with on(D(2022, 12, 20)):
        review_hold(review=review, user=secretary)
        _minutes(review, secretary)
    with on(D(2022, 12, 22)):
        review_approve(review=review, user=director)
    assert not _dated_items(meeting).open().exists()
    with on(D(2022, 12, 23)):  # returned for a correction: the meeting's task is open again
        review_minutes_return(review=review, user=director)
        assert _dated_items(meeting).open().exists()
    with on(D(2022, 12, 26)):
        review_approve(review=ManagementReview.objects.get(pk=review.pk), user=director)

    with on(D(2022, 12, 27)):
        report = AnnualReport.objects.create(organization=organization, year=2022)
        annual_report_approve(report=report, user=director)
        annual_report_submit(report=AnnualReport.objects.get(pk=report.pk), user=secretary)

    # Every task a record completes is done, on the day its record was, by its author, with the
    # record as evidence.
    for words, day in completed.items():
        task = _task(plan, words)
        items = _dated_items(task)
        assert items.exists(), words
        assert not items.open().exists(), words
        assert set(items.values_list("done_on", flat=True)) == {day}, words
        assert all(item.closed_by_record is not None for item in items), words
        assert task.completion_events.filter(occurred_on=day).exists(), words
    assert set(_dated_items(reports).values_list("completed_by__username", flat=True)) == {
        secretary.username
    }
    assert _dated_items(meeting).first().closed_by_record == review

    # The year reads the same everywhere: the annual report, the dashboard, the province view,
    # and the reminders, which no longer list the work done.
    done_tasks = {*completed, "Lập báo cáo đánh giá kết quả thực hiện Mục tiêu"}
    facts = annual_facts(report)
    for words in done_tasks:
        assert _task(plan, words) in facts.tasks_done, words
    today = D(2022, 12, 28)
    tasks = [_task(plan, words) for words in done_tasks]
    progress = plan_progress(plan, today)["by_task"]
    for task in tasks:  # the plan's page: done, nothing overdue
        assert progress[task.pk]["done"] == _dated_items(task).count() > 0, task.content
        assert progress[task.pk]["overdue"] == 0, task.content
    done_in_year = WorkItem.objects.filter(organization=organization, year=2022, status="done")
    assert done_in_year.filter(task__in=tasks).count() == sum(progress[t.pk]["done"] for t in tasks)
    dashboard = organization_dashboard(organization, 2022, today)
    assert dashboard.totals.done == done_in_year.count()
    [row] = [
        r
        for r in province_overview(organization.province, 2022, today)
        if r.organization.pk == organization.pk
    ]
    assert (row.done, row.audit_held, row.review_held) == (done_in_year.count(), True, True)
    assert row.report_submitted == D(2022, 12, 27)
    digests = plan_reminders(today=today, organizations=[organization])
    listed = WorkItem.objects.filter(pk__in=[pk for d in digests for pk in d.item_ids])
    assert listed.exists()  # other work is still reminded of
    assert not listed.filter(task__in=tasks).exists()

    # Each hand-off of the year reached the next person, once: the director was told of each
    # record waiting for a decision, the secretary of each decision; nothing waits any more.
    def told(person):
        return list(
            Notification.objects.filter(user=person, delivery__kind="handoff").values_list(
                "title", flat=True
            )
        )

    to_director, to_secretary = told(director), told(secretary)
    for expected in (
        f"Nguyễn Thị Thu đã gửi {objective_set} chờ bạn phê duyệt.",
        f"Nguyễn Thị Thu đã kết thúc {audit}: báo cáo đánh giá chờ bạn phê duyệt.",
        f"Nguyễn Thị Thu đã ghi nhận {review} đã họp: biên bản chờ bạn phê duyệt.",
    ):
        assert to_director.count(expected) == 1, expected
    for expected in (
        f"Trần Văn Minh đã phê duyệt {objective_set}.",
        f"Trần Văn Minh đã phê duyệt báo cáo của {audit}.",
    ):
        assert to_secretary.count(expected) == 1, expected
    # Approved twice (returned in between for a correction): told each time.
    assert to_secretary.count(f"Trần Văn Minh đã phê duyệt biên bản {review}.") == 2
    assert waiting_for(director, organization) == []
