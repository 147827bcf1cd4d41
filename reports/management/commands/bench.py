"""Benchmark at province scale: builds its data set in its own database, measures, reports.

    make bench        # = manage.py bench --out var/bench.json on the isoplan_bench database

Every run rebuilds the data set: first 3 organizations (~12,000 work items) and the records of the
first one's year, where every page is measured once (the small table), then the rest of the
province (~1.2 million items; ``--organizations 3000`` for a national one, ~12 million), where
everything is measured. The reminder sweep is measured last, because it rewrites item statuses.

It logs in as a person does (the login form) and fails — non-zero exit, one line per failure —
when a measured request errs or answers anything but its page, when a page's query count grows
with the table or passes its budget, or when the load under gunicorn sees an error.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audits.models import Survey
from plans.bench import build_province
from plans.choices import Role
from plans.models import (
    Delivery,
    Membership,
    Notification,
    Organization,
    Plan,
    PlanTask,
    TaskAssignment,
    User,
    WorkItem,
)
from plans.organizations.merging import MergeContext, merge, preview
from plans.planning.layout import plan_layout
from plans.planning.selectors import plan_tasks
from plans.work.reminders import plan_reminders, reminders_sweep
from reports.bench import build_records
from reports.docx import render_plan_docx
from reports.dossier.services import build_now
from reports.models import AnnualReport
from reports.pdf import render_pdf

ROOT = Path(settings.BASE_DIR)
FIRST_ORGANIZATIONS = 3
PLAN_YEARS = {10: 2010, 60: 2060, 300: 2099}  # years no bench plan uses
PASSWORD = "bench-Mat-khau-2026"  # noqa: S105 - the synthetic users of the bench database
OPEN_ITEMS = (10_000, 100_000, 1_000_000, 10_000_000)
LARGE_OPEN_SET = 5_000_000  # from here the sweep's setup drops the indexes it does not read
# What every page the bench measures may cost in queries (the pages' own tests pin them exactly);
# above it, or more with the full table than with the small one, the run fails.
QUERY_BUDGET = 20
# Shown on every page for a signed-in person (templates/base.html): a page without it is not the
# page measured (the login page, an error page).
SIGNED_IN = b'class="navbar-user"'
PAGES = (
    "bare_view",
    *(f"plan_{n}_tasks" for n in PLAN_YEARS),
    "plan_30_tasks_with_items",
    "approvals",
    "waiting_for_you",
    "unit_work",
    "unit_work_search",
    "dashboard_year",
    "province_view",
    "province_consolidated",
    "document_register",
    "nonconformity_list",
    "annual_report",
    "objective_report",
    "notification_inbox",
)
PROVINCE_PAGES = ("province_view", "province_consolidated")
PARTS = ("pages", "printing", "merge", "throughput", "sweep")


class BenchFailedError(CommandError):
    pass


class Command(BaseCommand):
    help = "Build a province-scale data set in the bench database, measure, report (README)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", required=True, help="where to write the figures as JSON")
        parser.add_argument("--organizations", type=int, default=300, help="up to 3000 (national)")
        parser.add_argument("--date", default="2026-10-13", help="the day everything is seen from")
        parser.add_argument("--repeat", type=int, default=15, help="requests per page measure")
        parser.add_argument("--load-seconds", type=int, default=20, help="per throughput measure")
        parser.add_argument(
            "--open-items",
            default="",
            help=(
                "comma-separated sizes of the open set the sweep is measured with (by default "
                f"{', '.join(f'{n:_}' for n in OPEN_ITEMS)}, those the table can hold)"
            ),
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="measure the data set an earlier run built (no build, no small-table round)",
        )
        parser.add_argument(
            "--only",
            default="",
            help=(
                "comma-separated pages (e.g. unit_work,dashboard_year) and/or parts (pages, "
                "printing, merge, throughput, sweep) to measure; by default everything"
            ),
        )

    def handle(self, *args, **options) -> None:
        database = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql" or "bench" not in database:
            raise CommandError(
                "The benchmark runs on its own PostgreSQL database (a name containing "
                f"“bench”), not on “{database}”: use `make bench`."
            )
        if options["organizations"] < FIRST_ORGANIZATIONS:
            raise CommandError(f"--organizations: at least {FIRST_ORGANIZATIONS}")
        self.repeat = options["repeat"]
        self.today = datetime.date.fromisoformat(options["date"])
        self.failures: list[str] = []
        years = (self.today.year - 2, self.today.year - 1, self.today.year)
        figures: dict = {"database": database, "date": self.today.isoformat()}
        self.only = {name.strip() for name in options["only"].split(",") if name.strip()}
        if unknown := self.only - set(PAGES) - set(PARTS):
            raise CommandError(f"--only: unknown {', '.join(sorted(unknown))}")
        self.out = Path(options["out"])
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.open_items = [
            int(size.replace("_", "")) for size in options["open_items"].split(",") if size.strip()
        ] or list(OPEN_ITEMS)
        if options["reuse"]:
            self._measure_again(figures, options)
            return

        call_command("flush", interactive=False, verbosity=0)
        started = time.perf_counter()
        build_province(organizations=FIRST_ORGANIZATIONS, years=years, today=self.today)
        self.org = Organization.objects.order_by("pk").first()
        self.users = self._users()
        self.main_plan = Plan.objects.filter(organization=self.org, year=self.today.year).get()
        self.records = build_records(
            organization=self.org,
            year=self.today.year,
            today=self.today,
            user=self.users["secretary"],
            chair=self.users["director"],
        )
        self._fixtures()
        _settle()
        items_small = WorkItem.objects.count()
        small = self._pages()
        build_started = time.perf_counter()
        rest = self._build_rest(options["organizations"], years)
        build_seconds = time.perf_counter() - build_started
        figures["data"] = {
            "organizations": Organization.objects.count(),
            "work_items": WorkItem.objects.count(),
            "open_items": WorkItem.objects.open().count(),
            "build_seconds": round(time.perf_counter() - started, 1),
            "build_seconds_of_the_rest": round(build_seconds, 1),
            "rows_in_last_build": rest,
            "items_small_table": items_small,
            "table_size": _table_size(),
        }
        large = self._pages()
        figures["failures"] = self.failures
        # Written after each part: a national run takes an hour, what it measured is kept.
        figures["pages"] = self._compare(small, large, items_small)
        self._save(figures)
        self._rest(figures, options)
        # The same figures as the README's tables.
        if not self.only:
            self.out.with_suffix(".md").write_text(markdown(figures), encoding="utf-8")
        self._finish()

    def _wanted(self, part: str) -> bool:
        return not self.only or part in self.only

    def _rest(self, figures: dict, options: dict) -> None:
        if self._wanted("printing"):
            figures["printing"] = self._printing()
        if self._wanted("merge"):
            figures["merge"] = self._merge()
        if self._wanted("throughput"):
            figures["throughput"] = self._throughput(options["load_seconds"])
        self._save(figures)
        if self._wanted("sweep"):
            figures["reminders"] = {}
            self._sweeps(figures)
        self._report(figures)

    def _measure_again(self, figures: dict, options: dict) -> None:
        """For iterating on a page: the data set of an earlier run as it is (the sweep, last in a
        full run, leaves its own open items: pages then see those)."""
        self.org = Organization.objects.order_by("pk").first()
        if self.org is None or not Plan.objects.filter(year=PLAN_YEARS[60]).exists():
            raise CommandError("--reuse: no data set of an earlier run in this database")
        self.users = self._users(create=False)
        self.main_plan = Plan.objects.filter(organization=self.org, year=self.today.year).get()
        self.records = {
            "annual_report": AnnualReport.objects.get(organization=self.org, year=self.today.year),
            "survey": Survey.objects.filter(organization=self.org).latest("pk"),
        }
        figures["failures"] = self.failures
        figures["pages"] = self._pages()
        self._save(figures)
        self._rest(figures, options)
        self._finish()

    def _finish(self) -> None:
        if self.failures:
            for failure in self.failures:
                self.stderr.write(f"bench: FAILED: {failure}")
            raise BenchFailedError(f"{len(self.failures)} measure(s) failed (see above)")
        self.stdout.write("bench: OK (no request erred; query counts within budget)")

    # --- data ----------------------------------------------------------------------------------
    def _build_rest(self, organizations: int, years: tuple[int, ...], chunk: int = 150) -> int:
        """The other organizations, a chunk at a time (one COPY buffer stays a few hundred MB)."""
        rows = 0
        for first in range(FIRST_ORGANIZATIONS, organizations, chunk):
            built = build_province(
                organizations=min(chunk, organizations - first),
                years=years,
                today=self.today,
                first=first,
                analyze=first + chunk >= organizations,
            )
            rows += built["work_items"]
            self.stdout.write(f"bench: built {first + built['organizations']} organizations")
        _settle()
        return rows

    def _users(self, create: bool = True) -> dict:
        memberships = Membership.objects.filter(organization=self.org).select_related("user")
        by_role = {m.role: m.user for m in memberships if m.role != Role.DEPARTMENT_HEAD}
        head = memberships.filter(role=Role.DEPARTMENT_HEAD).order_by("department__order").first()
        if not create:
            return {
                "director": by_role[Role.DIRECTOR],
                "secretary": by_role[Role.ISO_SECRETARY],
                "head": head.user,
                "coordinator": by_role[Role.PROVINCE_COORDINATOR],
                "head_department": head.department,
            }
        coordinator = User.objects.create(
            username="bench-coordinator", full_name="Điều phối ISO tỉnh", email="coord@bench"
        )
        Membership.objects.create(
            user=coordinator, organization=self.org, role=Role.PROVINCE_COORDINATOR
        )
        users = {
            "director": by_role[Role.DIRECTOR],
            "secretary": by_role[Role.ISO_SECRETARY],
            "head": head.user,
            "coordinator": coordinator,
        }
        for user in users.values():  # they log in through the login form
            user.set_password(PASSWORD)
        User.objects.bulk_update(users.values(), ["password"])
        users["head_department"] = head.department
        return users

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
        source = list(self.main_plan.tasks.order_by("order"))
        created = PlanTask.objects.bulk_create(
            PlanTask(
                plan=plan,
                order=n + 1,
                content=source[n % 30].content,
                timing_text=source[n % 30].timing_text,
            )
            for n in range(tasks)
        )
        TaskAssignment.objects.bulk_create(
            TaskAssignment(task=t, responsibility="lead", party="all_departments") for t in created
        )
        return plan

    def _fixtures(self) -> None:
        for plan_tasks_count in PLAN_YEARS:
            self._plan_with(plan_tasks_count)
        Notification.objects.bulk_create(
            Notification(user=self.users["head"], title=f"Nhắc việc {n}", body="…")
            for n in range(60)
        )

    # --- measuring pages ------------------------------------------------------------------------
    def _page_urls(self) -> dict[str, tuple[str, str]]:
        year = self.today.year
        unit_work = reverse("plans:unit_work")
        return {
            "bare_view": (reverse("about"), "head"),
            **{
                f"plan_{n}_tasks": (
                    reverse("plans:plan_detail", args=[Plan.objects.get(year=PLAN_YEARS[n]).pk]),
                    "director",
                )
                for n in PLAN_YEARS
            },
            "plan_30_tasks_with_items": (
                reverse("plans:plan_detail", args=[self.main_plan.pk]),
                "director",
            ),
            "approvals": (reverse("plans:plan_list"), "director"),
            "waiting_for_you": (reverse("plans:waiting_list"), "director"),
            "unit_work": (f"{unit_work}?group=overdue", "head"),
            "unit_work_search": (f"{unit_work}?{urlencode({'q': 'công việc số 2'})}", "head"),
            "dashboard_year": (f"{reverse('home')}?nam={year}", "director"),
            "province_view": (f"{reverse('reports:province')}?nam={year}", "coordinator"),
            "province_consolidated": (
                f"{reverse('reports:province_consolidated')}?nam={year}",
                "coordinator",
            ),
            "document_register": (reverse("plans:document_list"), "secretary"),
            "nonconformity_list": (reverse("audits:nonconformity_list"), "secretary"),
            "improvement_register": (reverse("audits:improvement_list"), "secretary"),
            "annual_report": (
                reverse("reports:annual_report_detail", args=[self.records["annual_report"].pk]),
                "director",
            ),
            "objective_report": (
                reverse(
                    "plans:objective_report",
                    args=[self.org.objective_sets.get(year=year).pk],
                ),
                "director",
            ),
            "notification_inbox": (reverse("plans:notification_list"), "head"),
            "survey_tally": (
                reverse("audits:survey_detail", args=[self.records["survey"].pk]),
                "secretary",
            ),
            "steering_committee": (reverse("plans:committee"), "head"),
            "training_list": (f"{reverse('plans:training_list')}?year={year}", "secretary"),
        }

    def _pages(self) -> dict:
        clients: dict[str, Client] = {}  # logged in afresh for each round (sessions time out)
        results = {}
        for name, (url, who) in self._page_urls().items():
            # The bare page always: the others' ratios are to it.
            if self.only and "pages" not in self.only and name not in self.only | {"bare_view"}:
                continue
            for person in {who, "head"} - set(clients):
                clients[person] = self._login(person)
            bare = (reverse("about"), clients["head"])
            results[name] = self._page(name, url, clients[who], bare)
        return results

    def _login(self, who: str) -> Client:
        client = Client(HTTP_HOST="127.0.0.1")
        user = self.users[who]
        response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        if response.status_code != 302:
            raise BenchFailedError(
                f"{who} ({user.username}) could not log in: {response.status_code}"
            )
        return client

    def _page(self, name: str, url: str, client: Client, bare: tuple[str, Client]) -> dict:
        for _ in range(2):  # warm caches and connections
            self._check(name, client.get(url))
        times, ratios = [], []
        for _ in range(self.repeat):
            # Each request beside a bare one: the ratio of the pair, so that the machine's speed
            # drifting over the minutes of a run (a shared VM's) does not enter the ratio.
            bare_ms = self._timed("bare_view", *bare)
            times.append(self._timed(name, url, client))
            ratios.append(times[-1] / bare_ms)
        counts = []
        # The fewer of two: the session's last-seen stamp is written once a minute
        # (isoplan.security), on whichever request comes then — under load, a counted one.
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                self._check(name, client.get(url))
            counts.append(len(queries))
        return {
            "queries": min(counts),
            "median_ms": round(statistics.median(times), 1),
            "ratio_to_bare": round(statistics.median(ratios), 2),
        }

    def _timed(self, name: str, url: str, client: Client) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        self._check(name, response)
        return elapsed

    def _check(self, name: str, response) -> None:
        """The page itself, for the signed-in person — else the figures mean nothing: stop."""
        if response.status_code != 200:
            where = response.get("Location", "")
            raise BenchFailedError(
                f"{name}: {response.request['PATH_INFO']} answered {response.status_code} {where}"
            )
        if SIGNED_IN not in response.content:
            raise BenchFailedError(
                f"{name}: {response.request['PATH_INFO']} is not the signed-in page"
            )

    def _compare(self, small: dict, large: dict, items_small: int) -> dict:
        """The pages with the full table, each beside itself with the small one: the ratios to the
        bare page (which reads no work items) compared, not the times, which the machine's speed
        moved between the two rounds minutes apart (a register that reads no work items
        "1.75 × slower" with the full table, the bare page 1.23 ×)."""
        for name, result in large.items():
            result["queries_small_table"] = small[name]["queries"]
            result["median_ms_small_table"] = small[name]["median_ms"]
            result["time_ratio_large_to_small"] = round(
                result["ratio_to_bare"] / small[name]["ratio_to_bare"], 2
            )
            # The province's pages show every agency: their rows grow with it by design.
            if result["queries"] != small[name]["queries"] and name not in PROVINCE_PAGES:
                self.failures.append(
                    f"{name}: {small[name]['queries']} queries with {items_small:_} items, "
                    f"{result['queries']} with the full table"
                )
            if result["queries"] > QUERY_BUDGET:
                self.failures.append(f"{name}: {result['queries']} queries (budget {QUERY_BUDGET})")
        if "unit_work" in large:
            large["unit_work"]["items_of_the_unit"] = WorkItem.objects.filter(
                department=self.users["head_department"]
            ).count()
        return large

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
            **self._dossier(),
        }

    def _dossier(self) -> dict:
        """One inspection dossier of the organization with a year of every kind of record."""
        report = self.records["annual_report"]
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            archive = build_now(report.organization, report.year, folder)
            seconds = time.perf_counter() - started
            with zipfile.ZipFile(archive) as zipped:
                files = len(zipped.namelist())
            size = archive.stat().st_size
        return {
            "dossier_seconds": round(seconds, 2),
            "dossier_files": files,
            "dossier_mb": round(size / 1e6, 1),
        }

    # --- merging two agencies ---------------------------------------------------------------------
    def _merge(self) -> dict:
        """The organization with every kind of record merged into another of the data set
        (preview, then the merge), rolled back after: the measures that follow see the data set
        as it was built."""
        source = self.org
        target = Organization.objects.exclude(pk=source.pk).order_by("pk").first()
        rows = WorkItem.objects.filter(organization__in=[target, source]).count()
        with transaction.atomic():
            ctx = MergeContext(target=target, sources=[source], today=self.today)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                counts = preview(ctx).counts()
                preview_seconds = time.perf_counter() - started
            started = time.perf_counter()
            record = merge(MergeContext(target=target, sources=[source], today=self.today))
            merge_seconds = time.perf_counter() - started
            if record.counts != counts:
                self.failures.append(f"merge: did {record.counts}, the preview said {counts}")
            transaction.set_rollback(True)
        return {
            "work_items_of_both": rows,
            "preview_seconds": round(preview_seconds, 2),
            "preview_queries": len(queries),
            "merge_seconds": round(merge_seconds, 2),
            "moved": counts,
        }

    # --- throughput under gunicorn --------------------------------------------------------------
    def _throughput(self, seconds: int) -> dict:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {
            **os.environ,
            # This process's settings: the users' passwords were hashed under them (the test
            # settings' hasher is not in the others'), and the server serves what was measured.
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            "DEBUG": "False",
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
            cookie = _http_login(port, self.users["head"].username)
            pages = {
                "bare_view": reverse("about"),
                "unit_work": reverse("plans:unit_work") + "?group=overdue",
            }
            for path in pages.values():  # both workers load the app and open connections
                _load(port, path, cookie, 1, clients=4)
            loads = {name: _load(port, path, cookie, seconds) for name, path in pages.items()}
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        for name, load in loads.items():
            if load["errors"]:
                self.failures.append(
                    f"throughput {name}: {load['errors']} of {load['requests']} requests erred "
                    f"or were not the page (first: {load['first_error']})"
                )
        return {
            "workers": 2,
            "seconds_each": seconds,
            **loads,
            "unit_work_share_of_bare": round(
                loads["unit_work"]["requests_per_second"]
                / loads["bare_view"]["requests_per_second"],
                2,
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

    # --- the reminder sweep ---------------------------------------------------------------------
    def _save(self, figures: dict) -> None:
        with open(self.out, "w", encoding="utf-8") as out:
            json.dump(figures, out, ensure_ascii=False, indent=2)

    def _sweeps(self, figures: dict) -> None:
        now = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time(8, 0)))
        organizations = list(Organization.objects.all())
        results = figures["reminders"]
        dated = WorkItem.objects.filter(due_date__isnull=False).count()
        sizes = [n for n in self.open_items if n <= dated] or [dated]
        if max(sizes) >= LARGE_OPEN_SET:
            figures["reminders_indexes_dropped"] = _drop_indexes_the_sweep_does_not_read()
        for open_items in sizes:
            _set_open_items(open_items)
            runs = 3 if open_items <= 1_000_000 else 1  # the medians; at 10M, one (minutes)
            raw = []
            # One read first, not timed: the floor and the sweep both read a warm table.
            for timed in [False] + [True] * runs:
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT id, organization_id, department_id, party, due_date "
                        "FROM plans_workitem "
                        "WHERE status IN ('not_started', 'in_progress') AND due_date <= %s",
                        [self.today + datetime.timedelta(days=7)],
                    )
                    cursor.fetchall()
                if timed:
                    raw.append(time.perf_counter() - started)
            decide_times = []
            for _ in range(runs):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as decide_queries:
                    planned = plan_reminders(today=self.today, organizations=organizations)
                decide_times.append(time.perf_counter() - started)
            decide = statistics.median(decide_times)
            sweep_times = []
            for _ in range(runs):  # each from no delivery recorded, as on a new day
                Delivery.objects.all().delete()
                with connection.cursor() as cursor:  # as autovacuum leaves it by the next day
                    cursor.execute("VACUUM plans_delivery")
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as sweep_queries:
                    enqueued = reminders_sweep(now=now, organizations=organizations)
                sweep_times.append(time.perf_counter() - started)
            sweep = statistics.median(sweep_times)
            if len(enqueued) != len(planned):
                self.failures.append(
                    f"sweep at {open_items:_} open items: {len(planned)} deliveries planned, "
                    f"{len(enqueued)} enqueued"
                )
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
            self._save(figures)

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
    """Exactly ``count`` dated items open (the earliest ids), all others closed — writing only the
    rows whose status changes (each written row rewrites every index of the table) — then the
    table vacuumed, as autovacuum leaves it: with the closed rows' dead entries still in the
    open-items index, a scan of 10,000 open items took 1 s while an autoanalyze held them
    (in one run the floor, in another the sweep)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM plans_workitem WHERE due_date IS NOT NULL "
            "ORDER BY id OFFSET %s LIMIT 1",
            [count - 1],
        )
        last = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE plans_workitem SET status = 'done' WHERE status <> 'done' "
            "AND NOT (due_date IS NOT NULL AND id <= %s)",
            [last],
        )
        cursor.execute(
            "UPDATE plans_workitem SET status = 'not_started' WHERE status <> 'not_started' "
            "AND due_date IS NOT NULL AND id <= %s",
            [last],
        )
        cursor.execute("VACUUM (ANALYZE) plans_workitem")


def _drop_indexes_the_sweep_does_not_read() -> list[str]:
    """Before opening millions of items: the work item indexes the sweep does not read, dropped
    (the sweep is the last measure; every run rebuilds the database). Setting 10 million rows
    open rewrites every index entry of each row: with the table's sixteen indexes that UPDATE
    ran past 34 minutes on PostgreSQL's default settings; the server's settings are shared and
    stay as they are. Kept: the primary key, the unique constraints, the open-items index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = 'plans_workitem'::regclass AND NOT x.indisunique "
            "AND NOT x.indisprimary AND i.relname <> 'work_item_open_due' ORDER BY 1"
        )
        names = [name for (name,) in cursor.fetchall()]
        for name in names:
            cursor.execute(f'DROP INDEX "{name}"')
    return names


def _load(port: int, path: str, cookie: str, seconds: int, clients: int = 8) -> dict:
    """A bounded load from local threads, each with a keep-alive connection."""
    latencies: list[float] = []
    errors = 0
    first_error: list[str] = []
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
                body = response.read()
                if response.status != 200 or SIGNED_IN not in body:
                    failed += 1
                    first_error.append(f"{response.status} {response.getheader('Location', '')}")
            except OSError as error:
                failed += 1
                first_error.append(repr(error))
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
        "first_error": first_error[0] if first_error else "",
    }


def _http_login(port: int, username: str) -> str:
    """Log in through the login form, as a browser does; the session cookie it gets."""
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", reverse("login"), headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        form = response.read().decode()
        csrf = _cookie(response, settings.CSRF_COOKIE_NAME)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        if not (csrf and token):
            raise BenchFailedError(f"the login page gave no CSRF token ({response.status})")
        body = urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]}
        )
        connection.request(
            "POST",
            reverse("login"),
            body=body,
            headers={
                "Host": "127.0.0.1",
                "Cookie": f"{settings.CSRF_COOKIE_NAME}={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
        session = _cookie(response, settings.SESSION_COOKIE_NAME)
        if response.status != 302 or not session:
            raise BenchFailedError(
                f"{username} could not log in under gunicorn ({response.status})"
            )
        return f"{settings.SESSION_COOKIE_NAME}={session}"
    finally:
        connection.close()


def _cookie(response, name: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        key, _, rest = header.partition("=")
        if key.strip() == name:
            return rest.split(";", 1)[0]
    return ""


def _settle() -> None:
    """What autovacuum does soon after a load: fresh statistics, and the visibility map that
    lets the index-only scans skip the table."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) plans_workitem")
        # The tally's rows were upserted once per inserted chunk: dead versions by the thousand.
        cursor.execute("VACUUM (ANALYZE) plans_worktally")


def _table_size() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('plans_workitem'))")
        return cursor.fetchone()[0]


def markdown(figures: dict) -> str:
    """The README's tables: the pages, printing and throughput, the sweep."""
    data, pages = figures["data"], figures["pages"]
    lines = [
        f"{data['organizations']:,} organizations, {data['work_items']:,} work items "
        f"({data['open_items']:,} open, table {data['table_size']}), built in "
        f"{data['build_seconds']} s (all but the first three organizations: "
        f"{data['build_seconds_of_the_rest']} s); small table: "
        f"{data['items_small_table']:,} items.",
        "",
        "| page | queries | median ms | × bare | median ms, small table | full ÷ small, × bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, page in pages.items():
        lines.append(
            f"| {name} | {page['queries']} | {page['median_ms']} | {page['ratio_to_bare']} "
            f"| {page['median_ms_small_table']} | {page['time_ratio_large_to_small']} |"
        )
    printing, load = figures["printing"], figures["throughput"]
    lines += [
        "",
        f"PDF of a {printing['tasks']}-task plan {printing['pdf_seconds_median']} s, DOCX "
        f"{printing['docx_seconds_median']} s. The inspection dossier of the organization with "
        f"every kind of record: {printing['dossier_seconds']} s, {printing['dossier_files']} "
        f"files, {printing['dossier_mb']} MB. Under gunicorn ({load['workers']} workers, "
        f"{load['seconds_each']} s each): bare page {load['bare_view']['requests_per_second']} "
        f"req/s, unit work {load['unit_work']['requests_per_second']} req/s "
        f"({load['unit_work_share_of_bare']:.0%} of the bare page's), errors "
        f"{load['bare_view']['errors']} and {load['unit_work']['errors']}.",
    ]
    if "merge" in figures:
        merged = figures["merge"]
        lines.append(
            f"Merging two agencies ({merged['work_items_of_both']:,} work items between them, "
            f"{merged['moved']['work']:,} open ones moved): preview {merged['preview_seconds']} s "
            f"in {merged['preview_queries']} queries, merge {merged['merge_seconds']} s."
        )
    lines += [
        "",
        "| open items | raw SQL s | decide s | sweep s | sweep ÷ raw | deliveries |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, sweep in figures["reminders"].items():
        lines.append(
            f"| {size.replace('_', ',')} | {sweep['raw_sql_seconds']} | {sweep['decide_seconds']} "
            f"| {sweep['sweep_seconds']} | {sweep['sweep_ratio_to_raw_sql']} "
            f"| {sweep['deliveries']:,} |"
        )
    return "\n".join(lines) + "\n"
