"""The demo on today's date (issue 26): the director lands on this year's plan under way."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from plans.choices import PlanStatus
from plans.models import Organization, Plan, WorkItem
from plans.planning.demo import overdue_allowance

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return Organization.objects.get(document_symbol="SLĐTBXH")


def _day(text: str) -> datetime.date:
    day, month, year = (int(part) for part in text.split("/"))
    return datetime.date(year, month, day)


def _figure(page, name: str) -> int:
    return int(page.locator(f"[data-figure={name}]").inner_text())


def test_the_director_sees_this_years_plan_under_way(page, login, demo):
    today = timezone.localdate()  # the demo's and the server's day
    plan = Plan.objects.get(organization=demo, year=today.year)
    assert plan.status == PlanStatus.APPROVED
    dated = WorkItem.objects.filter(task__plan=plan, due_date__isnull=False)
    due_so_far = dated.filter(due_date__lt=today)
    overdue = due_so_far.open().count()
    # A few overdue, fewer than a quarter of the dated items due so far (none early in January).
    assert overdue == overdue_allowance(due_so_far.count())
    assert overdue * 4 < max(due_so_far.count(), 1)
    done = due_so_far.exclude(pk__in=due_so_far.open()).prefetch_related("evidence")
    assert all(item.evidence.all() and item.done_on <= item.due_date for item in done)

    login("giamdoc")
    # The dashboard shows this year, without choosing it.
    assert str(today.year) in page.locator("h1").inner_text()
    assert (
        _figure(page, "overdue")
        == WorkItem.objects.filter(organization=demo, year=today.year, due_date__lt=today)
        .open()
        .count()
    )
    if due_so_far.count() >= 4:  # from February on: work done and some late
        assert _figure(page, "done") > 0
        assert _figure(page, "overdue") > 0
    # Work due this week and next: the corrective action and the audit planned for next week.
    deadlines = page.locator(".card:has(h2:has-text('Các hạn sắp tới')) li > span")
    days = [_day(text) for text in deadlines.all_inner_texts()]
    assert any(today <= day <= today + datetime.timedelta(days=14) for day in days), days
    # The director has something to approve: the new edition of QT-02 (the seed year's audit
    # report and minutes were approved in 2022).
    assert page.locator("#waiting-for-you:has-text('QT-02')").count() == 1
