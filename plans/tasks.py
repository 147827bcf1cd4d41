"""Celery tasks: thin — ids in, a service call. See plans/work/reminders.py for the rules."""

import datetime
import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from plans.models import DeliveryStatus
from plans.organizations.services import password_reset_send
from plans.work.reminders import TemporaryDeliveryError, deliver, reminders_sweep

# The task retries by itself only the attempts due this soon (the schedule's 1, 2, 4, 8, 15
# minutes): a long countdown on Redis outlives the visibility timeout and is delivered twice.
# Later attempts are queued by the sweep when their time comes.
SHORT_RETRY = datetime.timedelta(minutes=15)


@shared_task
def sweep_reminders() -> int:
    """Run by beat every 15 minutes; each organization is reminded once its time has come."""
    with transaction.atomic():
        ids = reminders_sweep(now=timezone.now())
        for delivery_id in ids:
            # Enqueued after commit: a worker never looks for a row that is not there yet.
            transaction.on_commit(lambda pk=delivery_id: send_reminder.delay(pk))
    return len(ids)


# No max_retries: the delivery's own schedule (and its give-up horizon) bounds the retries.
@shared_task(bind=True, max_retries=None)
def send_reminder(self, delivery_id: int) -> str:
    try:
        return deliver(delivery_id=delivery_id, retry_within=SHORT_RETRY)
    except TemporaryDeliveryError as error:
        if error.countdown is None:  # the sweep takes the next attempt, or it was given up
            return DeliveryStatus.GAVE_UP if error.retry_at is None else DeliveryStatus.FAILED
        raise self.retry(countdown=error.countdown, exc=error) from error


@shared_task(bind=True, max_retries=8)
def send_password_reset(self, user_id: int) -> bool:
    try:
        return password_reset_send(user_id=user_id)
    except (smtplib.SMTPException, OSError) as error:
        # 1, 2, 4, 8 then every 15 minutes: about 75 minutes in all, while the link (valid
        # PASSWORD_RESET_TIMEOUT, 2 hours by default) is still worth sending.
        raise self.retry(countdown=min(60 * 2**self.request.retries, 900), exc=error) from error
