import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.planning.timing import explain, load_calendar


class Command(BaseCommand):
    help = "Print, as JSON, what isoplan understands of a timing text (the task form's reading)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("text", help="the timing text, e.g. “Trước ngày 20/10/2023”")
        parser.add_argument("--year", type=int, default=None, help="the plan year (default: now)")

    def handle(self, *args, **options) -> None:
        year = options["year"] or timezone.localdate().year
        result = explain(options["text"], year, load_calendar())
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
