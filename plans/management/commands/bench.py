"""Benchmark at province scale: builds its data set in its own database, measures, reports.

    make bench        # = manage.py bench --out var/bench.json on the isoplan_bench database

Issue 7 adds the page measurements; this measures the reminder sweep.
"""

import datetime
import json
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plans.bench import build_province
from plans.models import Delivery, Organization, Plan, PlanTask, WorkItem
from plans.services.reminders import plan_reminders, reminders_sweep


class Command(BaseCommand):
    help = "Build a province-scale data set in the bench database and measure (see README)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="where to write the figures as JSON")
        parser.add_argument("--organizations", type=int, default=300)
        parser.add_argument("--date", default="2026-10-13", help="the day the sweep runs")
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, **options) -> None:
        database = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql" or "bench" not in database:
            raise CommandError(
                "The benchmark runs on its own PostgreSQL database (a name containing "
                f"“bench”), not on “{database}”: use `make bench`."
            )
        today = datetime.date.fromisoformat(options["date"])
        figures: dict = {"database": database, "date": today.isoformat()}
        if not Organization.objects.exists():
            started = time.perf_counter()
            size = build_province(
                organizations=options["organizations"],
                years=(today.year - 2, today.year - 1, today.year),
                today=today,
            )
            size["seconds"] = round(time.perf_counter() - started, 1)
            figures["built"] = size
            self.stdout.write(f"Built {size} ")
        figures["data"] = {
            "work_items": WorkItem.objects.count(),
            "open_items": WorkItem.objects.open().count(),
        }
        figures["reminders"] = self._reminders(today, options["repeat"])
        figures["printing"] = self._printing(options["repeat"])
        self._print(figures)
        with open(options["out"], "w", encoding="utf-8") as out:
            json.dump(figures, out, ensure_ascii=False, indent=2)

    def _reminders(self, today: datetime.date, repeat: int) -> dict:
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8, 0)))
        organizations = list(Organization.objects.all())
        decide = []
        for _ in range(repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                planned = plan_reminders(today=today, organizations=organizations)
            decide.append(time.perf_counter() - started)
        Delivery.objects.filter(date=today).delete()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as sweep_queries:
            to_send = reminders_sweep(now=now, organizations=organizations)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = reminders_sweep(now=now, organizations=organizations)
        second = time.perf_counter() - started
        explain = WorkItem.objects.filter(
            status__in=["not_started", "in_progress"],
            due_date__lte=today + datetime.timedelta(days=7),
        ).explain()
        return {
            "deliveries": len(planned),
            "decide_seconds_median": round(statistics.median(decide), 3),
            "decide_queries": len(queries),
            "sweep_seconds": round(first, 3),
            "sweep_queries": len(sweep_queries),
            "enqueued": len(to_send),
            "second_sweep_seconds": round(second, 3),
            "second_sweep_enqueued": len(again),
            "uses_partial_index": "work_item_open_due" in explain,
        }

    def _printing(self, repeat: int) -> dict:
        """PDF and DOCX of a 60-task plan (the first bench plan, doubled once)."""
        from plans.document import plan_document
        from plans.selectors import plan_tasks
        from reports.docx import render_plan_docx
        from reports.pdf import render_pdf

        plan = Plan.objects.filter(tasks__isnull=False).select_related("organization").first()
        if plan.tasks.count() < 60:
            PlanTask.objects.bulk_create(
                PlanTask(
                    plan=plan, order=t.order + 30, content=t.content, timing_text=t.timing_text
                )
                for t in plan.tasks.all()
            )
        tasks = list(plan_tasks(plan))
        doc = plan_document(plan, tasks, list(plan.duties.all()))
        timings: dict[str, list[float]] = {"pdf": [], "docx": []}
        for _ in range(repeat):
            started = time.perf_counter()
            render_pdf(
                "reports/plan_print.html",
                {"plan": plan, "doc": doc, "tasks": tasks, "columns": doc.columns},
            )
            timings["pdf"].append(time.perf_counter() - started)
            started = time.perf_counter()
            render_plan_docx(doc)
            timings["docx"].append(time.perf_counter() - started)
        return {
            "tasks": len(tasks),
            "pdf_seconds_median": round(statistics.median(timings["pdf"]), 3),
            "docx_seconds_median": round(statistics.median(timings["docx"]), 3),
        }

    def _print(self, figures: dict) -> None:
        self.stdout.write(f"{'measure':<40} value")
        for section in ("built", "data", "reminders", "printing"):
            for key, value in figures.get(section, {}).items():
                self.stdout.write(f"{section + '.' + key:<40} {value}")
