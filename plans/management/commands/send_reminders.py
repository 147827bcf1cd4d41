import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.models import Organization
from plans.services.reminders import (
    TemporaryDeliveryError,
    deliver,
    describe,
    plan_reminders,
    reminders_sweep,
)


class Command(BaseCommand):
    help = (
        "Send the reminders of a day (all organizations, whatever their reminder time). "
        "With --dry-run, only print who would get what. Works without a Celery worker."
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
        now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))
        sent = 0
        for delivery_id in reminders_sweep(now=now, organizations=organizations):
            try:
                sent += deliver(delivery_id=delivery_id, now=now) == "sent"
            except TemporaryDeliveryError as error:
                self.stderr.write(f"delivery {delivery_id}: {error} (the next run retries it)")
        self.stdout.write(f"{sent} reminder(s) sent for {day:%d/%m/%Y}.")
