"""A synthetic province for the benchmark command: built fast (bulk inserts, COPY for work items).

300 organizations × 12 units, one approved plan of 30 tasks per organization and year for three
years, and their work items (monthly, quarterly, dated, continuous and event-relative tasks, every
unit leading): about 1.2 million items. Items due more than a month ago are mostly done.
"""

from __future__ import annotations

import calendar
import datetime
import io
import random

from django.db import connection, transaction
from django.utils import timezone

from plans.choices import DepartmentKind, PlanStatus, Role
from plans.models import (
    Department,
    Membership,
    Objective,
    ObjectiveResult,
    ObjectiveSet,
    Organization,
    Plan,
    PlanTask,
    TaskAssignment,
    User,
    WorkItem,
)
from plans.planning.work_items import PLAN_TASK

# (kind, occurrences per year) for the 30 tasks of a plan, in realistic proportions.
TASK_KINDS = (
    ["monthly"] * 6 + ["quarterly"] * 6 + ["dated"] * 10 + ["continuous"] * 4 + ["event"] * 4
)
TIMING = {
    "monthly": "Hằng tháng",
    "quarterly": "Hàng quý",
    "dated": "Trước ngày 20/10",
    "continuous": "Thường xuyên",
    "event": "Trong vòng 30 ngày sau khi TTHC được công bố",
}


PROVINCE_SIZE = 300  # agencies per province: a national data set is provinces of this size


def province_of(n: int) -> str:
    return f"Tỉnh thử nghiệm {n // PROVINCE_SIZE + 1:02d}"


class CopyRows:
    """Lines for COPY into every column of a model's table: the values given, in the order of
    ``given``, and each other column's default as the model would store it — so that a field
    added with a default does not break the benchmark, and one without a default says so."""

    def __init__(self, model, given: list[str]) -> None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        by_name = {f.attname: f for f in fields}
        if unknown := set(given) - set(by_name):
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        self.table = model._meta.db_table
        rest = [f for f in fields if f.attname not in given]
        self.columns = [by_name[name].column for name in given] + [f.column for f in rest]
        self.tail = "".join("\t" + copy_text(_default(model, f)) for f in rest) + "\n"

    def fields(self, *values) -> str:
        """Some of the given values, in order, as one piece of a line."""
        return "\t".join(copy_text(v) for v in values)

    def line(self, *values) -> str:
        return self.fields(*values) + self.tail

    def copy(self, buffer: io.StringIO) -> None:
        columns = ", ".join(self.columns)
        with connection.cursor() as cursor:
            # The rows refer to what this build has just created: the foreign-key triggers, one
            # query per row and most of the load's time, are skipped until the transaction ends.
            cursor.execute("SET LOCAL session_replication_role = replica")
            with cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            cursor.execute("SET LOCAL session_replication_role = origin")


def _default(model, field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if field.has_default() and callable(field.default) and field.unique:
        # One value for every row would break it (a token, a UUID).
        raise ValueError(f"{model.__name__}.{field.name}: a unique default, give it per row")
    value = field.get_default()
    if value is None and not field.null:
        raise ValueError(f"{model.__name__}.{field.name} has no default: give it")
    return value


def copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # dates and datetimes
        return value.isoformat()
    text = str(value)
    for char, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(char, escaped)
    return text


def _occurrences(kind: str, year: int, index: int) -> list[tuple[str, str, datetime.date | None]]:
    def month_end(month: int) -> datetime.date:
        return datetime.date(year, month, calendar.monthrange(year, month)[1])

    if kind == "monthly":
        return [(f"m-{m:02d}", f"Tháng {m}", month_end(m)) for m in range(1, 13)]
    if kind == "quarterly":
        return [(f"q-{q}", f"Quý {q}", month_end(q * 3)) for q in range(1, 5)]
    if kind == "dated":
        month = 1 + index % 12
        return [(f"d-{month:02d}20", f"Hạn 20/{month:02d}/{year}", datetime.date(year, month, 20))]
    if kind == "continuous":
        return [("n", "Thường xuyên", None)]
    return [("e0-0", "Chờ: Công bố TTHC", None)]


@transaction.atomic
def build_province(
    *,
    organizations: int = 300,
    units: int = 12,
    years: tuple[int, ...],
    today: datetime.date,
    first: int = 0,
    analyze: bool = True,
) -> dict:
    """Organizations ``first`` … ``first + organizations - 1``: it can be called again for the
    next ones (``analyze``: refresh the planner's statistics at the end)."""
    rng = random.Random(2026 + first)  # noqa: S311 - synthetic data, the same every time
    orgs = Organization.objects.bulk_create(
        Organization(
            name=f"Sở thử nghiệm {n:03d}",
            parent_authority="UBND TỈNH THỬ NGHIỆM",
            document_symbol=f"STN{n:03d}",
            place_name="Thử nghiệm",
            province=province_of(n),
        )
        for n in range(first, first + organizations)
    )
    departments = Department.objects.bulk_create(
        Department(organization=o, name=f"Phòng {u:02d}", kind=DepartmentKind.DIVISION, order=u)
        for o in orgs
        for u in range(units)
    )
    users = User.objects.bulk_create(
        User(username=f"bench-{d.pk}", full_name=f"Trưởng phòng {d.pk}", email=f"u{d.pk}@bench")
        for d in departments
    )
    Membership.objects.bulk_create(
        Membership(
            user=u, organization_id=d.organization_id, role=Role.DEPARTMENT_HEAD, department=d
        )
        for u, d in zip(users, departments, strict=True)
    )
    roles = [(o, role) for o in orgs for role in (Role.ISO_SECRETARY, Role.DIRECTOR)]
    leaders = User.objects.bulk_create(
        User(
            username=f"bench-{role}-{o.pk}", full_name=f"{role} {o.pk}", email=f"{role}{o.pk}@bench"
        )
        for o, role in roles
    )
    Membership.objects.bulk_create(
        Membership(user=u, organization=o, role=role)
        for u, (o, role) in zip(leaders, roles, strict=True)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            organization=o,
            year=year,
            status=PlanStatus.APPROVED,
            symbol=f"KH-{o.document_symbol}",
            place="Thử nghiệm",
            title=f"Kế hoạch duy trì HTQLCL năm {year}",
        )
        for o in orgs
        for year in years
    )
    tasks = PlanTask.objects.bulk_create(
        PlanTask(
            plan=p,
            order=i + 1,
            content=f"Nội dung công việc số {i + 1}",
            timing_text=TIMING[kind],
        )
        for p in plans
        for i, kind in enumerate(TASK_KINDS)
    )
    TaskAssignment.objects.bulk_create(
        (TaskAssignment(task=t, responsibility="lead", party="all_departments") for t in tasks),
        batch_size=5000,
    )
    units_of = {}
    for d in departments:
        units_of.setdefault(d.organization_id, []).append(d.pk)
    org_of_plan = {p.pk: (p.organization_id, p.year) for p in plans}
    done_before = today - datetime.timedelta(days=30)
    now = timezone.now()
    rows = CopyRows(
        WorkItem,
        # What varies with the unit last: the rest of a line is written once per occurrence.
        [
            "organization_id",
            "year",
            "task_id",
            "period_key",
            "period_label",
            "due_date",
            "waiting_for",
            "kind",
            "department_id",
            "status",
            "completed_at",
            "done_on",
        ],
    )
    buffer = io.StringIO()
    count = 0
    for task in tasks:
        org_id, year = org_of_plan[task.plan_id]
        kind = TASK_KINDS[task.order - 1]
        for key, label, due in _occurrences(kind, year, task.order):
            waiting = "procedures_published" if kind == "event" else ""
            head = rows.fields(org_id, year, task.pk, key, label, due, waiting, PLAN_TASK)
            done = "\t" + rows.fields("done", now, due) + rows.tail
            not_done = "\t" + rows.fields("not_started", None, None) + rows.tail
            may_be_done = due is not None and due < done_before
            for department_id in units_of[org_id]:
                finished = may_be_done and rng.random() < 0.9
                buffer.write(f"{head}\t{department_id}{done if finished else not_done}")
                count += 1
    rows.copy(buffer)
    objectives = _objectives(orgs, years, today, rng)
    if analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give later
    return {
        "organizations": len(orgs),
        "units": len(departments),
        "tasks": len(tasks),
        "work_items": count,
        "objectives": objectives,
    }


def _objectives(orgs, years, today, rng) -> int:
    """Five quarterly objectives per organization and year, with the results of past quarters."""
    sets = ObjectiveSet.objects.bulk_create(
        ObjectiveSet(organization=o, year=year, status=PlanStatus.APPROVED)
        for o in orgs
        for year in years
    )
    objectives = Objective.objects.bulk_create(
        Objective(
            objective_set=s,
            order=n,
            statement=f"Mục tiêu {n}: {95 + n}% hồ sơ giải quyết đúng hạn năm {s.year}",
            indicator="Tỷ lệ hồ sơ đúng hạn",
            target_value=95 + n,
            target_unit="%",
        )
        for s in sets
        for n in range(1, 6)
    )
    year_of = {s.pk: s.year for s in sets}
    ObjectiveResult.objects.bulk_create(
        (
            ObjectiveResult(
                objective=o,
                period_key=f"q-{q}",
                period_label=f"Quý {q}",
                value=round(90 + rng.random() * 10, 1),
            )
            for o in objectives
            for q in range(1, 5)
            if datetime.date(year_of[o.objective_set_id], q * 3, 28) < today
        ),
        batch_size=5000,
    )
    return len(objectives)
