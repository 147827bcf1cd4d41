"""Benchmark at province scale: builds its data set in its own database, measures, reports.

    make bench        # = manage.py bench --out var/bench.json on the isoplan_bench database

Every run rebuilds the data set (about 35 s): first 3 organizations (~12,000 work items), where
the plan page is measured once, then the rest of the province (~1.2 million), where everything is
measured. The reminder sweep is measured last, because it rewrites item statuses.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from isoplan.security import LAST_SEEN, STARTED_AT
from plans.bench import build_province
from plans.choices import Role
from plans.models import Delivery, Membership, Notification, Organization, Plan, PlanTask, WorkItem
from plans.planning.layout import plan_layout
from plans.planning.selectors import plan_tasks
from plans.work.reminders import plan_reminders, reminders_sweep
from reports.docx import render_plan_docx
from reports.pdf import render_pdf

ROOT = Path(settings.BASE_DIR)
FIRST_ORGANIZATIONS = 3
PLAN_YEARS = {10: 2010, 60: 2060, 300: 2099}  # years no bench plan uses


class Command(BaseCommand):
    help = "Build a province-scale data set in the bench database, measure, report (README)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="where to write the figures as JSON")
        parser.add_argument("--organizations", type=int, default=300)
        parser.add_argument("--date", default="2026-10-13", help="the day everything is seen from")
        parser.add_argument("--repeat", type=int, default=15, help="requests per page measure")
        parser.add_argument("--load-seconds", type=int, default=20, help="per throughput measure")

    def handle(self, *args, **options) -> None:
        database = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql" or "bench" not in database:
            raise CommandError(
                "The benchmark runs on its own PostgreSQL database (a name containing "
                f"“bench”), not on “{database}”: use `make bench`."
            )
        self.repeat = options["repeat"]
        self.today = datetime.date.fromisoformat(options["date"])
        years = (self.today.year - 2, self.today.year - 1, self.today.year)
        figures: dict = {"database": database, "date": self.today.isoformat()}

        call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        build_province(organizations=FIRST_ORGANIZATIONS, years=years, today=self.today)
        self.org = Organization.objects.order_by("pk").first()
        self.users = self._users()
        self.main_plan = Plan.objects.filter(organization=self.org, year=self.today.year).get()
        small = self._page(reverse("plans:plan_detail", args=[self.main_plan.pk]), "director")
        rest = build_province(
            organizations=options["organizations"] - FIRST_ORGANIZATIONS,
            years=years,
            today=self.today,
            first=FIRST_ORGANIZATIONS,
        )
        figures["data"] = {
            "organizations": Organization.objects.count(),
            "work_items": WorkItem.objects.count(),
            "open_items": WorkItem.objects.open().count(),
            "build_seconds": round(time.perf_counter() - started, 1),
            "rows_in_last_build": rest["work_items"],
        }
        large = self._page(reverse("plans:plan_detail", args=[self.main_plan.pk]), "director")
        figures["plan_page_vs_table_size"] = {
            "items_small": WorkItem.objects.filter(organization__in=self._first_orgs()).count(),
            "small": small,
            "large": large,
            "time_ratio_large_to_small": round(large["median_ms"] / small["median_ms"], 2),
        }
        figures["pages"] = self._pages()
        figures["printing"] = self._printing()
        figures["throughput"] = self._throughput(options["load_seconds"])
        figures["reminders"] = self._sweeps()
        self._report(figures)
        with open(options["out"], "w", encoding="utf-8") as out:
            json.dump(figures, out, ensure_ascii=False, indent=2)

    # --- data ----------------------------------------------------------------------------------
    def _first_orgs(self):
        return Organization.objects.order_by("pk")[:FIRST_ORGANIZATIONS]

    def _users(self) -> dict:
        memberships = Membership.objects.filter(organization=self.org).select_related("user")
        by_role = {m.role: m.user for m in memberships if m.role != Role.DEPARTMENT_HEAD}
        head = memberships.filter(role=Role.DEPARTMENT_HEAD).order_by("department__order").first()
        return {
            "director": by_role[Role.DIRECTOR],
            "secretary": by_role[Role.ISO_SECRETARY],
            "head": head.user,
            "head_department": head.department,
        }

    def _plan_with(self, tasks: int) -> Plan:
        """An approved plan of ``tasks`` tasks (copies of the main plan's) in an unused year."""
        year = PLAN_YEARS[tasks]
        plan = Plan.objects.create(
            organization=self.org,
            year=year,
            status="approved",
            symbol="KH-BENCH",
            place="Thử nghiệm",
            title=f"Kế hoạch {tasks} nhiệm vụ",
        )
        source = list(self.main_plan.tasks.prefetch_related("assignments").order_by("order"))
        created = PlanTask.objects.bulk_create(
            PlanTask(
                plan=plan,
                order=n + 1,
                content=source[n % 30].content,
                timing_text=source[n % 30].timing_text,
            )
            for n in range(tasks)
        )
        from plans.models import TaskAssignment

        TaskAssignment.objects.bulk_create(
            TaskAssignment(task=t, responsibility="lead", party="all_departments") for t in created
        )
        return plan

    # --- measuring pages ------------------------------------------------------------------------
    def _page(self, url: str, who: str) -> dict:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(self.users[who])
        for _ in range(2):  # warm caches and connections
            if client.get(url).status_code != 200:
                raise CommandError(f"{url} does not answer 200")
        times = []
        for _ in range(self.repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return {"queries": len(queries), "median_ms": round(statistics.median(times), 1)}

    def _pages(self) -> dict:
        for plan_tasks_count in (10, 60, 300):
            self._plan_with(plan_tasks_count)
        Notification.objects.bulk_create(
            Notification(user=self.users["head"], title=f"Nhắc việc {n}", body="…")
            for n in range(60)
        )
        pages = {
            "bare_view": (reverse("about"), "head"),
            **{
                f"plan_{n}_tasks": (
                    reverse("plans:plan_detail", args=[Plan.objects.get(year=PLAN_YEARS[n]).pk]),
                    "director",
                )
                for n in PLAN_YEARS
            },
            "unit_work": (reverse("plans:unit_work") + "?group=overdue", "head"),
            "dashboard_home": (reverse("home"), "director"),
            "objective_report": (
                reverse(
                    "plans:objective_report",
                    args=[self.org.objective_sets.get(year=self.today.year).pk],
                ),
                "director",
            ),
            "notification_inbox": (reverse("plans:notification_list"), "head"),
        }
        results = {name: self._page(url, who) for name, (url, who) in pages.items()}
        bare = results["bare_view"]["median_ms"]
        for result in results.values():
            result["ratio_to_bare"] = round(result["median_ms"] / bare, 2)
        results["unit_work"]["items_of_the_unit"] = WorkItem.objects.filter(
            department=self.users["head_department"]
        ).count()
        return results

    # --- printing -------------------------------------------------------------------------------
    def _printing(self) -> dict:
        plan = Plan.objects.select_related("organization").get(year=PLAN_YEARS[60])
        tasks = list(plan_tasks(plan))
        doc = plan_layout(plan, tasks, [])
        pdf, docx = [], []
        for _ in range(5):
            started = time.perf_counter()
            render_pdf(
                "reports/planning/plan_print.html",
                {"plan": plan, "doc": doc, "tasks": tasks, "columns": doc.columns},
            )
            pdf.append(time.perf_counter() - started)
            started = time.perf_counter()
            render_plan_docx(doc)
            docx.append(time.perf_counter() - started)
        return {
            "tasks": len(tasks),
            "pdf_seconds_median": round(statistics.median(pdf), 3),
            "docx_seconds_median": round(statistics.median(docx), 3),
        }

    # --- throughput under gunicorn --------------------------------------------------------------
    def _throughput(self, seconds: int) -> dict:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "isoplan.settings.local",
            "DEBUG": "False",
            # The session cookie below is signed for this process's settings (the auth hash).
            "SECRET_KEY": settings.SECRET_KEY,
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
            "CONN_MAX_AGE": "60",
        }
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, on the loopback only
            [
                sys.executable,
                "-m",
                "gunicorn",
                "isoplan.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            self._wait_for(port)
            cookie = self._session_cookie(self.users["head"])
            bare = _load(port, reverse("about"), cookie, seconds)
            unit = _load(port, reverse("plans:unit_work") + "?group=overdue", cookie, seconds)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        return {
            "workers": 2,
            "seconds_each": seconds,
            "bare_view": bare,
            "unit_work": unit,
            "unit_work_share_of_bare": round(
                unit["requests_per_second"] / bare["requests_per_second"], 2
            ),
        }

    def _wait_for(self, port: int) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not start")

    def _session_cookie(self, user) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        # As a login does (isoplan.security): without them the session counts as expired and
        # every request is sent to the login page.
        session[STARTED_AT] = session[LAST_SEEN] = int(time.time())
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    # --- the reminder sweep ---------------------------------------------------------------------
    def _sweeps(self) -> dict:
        now = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time(8, 0)))
        organizations = list(Organization.objects.all())
        results = {}
        for open_items in (10_000, 100_000, 1_000_000):
            _set_open_items(open_items)
            Delivery.objects.all().delete()
            raw = []
            for _ in range(3):
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT id, organization_id, department_id, party, due_date "
                        "FROM plans_workitem "
                        "WHERE status IN ('not_started', 'in_progress') AND due_date <= %s",
                        [self.today + datetime.timedelta(days=7)],
                    )
                    cursor.fetchall()
                raw.append(time.perf_counter() - started)
            decide_times = []
            for _ in range(3):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as decide_queries:
                    planned = plan_reminders(today=self.today, organizations=organizations)
                decide_times.append(time.perf_counter() - started)
            decide = statistics.median(decide_times)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as sweep_queries:
                enqueued = reminders_sweep(now=now, organizations=organizations)
            sweep = time.perf_counter() - started
            floor = statistics.median(raw)
            explain = WorkItem.objects.filter(
                status__in=["not_started", "in_progress"],
                due_date__lte=self.today + datetime.timedelta(days=7),
            ).explain()
            results[f"{open_items:_}"] = {
                # The planner takes the partial index while open items are few; with most of the
                # table open, a sequential scan is cheaper and it rightly prefers that.
                "uses_partial_index": "work_item_open_due" in explain,
                "deliveries": len(planned),
                "enqueued": len(enqueued),
                "raw_sql_seconds": round(floor, 3),
                "decide_seconds": round(decide, 3),
                "decide_queries": len(decide_queries),
                "sweep_seconds": round(sweep, 3),
                "sweep_queries": len(sweep_queries),
                "sweep_ratio_to_raw_sql": round(sweep / floor, 2),
            }
        return results

    def _report(self, figures: dict) -> None:
        self.stdout.write(f"{'measure':<58} value")

        def walk(prefix: str, value) -> None:
            if isinstance(value, dict):
                for key, inner in value.items():
                    walk(f"{prefix}.{key}" if prefix else key, inner)
            else:
                self.stdout.write(f"{prefix:<58} {value}")

        walk("", figures)


def _set_open_items(count: int) -> None:
    """Exactly ``count`` dated items open (the earliest ids), all others closed."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE plans_workitem SET status = 'done' WHERE status <> 'done'")
        cursor.execute(
            "UPDATE plans_workitem SET status = 'not_started' WHERE id IN ("
            " SELECT id FROM plans_workitem WHERE due_date IS NOT NULL ORDER BY id LIMIT %s)",
            [count],
        )
        cursor.execute("ANALYZE plans_workitem")


def _load(port: int, path: str, cookie: str, seconds: int, clients: int = 8) -> dict:
    """A bounded load from local threads, each with a keep-alive connection."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except OSError:
                failed += 1
                connection.close()
                connection = HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / seconds, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "errors": errors,
    }
