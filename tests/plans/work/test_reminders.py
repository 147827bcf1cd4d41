"""Reminders: each sent once, never lost. Time is frozen with time-machine."""

import datetime
import socket
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from icalendar import Calendar

from plans.choices import Role
from plans.models import Delivery, Notification, WorkItem
from plans.planning.services.plan import plan_approve, plan_close, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.models import DAILY_KINDS
from plans.work.reminders import (
    TemporaryDeliveryError,
    deliver,
    plan_reminders,
    reminders_sweep,
)
from plans.work.services import work_item_complete
from tests.factories import DepartmentFactory, OrganizationFactory, add_task


def reminder_log():
    """The reminders of the delivery log (approving a plan also writes hand-off messages)."""
    return Delivery.objects.filter(kind__in=DAILY_KINDS)


def reminder_inbox():
    return Notification.objects.filter(delivery__kind__in=DAILY_KINDS)


D = datetime.date
# 13/10/2022 08:00 in Hồ Chí Minh City (after the default reminder time 07:30); a Thursday.
THURSDAY_MORNING = datetime.datetime(2022, 10, 13, 1, 0, tzinfo=datetime.UTC)


def _approve(plan, secretary, director):
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)


def _sweep_and_send(now=THURSDAY_MORNING):
    results = []
    for delivery_id in reminders_sweep(now=now):
        results.append(deliver(delivery_id=delivery_id, now=now))
    return results


@pytest.fixture
def head(make_member, department):
    return make_member(
        Role.DEPARTMENT_HEAD,
        department=department,
        username="truongphong",
        full_name="Phạm Văn Hùng",
        email="hung@example.gov.vn",
    )


@pytest.fixture
def due_in_3_days(plan, secretary, director, department):
    add_task(
        plan,
        content="Báo cáo kết quả khảo sát sự hài lòng",
        timing="Trước ngày 17/10/2022",
        leads=[UnitRef(department_id=department.pk)],
    )
    _approve(plan, secretary, director)
    return WorkItem.objects.get()


@pytest.mark.django_db
def test_an_item_due_in_3_days_produces_exactly_one_email(due_in_3_days, head):
    # Due Monday 17/10/2022, four days ahead — move the clock.
    assert due_in_3_days.due_date == D(2022, 10, 17)
    now = THURSDAY_MORNING + datetime.timedelta(days=1)  # Friday 14/10: 3 days before
    assert _sweep_and_send(now) == ["sent"]
    [message] = mail.outbox
    assert message.to == ["hung@example.gov.vn"]
    assert message.subject == "[isoplan] 1 việc sắp đến hạn — 14/10/2022"
    assert "Kính gửi Phạm Văn Hùng," in message.body
    assert "17/10/2022 — Báo cáo kết quả khảo sát sự hài lòng" in message.body
    link = "http://127.0.0.1:8000" + reverse("plans:work_item_detail", args=[due_in_3_days.pk])
    assert link in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert f'href="{link}"' in html
    assert reminder_inbox().get(user=head).title == message.subject


@pytest.mark.django_db
def test_a_digest_recorded_with_its_ids_as_json_is_still_sent(due_in_3_days, head):
    """Before migration plans 0032 the ids were a JSON list; those rows read the same."""
    now = THURSDAY_MORNING + datetime.timedelta(days=1)
    [delivery_id] = reminders_sweep(now=now)
    assert Delivery.objects.get(pk=delivery_id).item_ids == [due_in_3_days.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_delivery SET item_ids = %s WHERE id = %s",
            [f"[{due_in_3_days.pk}, {due_in_3_days.pk + 1000}]", delivery_id],
        )
    assert Delivery.objects.get(pk=delivery_id).item_ids == [
        due_in_3_days.pk,
        due_in_3_days.pk + 1000,
    ]
    assert deliver(delivery_id=delivery_id, now=now) == "sent"
    assert "Báo cáo kết quả khảo sát sự hài lòng" in mail.outbox[0].body


@pytest.mark.django_db
def test_no_reminder_on_days_that_are_not_an_offset(due_in_3_days, head):
    # Thursday 13/10 is 4 days before the due date: offsets are 7, 3, 1 and 0.
    assert _sweep_and_send() == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_sweep_run_twice_on_the_same_day_sends_nothing_the_second_time(due_in_3_days, head):
    now = THURSDAY_MORNING + datetime.timedelta(days=1)
    assert _sweep_and_send(now) == ["sent"]
    assert _sweep_and_send(now + datetime.timedelta(hours=3)) == []
    assert len(mail.outbox) == 1
    assert reminder_log().count() == 1


@pytest.mark.django_db
def test_before_the_organizations_reminder_time_nothing_is_sent(due_in_3_days, head):
    early = datetime.datetime(2022, 10, 13, 23, 0, tzinfo=datetime.UTC)  # 06:00 on 14/10
    assert _sweep_and_send(early) == []


@pytest.mark.django_db
def test_only_the_organizations_due_now_are_planned(due_in_3_days, head):
    """An organization whose reminder time has not come keeps its items (and its held hand-off
    messages) for its own sweep, whatever the others' sweep reads."""
    friday = D(2022, 10, 14)  # 3 days before
    assert plan_reminders(today=friday, organizations=[OrganizationFactory()]) == []
    planned = plan_reminders(today=friday, organizations=[due_in_3_days.organization])
    assert [(p.recipient_id, p.item_ids) for p in planned if p.item_ids] == [
        (head.pk, [due_in_3_days.pk])
    ]


@pytest.mark.django_db
def test_a_person_with_email_turned_off_gets_only_the_inbox_entry(due_in_3_days, head):
    head.email_reminders = False
    head.save()
    assert _sweep_and_send(THURSDAY_MORNING + datetime.timedelta(days=1)) == ["sent"]
    assert mail.outbox == []
    assert reminder_inbox().filter(user=head).count() == 1


@pytest.mark.django_db
def test_a_digest_whose_items_were_closed_meanwhile_is_not_sent(due_in_3_days, head, secretary):
    now = THURSDAY_MORNING + datetime.timedelta(days=1)
    [delivery_id] = reminders_sweep(now=now)
    work_item_complete(item=due_in_3_days, user=head)
    assert deliver(delivery_id=delivery_id, now=now) == "empty"
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_claim_left_by_a_dead_worker_is_taken_over(due_in_3_days, head):
    now = THURSDAY_MORNING + datetime.timedelta(days=1)
    [delivery_id] = reminders_sweep(now=now)
    # A worker claimed it and died before sending.
    Delivery.objects.filter(pk=delivery_id).update(status="sending", claimed_at=now, attempts=1)
    assert deliver(delivery_id=delivery_id, now=now + datetime.timedelta(minutes=2)) == (
        "not-claimed"
    )
    later = now + datetime.timedelta(minutes=11)
    assert reminders_sweep(now=later) == [delivery_id]
    assert deliver(delivery_id=delivery_id, now=later) == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_escalation_lists_only_items_past_the_threshold(
    plan, secretary, director, department, head
):
    secretary.email, director.email = "thuky@example.gov.vn", "giamdoc@example.gov.vn"
    secretary.save()
    director.save()
    for timing in ["Trước ngày 03/10/2022", "Trước ngày 07/10/2022", "Trước ngày 20/10/2022"]:
        add_task(
            plan,
            content=f"Việc {timing}",
            timing=timing,
            leads=[UnitRef(department_id=department.pk)],
        )
    _approve(plan, secretary, director)
    monday = datetime.datetime(2022, 10, 10, 1, 0, tzinfo=datetime.UTC)  # 08:00 on Monday 10/10
    reminders_sweep(now=monday)
    escalations = reminder_log().filter(kind="escalation")
    assert {d.recipient for d in escalations} == {secretary, director}
    # 03/10 is 7 days late (> 3); 07/10 is 3 days late (not more than 3); 20/10 is not due.
    expected = [WorkItem.objects.get(due_date=D(2022, 10, 3)).pk]
    assert all(d.item_ids == expected for d in escalations)
    for delivery in escalations:
        deliver(delivery_id=delivery.pk, now=monday)
    message = next(m for m in mail.outbox if "Báo cáo tuần" in m.subject)
    assert "Phòng Người có công:" in message.body
    assert "Việc Trước ngày 03/10/2022" in message.body
    assert "Việc Trước ngày 07/10/2022" not in message.body


@pytest.mark.django_db
def test_no_escalation_on_other_days(plan, secretary, director, department, head):
    add_task(plan, timing="Trước ngày 03/10/2022", leads=[UnitRef(department_id=department.pk)])
    _approve(plan, secretary, director)
    reminders_sweep(now=THURSDAY_MORNING)
    assert not reminder_log().filter(kind="escalation").exists()


class FlakySMTPHandler:
    """An SMTP server that refuses the first ``failures`` messages with a temporary error."""

    def __init__(self, failures: int):
        self.failures = failures
        self.received = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.failures:
            self.failures -= 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope)
        return "250 OK"


@pytest.mark.django_db
def test_a_mail_server_failing_twice_gets_the_mail_on_the_third_attempt(
    due_in_3_days, head, settings
):
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port on this machine
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = FlakySMTPHandler(failures=2)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        now = THURSDAY_MORNING + datetime.timedelta(days=1)
        [delivery_id] = reminders_sweep(now=now)
        for attempt in range(2):
            with pytest.raises(TemporaryDeliveryError):
                deliver(delivery_id=delivery_id, now=now + datetime.timedelta(minutes=attempt))
        # The next sweep of the day picks the failed delivery up again.
        later = now + datetime.timedelta(minutes=15)
        assert reminders_sweep(now=later) == [delivery_id]
        assert deliver(delivery_id=delivery_id, now=later) == "sent"
        assert reminders_sweep(now=later + datetime.timedelta(minutes=15)) == []
    finally:
        controller.stop()
    assert len(handler.received) == 1
    delivery = reminder_log().get()
    assert (delivery.status, delivery.attempts) == ("sent", 3)
    assert [e["attempt"] for e in delivery.errors] == [1, 2]
    assert "Try again later" in delivery.errors[0]["error"]


@pytest.mark.django_db(transaction=True)
def test_four_workers_sweeping_concurrently_send_each_digest_once(
    require_postgres, organization, make_member
):
    from tests.factories import PlanFactory, UserFactory

    secretary = make_member(Role.ISO_SECRETARY, username="thuky")
    director = make_member(Role.DIRECTOR, username="giamdoc")
    departments = [DepartmentFactory(organization=organization) for _ in range(40)]
    for department in departments:
        head = UserFactory(email=f"head{department.pk}@example.gov.vn")
        from tests.factories import MembershipFactory

        MembershipFactory(
            user=head, organization=organization, role=Role.DEPARTMENT_HEAD, department=department
        )
    plan = PlanFactory(organization=organization)
    for n in range(25):
        add_task(
            plan, content=f"Việc {n}", timing="Hàng tháng", leads=[UnitRef(party="all_departments")]
        )
    _approve(plan, secretary, director)
    assert WorkItem.objects.count() == 25 * 12 * 40  # 12,000 items

    now = datetime.datetime(2022, 11, 30, 1, 0, tzinfo=datetime.UTC)  # 30/11, a due day
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        try:
            barrier.wait()
            for delivery_id in reminders_sweep(now=now):
                deliver(delivery_id=delivery_id, now=now)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert len(recipients) == 40
    assert len(set(recipients)) == 40  # nobody twice
    assert reminder_log().filter(status="sent").count() == 40


@pytest.mark.django_db
def test_the_calendar_feed_lists_exactly_the_persons_open_items(
    client, plan, secretary, director, department, head, organization
):
    other = DepartmentFactory(organization=organization)
    add_task(
        plan, content="Của phòng", timing="Hàng quý", leads=[UnitRef(department_id=department.pk)]
    )
    add_task(plan, content="Phòng khác", timing="Tháng 5", leads=[UnitRef(department_id=other.pk)])
    _approve(plan, secretary, director)
    done = WorkItem.objects.get(task__content="Của phòng", period_key="q-1")
    work_item_complete(item=done, user=head)

    client.logout()  # calendar apps do not log in
    response = client.get(reverse("plans:person_feed", args=[head.calendar_token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    expected = WorkItem.objects.filter(task__content="Của phòng").exclude(pk=done.pk)
    assert {str(e["uid"]) for e in events} == {f"workitem-{i.pk}@isoplan" for i in expected}
    assert {e.decoded("dtstart") for e in events} == {i.due_date for i in expected}

    unit = client.get(reverse("plans:unit_feed", args=[other.calendar_token]))
    assert len(list(Calendar.from_ical(unit.content).walk("VEVENT"))) == 1


@pytest.mark.django_db
def test_a_wrong_calendar_token_gets_404(client, head):
    assert client.get(reverse("plans:person_feed", args=["not-the-token"])).status_code == 404
    assert client.get(reverse("plans:unit_feed", args=["not-the-token"])).status_code == 404


@pytest.mark.django_db
def test_a_new_calendar_address_retires_the_old_one(client, head):
    old = head.calendar_token
    client.force_login(head)
    assert "Tạo địa chỉ lịch mới?" in client.get(reverse("plans:feed_token_renew")).content.decode()
    client.post(reverse("plans:feed_token_renew"))
    head.refresh_from_db()
    assert head.calendar_token != old
    assert client.get(reverse("plans:person_feed", args=[old])).status_code == 404


@pytest.mark.django_db
def test_the_bell_shows_the_unread_count_and_the_inbox_marks_read(client, due_in_3_days, head):
    _sweep_and_send(THURSDAY_MORNING + datetime.timedelta(days=1))
    client.force_login(head)
    page = client.get(reverse("plans:unit_work"))
    assert page.context["unread_notifications"] == 1
    assert 'id="unread-count">1' in page.content.decode()
    notification = reminder_inbox().get()
    detail = client.get(reverse("plans:notification_detail", args=[notification.pk]))
    assert "Báo cáo kết quả khảo sát sự hài lòng" in detail.content.decode()
    assert client.get(reverse("plans:unit_work")).context["unread_notifications"] == 0


@pytest.mark.django_db
def test_one_cannot_read_someone_elses_notification(client, due_in_3_days, head, make_member):
    _sweep_and_send(THURSDAY_MORNING + datetime.timedelta(days=1))
    client.force_login(make_member(Role.STAFF))
    notification = reminder_inbox().get()
    assert (
        client.get(reverse("plans:notification_detail", args=[notification.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_email_can_be_turned_off_in_the_profile(client, head):
    client.force_login(head)
    client.post(reverse("plans:profile"), {"email": head.email, "handoff_email": "daily"})
    head.refresh_from_db()
    assert head.email_reminders is False
    assert head.handoff_email == "daily"


@pytest.mark.django_db
def test_send_reminders_dry_run_prints_without_sending(due_in_3_days, head, capsys):
    with time_machine.travel(THURSDAY_MORNING):
        call_command("send_reminders", "--date", "2022-10-14", "--dry-run")
    assert "truongphong: Nhắc việc hằng ngày, 1 việc" in capsys.readouterr().out
    assert reminder_log().count() == 0
    assert mail.outbox == []
    call_command("send_reminders", "--date", "2022-10-14")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_closing_a_plan_ends_its_open_items_and_their_reminders(
    plan, secretary, director, department, head
):

    for content in ("Báo cáo tổng kết", "Lưu hồ sơ"):
        add_task(
            plan,
            content=content,
            timing="Trước ngày 16/12/2022",
            leads=[UnitRef(department_id=department.pk)],
        )
    _approve(plan, secretary, director)
    done = WorkItem.objects.get(task__content="Lưu hồ sơ")
    work_item_complete(item=done, user=head)
    tuesday = datetime.datetime(2022, 12, 13, 1, 0, tzinfo=datetime.UTC)  # 3 days before 16/12

    with time_machine.travel(tuesday - datetime.timedelta(hours=1)):
        plan_close(plan=plan, user=director)

    statuses = dict(WorkItem.objects.values_list("task__content", "status"))
    assert statuses == {"Báo cáo tổng kết": "lapsed", "Lưu hồ sơ": "done"}
    assert reminders_sweep(now=tuesday) == []  # it would have been reminded today
    # still not done in the year's figures, closed by the director in the item's history
    assert WorkItem.objects.filter(task__plan=plan).progress(D(2022, 12, 13)) == {
        "done": 1,
        "overdue": 1,
        "upcoming": 0,
    }
    lapsed = WorkItem.objects.get(status="lapsed")
    assert lapsed.history.first().history_user == director
