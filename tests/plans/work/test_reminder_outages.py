"""Reminders outlast a mail outage: retried on one schedule for a day, sent once, never lost.

A real SMTP server (aiosmtpd) on a local port: "down" is nothing listening there. Simulated time
(time-machine) runs minute by minute: beat's sweep every 15 minutes, and a worker that runs the
`send_reminder` task when it is due and queues the task's own retries `countdown` seconds later,
as a Celery worker does.
"""

import asyncio
import datetime
import heapq
import io
import itertools
import socket
import threading
from collections import Counter

import pytest
import time_machine
from celery.exceptions import Retry
from django.core.management import call_command
from django.db import connection

from plans.choices import Role
from plans.models import Delivery, Notification
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from plans.tasks import send_reminder
from plans.work.models import DAILY_KINDS
from plans.work.reminders import deliver, reminders_sweep
from tests.factories import DepartmentFactory, PlanFactory, add_task


def reminder_log():
    """The reminders of the delivery log (approving a plan also writes hand-off messages)."""
    return Delivery.objects.filter(kind__in=DAILY_KINDS)


def reminder_inbox():
    return Notification.objects.filter(delivery__kind__in=DAILY_KINDS)


MINUTE = datetime.timedelta(minutes=1)
# Friday 14/10/2022, 07:30 in Hồ Chí Minh City: the default reminder time, three days before
# the items due on Monday 17/10.
FRIDAY_0730 = datetime.datetime(2022, 10, 14, 0, 30, tzinfo=datetime.UTC)


class MailServer:
    """A local SMTP server that is down (nothing listens on its port) until `up()`."""

    def __init__(self):
        with socket.socket() as probe:  # a free port on this machine
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.received: Counter[str] = Counter()
        self.controller = None

    def up(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def down(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        await self.accept(envelope)
        return "250 OK"

    async def accept(self, envelope):
        self.received.update(envelope.rcpt_tos)


class HoldingMailServer(MailServer):
    """Holds the first message until `release` is set: a worker is caught mid-send."""

    def __init__(self):
        super().__init__()
        self.holding = threading.Event()
        self.release = threading.Event()

    async def accept(self, envelope):
        if not self.holding.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        await super().accept(envelope)


@pytest.fixture
def mail_server(settings):
    server = MailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 30
    yield server
    server.down()


class SimulatedWorker:
    """Runs queued `send_reminder` messages once simulated time reaches them; a retry raised by
    the task is queued again for `countdown` seconds later, as a Celery worker does."""

    def __init__(self):
        self.queue: list = []
        self.order = itertools.count()
        self.crashed: list[BaseException] = []

    def enqueue(self, delivery_id, at, retries=0):
        heapq.heappush(self.queue, (at, next(self.order), delivery_id, retries))

    def run_due(self, now):
        while self.queue and self.queue[0][0] <= now:
            _, _, delivery_id, retries = heapq.heappop(self.queue)
            self.run(delivery_id, retries, now)

    def run(self, delivery_id, retries=0, now=None):
        send_reminder.push_request(
            id=f"task-{next(self.order)}",
            args=[delivery_id],
            kwargs={},
            retries=retries,
            is_eager=True,  # a retry is handed back to us, not published to a broker
            called_directly=False,
        )
        try:
            return send_reminder.run(delivery_id)
        except Retry as retry:
            self.enqueue(
                delivery_id, now + datetime.timedelta(seconds=retry.when), retries=retries + 1
            )
        except Exception as error:  # the task failed for good: what a worker would log
            self.crashed.append(error)
        finally:
            send_reminder.pop_request()


def beat_and_worker(clock, worker, start, end, *, mail_server=None, up_at=None):
    """Minute by minute from start to end: beat's sweep at :00, :15, :30 and :45 (what
    plans.tasks.sweep_reminders runs; its tasks queued at once), then the due tasks."""
    moment = start
    while moment <= end:
        clock.move_to(moment)
        if up_at is not None and moment >= up_at and mail_server.controller is None:
            mail_server.up()
        if moment.minute % 15 == 0:
            for delivery_id in reminders_sweep(now=moment):
                worker.enqueue(delivery_id, moment)
        worker.run_due(moment)
        moment += MINUTE


def make_digests(count, organization, secretary, director):
    """`count` department heads, each with an item due on Monday 17/10/2022 (digest on Friday)."""
    from tests.factories import MembershipFactory, UserFactory

    heads = []
    for n in range(count):
        department = DepartmentFactory(organization=organization)
        head = UserFactory(username=f"head{n}", email=f"head{n}@example.gov.vn")
        MembershipFactory(
            user=head, organization=organization, role=Role.DEPARTMENT_HEAD, department=department
        )
        heads.append(head.email)
    plan = PlanFactory(organization=organization)
    add_task(
        plan,
        content="Báo cáo kết quả khảo sát sự hài lòng",
        timing="Trước ngày 16/10/2022",
        leads=[UnitRef(party="all_departments")],
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    return heads


def attempt_times(delivery):
    return [datetime.datetime.fromisoformat(e["at"]) for e in delivery.errors]


@pytest.mark.parametrize("outage_minutes", [40, 120])
@pytest.mark.django_db
def test_a_mail_outage_of_two_hours_loses_no_digest_and_sends_none_twice(
    outage_minutes, organization, secretary, director, mail_server
):
    heads = make_digests(8, organization, secretary, director)
    back_up = FRIDAY_0730 + outage_minutes * MINUTE
    worker = SimulatedWorker()
    with time_machine.travel(FRIDAY_0730, tick=False) as clock:
        beat_and_worker(
            clock,
            worker,
            FRIDAY_0730,
            back_up + 2 * 60 * MINUTE,
            mail_server=mail_server,
            up_at=back_up,
        )
    assert mail_server.received == Counter(heads)  # every digest, each exactly once
    assert worker.crashed == []
    assert set(reminder_log().values_list("status", flat=True)) == {"sent"}
    for delivery in reminder_log().all():
        # One retry chain per delivery, however many sweeps ran meanwhile: no two attempts
        # closer than the schedule (1, 2, 4, 8, 15, 30, 60 minutes).
        times = attempt_times(delivery)
        gaps = [(b - a) // MINUTE for a, b in itertools.pairwise(times)]
        schedule = [1, 2, 4, 8, 15, 30] + [60] * len(gaps)
        assert all(gap >= due for gap, due in zip(gaps, schedule, strict=False))
        assert delivery.sent_at < back_up + 75 * MINUTE


@pytest.mark.django_db
def test_a_failing_digest_is_retried_through_the_night_and_given_up_after_a_day(
    organization, secretary, director, mail_server
):
    make_digests(1, organization, secretary, director)
    worker = SimulatedWorker()
    saturday_0730 = FRIDAY_0730 + datetime.timedelta(days=1)
    with time_machine.travel(FRIDAY_0730, tick=False) as clock:
        beat_and_worker(clock, worker, FRIDAY_0730, saturday_0730 - MINUTE)
        delivery = reminder_log().get()
        assert delivery.status == "failed"  # 23 h 59 min after the first attempt: not given up
        beat_and_worker(clock, worker, saturday_0730, saturday_0730 + 3 * 60 * MINUTE)
    assert worker.crashed == []
    delivery.refresh_from_db()
    assert delivery.status == "gave_up"
    times = attempt_times(delivery)
    # The task's own retries, then the sweeps' at the next attempt's time: every hour, past
    # midnight, until the first failure a full day after the first attempt.
    gaps = [(b - a) // MINUTE for a, b in itertools.pairwise(times)]
    assert gaps == [1, 2, 4, 8, 15, 30] + [60] * 23
    assert (times[0], times[-1]) == (FRIDAY_0730, saturday_0730)
    assert mail_server.received == Counter()


@pytest.mark.django_db
def test_send_reminders_during_an_outage_then_the_sweeps_send_each_digest_once(
    organization, secretary, director, mail_server
):
    heads = make_digests(6, organization, secretary, director)
    friday_0800 = FRIDAY_0730 + 30 * MINUTE
    worker = SimulatedWorker()
    with time_machine.travel(friday_0800, tick=False) as clock:
        # --date only picks the day planned: the attempts are on the real clock (not at that
        # day's 23:59, which no sweep of the day would reach).
        errors = io.StringIO()
        call_command("send_reminders", "--date", "2022-10-14", stdout=io.StringIO(), stderr=errors)
        clock.move_to(friday_0800 + 5 * MINUTE)
        call_command("send_reminders", stdout=io.StringIO(), stderr=io.StringIO())  # still down
        assert set(reminder_log().values_list("status", flat=True)) == {"failed"}
        assert set(reminder_log().values_list("attempts", flat=True)) == {2}
        beat_and_worker(
            clock,
            worker,
            friday_0800 + 15 * MINUTE,
            friday_0800 + 3 * 60 * MINUTE,
            mail_server=mail_server,
            up_at=friday_0800 + 20 * MINUTE,
        )
        out = io.StringIO()
        call_command("send_reminders", stdout=out, stderr=io.StringIO())
    assert mail_server.received == Counter(heads)
    assert set(reminder_log().values_list("status", flat=True)) == {"sent"}
    assert out.getvalue() == "0 reminder(s) sent for 14/10/2022.\n"
    assert worker.crashed == []
    assert "Connection refused (next attempt at 14/10/2022 08:01)" in errors.getvalue()


@pytest.mark.django_db(transaction=True)
def test_send_reminders_beside_a_worker_mid_send_sends_nothing_twice(
    require_postgres, organization, secretary, director, settings
):
    server = HoldingMailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 30
    heads = make_digests(3, organization, secretary, director)
    friday_0800 = FRIDAY_0730 + 30 * MINUTE
    worker = SimulatedWorker()
    crashed = []

    def run_the_queue():
        try:
            worker.run_due(friday_0800)
        except Exception as error:
            crashed.append(error)
        finally:
            connection.close()

    server.up()
    try:
        with time_machine.travel(friday_0800, tick=False):
            for delivery_id in reminders_sweep(now=friday_0800):  # beat
                worker.enqueue(delivery_id, friday_0800)
            thread = threading.Thread(target=run_the_queue)
            thread.start()
            assert server.holding.wait(timeout=30)  # the worker is inside its first send
            out = io.StringIO()
            call_command("send_reminders", "--date", "2022-10-14", stdout=out)
            server.release.set()
            thread.join(timeout=60)
    finally:
        server.release.set()
        server.down()
    assert not thread.is_alive()
    assert server.received == Counter(heads)  # one message each
    assert crashed == worker.crashed == []
    assert out.getvalue() == "0 reminder(s) sent for 14/10/2022.\n"
    assert reminder_inbox().count() == 3
    assert set(reminder_log().values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_outlived_its_claim_finishes_without_an_error(
    require_postgres, organization, secretary, director, settings
):
    """The documented window: a sender stuck for longer than STALE_CLAIM is taken over and the
    digest goes out twice. The late sender must still finish cleanly: one inbox entry."""
    server = HoldingMailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 30
    [head] = make_digests(1, organization, secretary, director)
    friday_0800 = FRIDAY_0730 + 30 * MINUTE
    results, crashed = [], []

    def slow_sender(delivery_id):
        try:
            results.append(deliver(delivery_id=delivery_id))
        except Exception as error:
            crashed.append(error)
        finally:
            connection.close()

    server.up()
    try:
        with time_machine.travel(friday_0800, tick=False) as clock:
            [delivery_id] = reminders_sweep(now=friday_0800)
            thread = threading.Thread(target=slow_sender, args=[delivery_id])
            thread.start()
            assert server.holding.wait(timeout=30)
            later = friday_0800 + 11 * MINUTE
            clock.move_to(later)
            assert reminders_sweep(now=later) == [delivery_id]
            results.append(deliver(delivery_id=delivery_id))
            server.release.set()
            thread.join(timeout=60)
    finally:
        server.release.set()
        server.down()
    assert crashed == []
    assert results == ["sent", "sent"]
    assert server.received == Counter({head: 2})
    assert reminder_inbox().count() == 1
    assert reminder_log().get().status == "sent"
