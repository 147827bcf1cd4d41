"""The Celery app is configured from Django settings and its broker accepts connections.

In CI the broker is Redis (.ci/run sets CELERY_BROKER_URL): if Redis is down this fails, it does
not skip. On a laptop the default is kombu's filesystem transport, which needs no service.
"""

import pytest
from django.conf import settings

from isoplan.celery import app


def test_celery_reads_its_configuration_from_django_settings():
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.timezone == "Asia/Ho_Chi_Minh"
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit


def test_the_broker_accepts_a_message_and_gives_it_back():
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)
        queue = connection.SimpleQueue("isoplan-test-ping")
        try:
            queue.clear()
            queue.put({"ping": 1})
            message = queue.get(timeout=5)
            assert message.payload == {"ping": 1}
            message.ack()
        finally:
            queue.clear()
            queue.close()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_sweep_and_sends_the_reminder(make_member, department, organization):
    """Beat's task, through the real broker (Redis in CI), run by a real worker thread."""
    import datetime
    import time

    import time_machine
    from celery.contrib.testing.worker import start_worker
    from django.core import mail

    from plans.choices import Role
    from plans.planning.services.plan import plan_approve, plan_submit
    from plans.planning.services.task import UnitRef
    from plans.tasks import sweep_reminders
    from tests.factories import PlanFactory, add_task

    secretary = make_member(Role.ISO_SECRETARY, username="thuky")
    director = make_member(Role.DIRECTOR, username="giamdoc")
    make_member(Role.DEPARTMENT_HEAD, department=department, email="hung@example.gov.vn")
    plan = PlanFactory(organization=organization)
    add_task(plan, timing="Trước ngày 20/10/2022", leads=[UnitRef(department_id=department.pk)])
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)

    # 19/10/2022 08:00 in Vietnam: one day before the due date.
    with (
        time_machine.travel(datetime.datetime(2022, 10, 19, 1, tzinfo=datetime.UTC), tick=True),
        start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30),
    ):
        sweep_reminders.delay()
        # The head's two emails: the plan's approval (queued when it was approved: what the unit
        # has to do) and the reminder the sweep sends.
        deadline = time.monotonic() + 30
        while len(mail.outbox) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # and no third one
    assert [m.to for m in mail.outbox] == [["hung@example.gov.vn"]] * 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert "đã được phê duyệt: công việc của đơn vị bạn" in subjects[0]
    assert subjects[1].startswith("[isoplan] 1 việc sắp đến hạn")
