"""Demo quality objectives (MTCL) of Sở Lao động – Thương binh và Xã hội for 2022, with results."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from plans.models import Organization, User, WorkItem

from .choices import Comparison, Frequency
from .models import Objective, ObjectiveAction, ObjectiveResult, ObjectiveSet
from .services import (
    objectives_approve,
    objectives_copy,
    objectives_submit,
    periods,
    result_record,
)

OBJECTIVES = [
    {
        "statement": "100% hồ sơ thủ tục hành chính tiếp nhận tại Sở được giải quyết đúng hạn trong năm 2022",
        "indicator": "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
        "comparison": Comparison.AT_LEAST,
        "target_value": Decimal(100),
        "target_unit": "%",
        "method": "Thống kê trên Hệ thống thông tin giải quyết TTHC của tỉnh",
        "frequency": Frequency.QUARTERLY,
        "actions": [
            (
                "Theo dõi, nhắc việc hồ sơ sắp đến hạn trên hệ thống",
                "Văn phòng Sở",
                "Hằng tháng",
                "Hệ thống một cửa điện tử",
            ),
        ],
        "results": [
            ("q-1", Decimal(100), ""),
            ("q-2", Decimal("98.5"), "3 hồ sơ trễ hạn do chờ xác minh"),
        ],
    },
    {
        "statement": "Tỷ lệ tổ chức, cá nhân hài lòng với việc giải quyết TTHC của Sở đạt từ 95% trở lên năm 2022",
        "indicator": "Tỷ lệ phiếu khảo sát hài lòng",
        "comparison": Comparison.AT_LEAST,
        "target_value": Decimal(95),
        "target_unit": "%",
        "method": "Phiếu khảo sát tại bộ phận một cửa",
        "frequency": Frequency.SEMIANNUAL,
        "actions": [
            (
                "Tổ chức lấy phiếu khảo sát sự hài lòng",
                "Văn phòng Sở",
                "Quý II/2022",
                "Phiếu khảo sát",
            ),
        ],
        "results": [("h-1", Decimal("96.2"), "")],
    },
    {
        "statement": "Không có khiếu nại về thái độ phục vụ của công chức Sở trong năm 2022",
        "indicator": "Số khiếu nại về thái độ phục vụ",
        "comparison": Comparison.AT_MOST,
        "target_value": Decimal(0),
        "target_unit": "khiếu nại",
        "method": "Sổ theo dõi khiếu nại, phản ánh",
        "frequency": Frequency.QUARTERLY,
        "actions": [],
        "results": [
            ("q-1", Decimal(0), ""),
            ("q-2", Decimal(1), "01 phản ánh tại bộ phận một cửa"),
        ],
    },
]


@transaction.atomic
def load_demo_objectives() -> tuple[ObjectiveSet, bool]:
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    existing = ObjectiveSet.objects.filter(
        organization=organization, year=2022, department=None
    ).first()
    if existing is not None:
        return existing, False
    objective_set = ObjectiveSet.objects.create(organization=organization, year=2022)
    office = organization.departments.get(name="Văn phòng Sở")
    for order, spec in enumerate(OBJECTIVES, start=1):
        objective = Objective.objects.create(
            objective_set=objective_set,
            order=order,
            department=office,
            **{k: v for k, v in spec.items() if k not in {"actions", "results"}},
        )
        for number, (action, unit, timing, resources) in enumerate(spec["actions"], start=1):
            ObjectiveAction.objects.create(
                objective=objective,
                order=number,
                action=action,
                department=organization.departments.get(name=unit),
                timing_text=timing,
                resources=resources,
            )
    objectives_submit(objective_set=objective_set, user=User.objects.get(username="thuky"))
    objectives_approve(objective_set=objective_set, user=User.objects.get(username="giamdoc"))
    secretary = User.objects.get(username="thuky")
    for objective, spec in zip(objective_set.objectives.order_by("order"), OBJECTIVES, strict=True):
        for period, value, comment in spec["results"]:
            result_record(
                objective=objective, period_key=period, user=secretary, value=value, comment=comment
            )
    return objective_set, True


# --- the current year ---------------------------------------------------------------------------
# Measured values of the current year, per period, for each objective above (in their order).
CURRENT_VALUES = [
    [Decimal(100), Decimal(100), Decimal(100), Decimal(100)],
    [Decimal("96.8"), Decimal("97.1")],
    [Decimal(0), Decimal(0), Decimal(1), Decimal(0)],
]


@transaction.atomic
def load_current_objectives(today: datetime.date) -> tuple[ObjectiveSet | None, int, bool]:
    """The objectives of ``today``'s year, copied from the latest set, approved, their results
    entered up to the last period that has ended (a few days after its end). Returns the set,
    how many results, and whether it was created."""
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    existing = ObjectiveSet.objects.filter(
        organization=organization, year=today.year, department=None
    ).first()
    if existing is not None:
        return (
            existing,
            ObjectiveResult.objects.filter(objective__objective_set=existing).count(),
            False,
        )
    source = (
        ObjectiveSet.objects.filter(organization=organization, department=None)
        .exclude(year=today.year)
        .order_by("-year")
        .first()
    )
    if source is None:
        return None, 0, False
    objective_set = objectives_copy(source=source, year=today.year)
    secretary = User.objects.get(username="thuky")
    objectives_submit(objective_set=objective_set, user=secretary)
    objectives_approve(objective_set=objective_set, user=User.objects.get(username="giamdoc"))
    count = 0
    for objective, values in zip(
        objective_set.objectives.order_by("order"), CURRENT_VALUES, strict=False
    ):
        for period, value in zip(periods(objective.frequency, today.year), values, strict=False):
            entered = period.end + datetime.timedelta(days=5)
            if entered >= today:
                break
            result_record(
                objective=objective,
                period_key=period.key,
                user=secretary,
                value=value,
                done_on=entered,
            )
            count += 1
    return objective_set, count, True


# The objectives of Phòng Người có công for the current year: its own measurements on its work
# page, entered by its head, the first objective's latest one that fell due left (overdue).
UNIT = "Phòng Người có công"
UNIT_OBJECTIVES = [
    (
        {
            "statement": "100% hồ sơ trợ cấp ưu đãi người có công được giải quyết đúng hạn",
            "indicator": "Tỷ lệ hồ sơ người có công giải quyết đúng hạn",
            "comparison": Comparison.AT_LEAST,
            "target_value": Decimal(100),
            "target_unit": "%",
            "method": "Thống kê trên Hệ thống thông tin giải quyết TTHC của tỉnh",
            "frequency": Frequency.QUARTERLY,
        },
        [Decimal(100), Decimal("98.9"), Decimal(100), Decimal(100)],
    ),
    (
        {
            "statement": "Không có hồ sơ người có công phải bổ sung quá 01 lần",
            "indicator": "Số hồ sơ yêu cầu bổ sung từ lần thứ hai",
            "comparison": Comparison.AT_MOST,
            "target_value": Decimal(0),
            "target_unit": "hồ sơ",
            "method": "Sổ theo dõi hồ sơ của phòng",
            "frequency": Frequency.QUARTERLY,
        },
        [Decimal(0), Decimal(0), Decimal(0), Decimal(0)],
    ),
]


@transaction.atomic
def load_current_unit_objectives(today: datetime.date) -> tuple[ObjectiveSet, int, bool]:
    """Phòng Người có công's objectives of ``today``'s year, approved, their results entered by
    its head a few days after each quarter, except the first objective's latest quarter that fell
    due (left overdue). Returns the set, how many results, and whether it was created."""
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    unit = organization.departments.get(name=UNIT)
    existing = ObjectiveSet.objects.filter(
        organization=organization, year=today.year, department=unit
    ).first()
    if existing is not None:
        count = ObjectiveResult.objects.filter(objective__objective_set=existing).count()
        return existing, count, False
    objective_set = ObjectiveSet.objects.create(
        organization=organization, year=today.year, department=unit
    )
    for order, (fields, _values) in enumerate(UNIT_OBJECTIVES, start=1):
        Objective.objects.create(
            objective_set=objective_set, order=order, department=unit, **fields
        )
    head = User.objects.get(username="truongphong")
    objectives_submit(objective_set=objective_set, user=head)
    objectives_approve(objective_set=objective_set, user=User.objects.get(username="giamdoc"))
    fell_due = sorted(
        {
            item.period_key
            for item in WorkItem.objects.filter(
                objective__objective_set=objective_set, due_date__lt=today
            )
        }
    )
    count = 0
    for number, (objective, (_fields, values)) in enumerate(
        zip(objective_set.objectives.order_by("order"), UNIT_OBJECTIVES, strict=True)
    ):
        entered = set(fell_due[:-1] if number == 0 else fell_due)
        for period, value in zip(periods(objective.frequency, today.year), values, strict=True):
            if period.key not in entered:
                continue
            result_record(
                objective=objective,
                period_key=period.key,
                user=head,
                value=value,
                done_on=min(today, period.end + datetime.timedelta(days=4)),
            )
            count += 1
    return objective_set, count, True
