"""Any event a timing phrase names in its own words is an event of the organization: the
secretary records it on the events page and it dates the waiting items of that year's plan."""

import datetime
import re

import pytest
from django.urls import reverse

from plans.models import Event, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.timing import EventWait
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date
WORDS = "thay đổi về cơ cấu tổ chức"


def _approve(plan, secretary, director):
    plan_submit(plan=plan, user=secretary)
    return plan_approve(plan=plan, user=director)


def test_a_named_event_recorded_on_the_events_page_dates_that_years_waiting_items(
    client, secretary, director, organization
):
    plans = {}
    for year in (2023, 2024):
        plans[year] = PlanFactory(organization=organization, year=year)
        add_task(
            plans[year],
            content="Cập nhật sơ đồ tổ chức",
            timing="Trong mười (10) ngày làm việc kể từ khi có sự thay đổi về cơ cấu tổ chức",
        )
        add_task(plans[year], content="Không liên quan", timing="Khi có thay đổi thành viên BCĐ")
        _approve(plans[year], secretary, director)
    waiting = WorkItem.objects.get(task__plan=plans[2023], task__order=1)
    assert (waiting.due_date, waiting.waiting_for) == (None, "named")
    assert WORDS in waiting.period_label

    client.force_login(secretary)
    page = client.get(reverse("plans:event_list")).content.decode()
    assert f'value="named:{WORDS}"' in page  # offered beside the built-in kinds
    assert f"{WORDS} (2023, 2024)" in page

    response = client.post(
        reverse("plans:event_list"),
        {"kind": f"named:{WORDS}", "occurred_on": "2023-03-01", "description": "QĐ số 12"},
        follow=True,
    )
    assert "1 việc đang chờ đã có hạn" in response.content.decode()
    event = Event.objects.get()
    assert (event.kind, event.label) == ("named", WORDS)
    assert WORDS in response.content.decode()  # the list names the event by its words
    dated = WorkItem.objects.get(event=event)
    assert (dated.task.plan.year, dated.task.order) == (2023, 1)
    assert dated.due_date == D(2023, 3, 15)  # 10 working days after 01/03/2023
    # The 2024 plan's task and the other kind of event are untouched.
    for item in WorkItem.objects.exclude(pk=dated.pk).filter(due_date__isnull=False):
        assert (item.task.plan.year, item.task.order) == (2023, 1)  # the next one, waiting
    assert WorkItem.objects.get(task__plan=plans[2024], task__order=1).due_date is None
    assert WorkItem.objects.get(task__plan=plans[2023], task__order=2).due_date is None


def test_similar_wordings_are_offered_once_and_recorded_once_for_all(
    client, secretary, director, organization
):
    wordings = {
        2023: "Khi có sự thay đổi về cơ cấu tổ chức",
        2024: "khi co su thay doi ve co cau to chuc",
    }
    plans = {}
    for year, timing in wordings.items():
        plans[year] = PlanFactory(organization=organization, year=year)
        add_task(plans[year], content="Cập nhật sơ đồ tổ chức", timing=timing)
        add_task(plans[year], content="Rà soát phân công", timing="Khi có thay đổi cơ cấu tổ chức")
        _approve(plans[year], secretary, director)

    client.force_login(secretary)
    page = client.get(reverse("plans:event_list")).content.decode()
    offered = re.findall(r'value="named:([^"]*)"', page)
    # Three wordings, one event, shown in its most used wording, with its diacritics.
    assert offered == ["thay đổi cơ cấu tổ chức"]
    assert f"{offered[0]} (2023, 2024)" in page

    client.post(
        reverse("plans:event_list"), {"kind": f"named:{offered[0]}", "occurred_on": "2024-05-02"}
    )
    dated = WorkItem.objects.filter(due_date__isnull=False).order_by("task__order")
    # Both tasks of the 2024 plan, whatever their wording; none of 2023.
    assert [(i.task.plan.year, i.task.order) for i in dated] == [(2024, 1), (2024, 2)]


def test_a_named_event_in_a_year_no_plan_waits_for_it_is_refused(
    client, secretary, director, organization
):
    plan = PlanFactory(organization=organization, year=2023)
    add_task(plan, timing="Khi có sự thay đổi về cơ cấu tổ chức")
    _approve(plan, secretary, director)
    client.force_login(secretary)
    response = client.post(
        reverse("plans:event_list"), {"kind": f"named:{WORDS}", "occurred_on": "2025-03-01"}
    )
    assert response.status_code == 200
    assert "Không có kế hoạch đã phê duyệt nào của năm 2025 chờ sự kiện này." in (
        response.content.decode()
    )
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "recorded",
    [
        "thay đổi về cơ cấu tổ chức",
        "Thay đổi cơ cấu tổ chức",
        "có sự thay đổi về cơ cấu tổ chức",
        "thay doi co cau to chuc",
        "co su thay doi ve co cau to chuc",
        "thay đổi về cơ cấu tổ chức — Quyết định số 12",
    ],
)
def test_similar_wordings_are_the_same_named_event(recorded):
    wait = EventWait(kind="named", description=WORDS)
    assert wait.matches(Event(kind="named", description=recorded))


@pytest.mark.parametrize(
    "recorded",
    ["thay đổi lãnh đạo", "cơ cấu tổ chức", ""],
)
def test_other_named_events_do_not_match(recorded):
    wait = EventWait(kind="named", description=WORDS)
    assert not wait.matches(Event(kind="named", description=recorded))
    assert not EventWait(kind="named", description="").matches(Event(kind="named"))
