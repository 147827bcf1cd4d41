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
) -> dict:
    """Organizations ``first`` … ``first + organizations - 1``: it can be called twice."""
    rng = random.Random(2026 + first)  # noqa: S311 - synthetic data, the same every time
    orgs = Organization.objects.bulk_create(
        Organization(
            name=f"Sở thử nghiệm {n:03d}",
            parent_authority="UBND TỈNH THỬ NGHIỆM",
            document_symbol=f"STN{n:03d}",
            place_name="Thử nghiệm",
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
    now = timezone.now().isoformat()
    buffer = io.StringIO()
    null = "\\N"  # COPY's NULL
    count = 0
    for task in tasks:
        org_id, year = org_of_plan[task.plan_id]
        kind = TASK_KINDS[task.order - 1]
        for key, label, due in _occurrences(kind, year, task.order):
            waiting = "procedures_published" if kind == "event" else ""
            for department_id in units_of[org_id]:
                done = due is not None and due < done_before and rng.random() < 0.9
                status = "done" if done else "not_started"
                completed = now if done else null
                done_on = due if done else null
                buffer.write(
                    f"{org_id}\t{year}\t{task.pk}\t{key}\t{label}\t{due or null}\t{waiting}\t"
                    f"{department_id}\t\t{status}\t{completed}\t{done_on}\t\t{PLAN_TASK}\tf\n"
                )
                count += 1
    buffer.seek(0)
    table = WorkItem._meta.db_table
    columns = (
        "organization_id, year, task_id, period_key, period_label, due_date, waiting_for, "
        "department_id, party, status, completed_at, done_on, note, kind, on_behalf"
    )
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())
    objectives = _objectives(orgs, years, today, rng)
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
