import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.models import DeliveryStatus, Organization
from plans.work.reminders import (
    TemporaryDeliveryError,
    deliver,
    describe,
    plan_reminders,
    reminders_sweep,
)


class Command(BaseCommand):
    help = (
        "Send the reminders of a day (all organizations, whatever their reminder time), and any "
        "failed earlier whose next attempt has come. With --dry-run, only print who would get "
        "what. Works without a Celery worker, and beside running workers."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options) -> None:
        try:
            day = (
                datetime.date.fromisoformat(options["date"])
                if options["date"]
                else timezone.localdate()
            )
        except ValueError as error:
            raise CommandError("--date must be YYYY-MM-DD") from error
        organizations = list(Organization.objects.filter(is_active=True))
        if options["dry_run"]:
            planned = plan_reminders(today=day, organizations=organizations)
            for line in describe(planned) or ["(nothing to send)"]:
                self.stdout.write(line)
            return
        # --date only chooses the day planned: claims and the retry schedule run on the real
        # clock, shared with the workers (a claim dated otherwise would look fresh or stale).
        sent = 0
        ids = reminders_sweep(now=timezone.now(), day=day, organizations=organizations)
        for delivery_id in ids:
            try:
                sent += deliver(delivery_id=delivery_id) == DeliveryStatus.SENT
            except TemporaryDeliveryError as error:
                then = (
                    f"next attempt at {timezone.localtime(error.retry_at):%d/%m/%Y %H:%M}"
                    if error.retry_at
                    else "given up"
                )
                self.stderr.write(f"delivery {delivery_id}: {error} ({then})")
        self.stdout.write(f"{sent} reminder(s) sent for {day:%d/%m/%Y}.")
