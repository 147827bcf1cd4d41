"""The Celery app is configured from Django settings and its broker accepts connections.

In CI the broker is Redis (.ci/run sets CELERY_BROKER_URL): if Redis is down this fails, it does
not skip. On a laptop the default is kombu's filesystem transport, which needs no service.
"""

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
