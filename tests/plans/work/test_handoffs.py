"""Hand-off messages: each workflow step tells whom it hands the record to, once, in the inbox at
once and by email as the person chooses."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from plans.choices import Role
from plans.models import Delivery, Notification
from plans.planning.services.plan import plan_approve, plan_return, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.handoffs import tell
from plans.work.reminders import deliver, reminders_sweep
from tests.factories import add_task

pytestmark = pytest.mark.django_db
# 13/10/2022 08:00 in Hồ Chí Minh City, after the default reminder time.
MORNING = datetime.datetime(2022, 10, 13, 1, 0, tzinfo=datetime.UTC)


@pytest.fixture
def people(make_member, department):
    return {
        "secretary": make_member(
            Role.ISO_SECRETARY, username="thuky", full_name="Trần Thị Lan", email="lan@x.vn"
        ),
        "director": make_member(
            Role.DIRECTOR, username="giamdoc", full_name="Lê Văn Minh", email="minh@x.vn"
        ),
        "deputy": make_member(Role.DEPUTY_DIRECTOR, username="phogiamdoc", email="pho@x.vn"),
        "head": make_member(
            Role.DEPARTMENT_HEAD,
            department=department,
            username="truongphong",
            email="hung@x.vn",
        ),
        "staff": make_member(Role.STAFF, department=department, username="chuyenvien"),
    }


@pytest.fixture
def plan_with_unit_work(plan, department):
    add_task(
        plan,
        content="Rà soát quy trình giải quyết TTHC của phòng",
        timing="Trước ngày 15/11/2022",
        leads=[UnitRef(department_id=department.pk)],
    )
    return plan


def inbox(user):
    return list(Notification.objects.filter(user=user).order_by("pk"))


def test_submit_return_resubmit_approve_tells_each_person_once(plan_with_unit_work, people):
    plan = plan_with_unit_work
    secretary, director = people["secretary"], people["director"]
    plan_submit(plan=plan, user=secretary)
    # Who may approve: the director and the deputy; nobody else, not the one who submitted.
    for leader in (director, people["deputy"]):
        (message,) = inbox(leader)
        assert message.title == f"Trần Thị Lan đã gửi {plan} chờ bạn phê duyệt."
        assert message.link == plan.get_absolute_url()
    assert inbox(secretary) == inbox(people["head"]) == inbox(people["staff"]) == []

    plan_return(plan=plan, user=director, comment="Bổ sung thời gian khảo sát sự hài lòng")
    (returned,) = inbox(secretary)
    assert returned.title == f"Lê Văn Minh đã trả lại {plan} để chỉnh sửa."
    assert "Bổ sung thời gian khảo sát sự hài lòng" in returned.body

    plan_submit(plan=plan, user=secretary)  # a new step: a new message
    assert len(inbox(director)) == 2
    plan_approve(plan=plan, user=director)
    approved = inbox(secretary)[-1]
    assert approved.title == f"Lê Văn Minh đã phê duyệt {plan}."
    # The unit that got work: what and by when.
    (work,) = inbox(people["head"])
    assert str(plan) in work.title
    assert "Rà soát quy trình giải quyết TTHC của phòng" in work.body
    assert "15/11/2022" in work.body
    assert inbox(people["staff"]) == []
    # two submissions to two leaders, a return, an approval, the unit's work
    assert Delivery.objects.filter(kind="handoff").count() == 7


def test_a_repeated_request_sends_no_second_message(client, plan_with_unit_work, people):
    plan = plan_with_unit_work
    client.force_login(people["secretary"])
    url = reverse("plans:plan_submit", args=[plan.pk])
    client.post(url)
    client.post(url)  # a double click, the back button
    assert len(inbox(people["director"])) == 1
    client.force_login(people["director"])
    url = reverse("plans:plan_approve", args=[plan.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "Đã thực hiện lúc" in response.content.decode()
    assert len(inbox(people["secretary"])) == 1
    assert len(inbox(people["head"])) == 1


def test_the_same_step_told_twice_writes_one_message(plan, people, organization):
    for _attempt in range(2):  # a retried request, a second worker
        tell(
            [people["director"]],
            organization=organization,
            key="plans.plan:1:submit:7",
            title="Kế hoạch chờ phê duyệt",
            body="…",
            link="/",
        )
    assert len(inbox(people["director"])) == 1
    assert Delivery.objects.filter(kind="handoff").count() == 1


def test_email_at_once_is_sent_by_one_sender(plan_with_unit_work, people):
    plan_submit(plan=plan_with_unit_work, user=people["secretary"])
    delivery = Delivery.objects.get(recipient=people["director"], kind="handoff")
    assert delivery.status == "pending"
    assert deliver(delivery_id=delivery.pk) == "sent"
    assert deliver(delivery_id=delivery.pk) == "not-claimed"  # a second worker
    (email,) = mail.outbox
    assert email.to == ["minh@x.vn"]
    assert email.subject == f"Trần Thị Lan đã gửi {plan_with_unit_work} chờ bạn phê duyệt."
    assert plan_with_unit_work.get_absolute_url() in email.body


def test_email_in_the_daily_reminder_or_not_at_all(plan_with_unit_work, people):
    director, deputy = people["director"], people["deputy"]
    director.handoff_email = "daily"
    director.save()
    deputy.handoff_email = "never"
    deputy.save()
    with time_machine.travel(MORNING - datetime.timedelta(days=1)):
        plan_submit(plan=plan_with_unit_work, user=people["secretary"])
    assert Delivery.objects.get(recipient=director, kind="handoff").status == "held"
    assert Delivery.objects.get(recipient=deputy, kind="handoff").status == "sent"
    assert len(inbox(deputy)) == 1  # in the inbox all the same
    assert mail.outbox == []

    # The next morning's reminder carries it, although nothing of the director's is due.
    for delivery_id in reminders_sweep(now=MORNING):
        deliver(delivery_id=delivery_id, now=MORNING)
    (email,) = mail.outbox
    assert email.to == ["minh@x.vn"]
    assert "1 bước phê duyệt" in email.subject
    assert f"Trần Thị Lan đã gửi {plan_with_unit_work} chờ bạn phê duyệt." in email.body
    assert Delivery.objects.get(recipient=director, kind="handoff").status == "sent"
    # Told once: the next day's reminder does not carry it again.
    mail.outbox.clear()
    tomorrow = MORNING + datetime.timedelta(days=1)
    for delivery_id in reminders_sweep(now=tomorrow):
        deliver(delivery_id=delivery_id, now=tomorrow)
    assert mail.outbox == []


def test_the_profile_chooses_how_approval_steps_come_by_email(client, people):
    client.force_login(people["director"])
    page = client.get(reverse("plans:profile")).content.decode()
    assert "Các bước phê duyệt qua email" in page
    client.post(
        reverse("plans:profile"),
        {"email": "minh@x.vn", "email_reminders": "on", "handoff_email": "never"},
    )
    people["director"].refresh_from_db()
    assert people["director"].handoff_email == "never"


def _approve_with_units(plan, make_member, organization, units: int) -> int:
    """Approve ``plan`` with a task for each of ``units`` units, each with its head; the
    queries the units' messages took."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans.planning.services.plan import plan_approve
    from plans.work.handoffs import new_work
    from plans.work.models import WorkItem
    from tests.factories import DepartmentFactory

    for n in range(units):
        unit = DepartmentFactory(organization=organization, name=f"Phòng {units}.{n}")
        make_member(Role.DEPARTMENT_HEAD, department=unit, username=f"head{units}_{n}")
        add_task(
            plan,
            content=f"Việc của phòng {n}",
            timing=f"Tháng 03/{plan.year}",
            leads=[UnitRef(department_id=unit.pk)],
        )
    director = make_member(Role.DIRECTOR, username=f"director{units}")
    plan_submit(plan=plan, user=make_member(Role.ISO_SECRETARY, username=f"sec{units}"))
    plan_approve(plan=plan, user=director)
    items = list(WorkItem.objects.filter(task__plan=plan, department__isnull=False).with_sources())
    with CaptureQueriesContext(connection) as queries:
        new_work(plan, "again", items=items, title="Việc mới", link="/", user=director)
    assert Notification.objects.filter(title="Việc mới").count() == units
    return len(queries)


def test_new_work_tells_every_unit_in_the_same_queries(make_member, organization):
    from tests.factories import PlanFactory

    two = _approve_with_units(PlanFactory(organization=organization), make_member, organization, 2)
    Notification.objects.filter(title="Việc mới").delete()
    six = _approve_with_units(
        PlanFactory(organization=organization, year=2023), make_member, organization, 6
    )
    assert six == two
