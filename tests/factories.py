import datetime

import factory
from factory.django import DjangoModelFactory

from audits.models import ManagementReview
from plans.choices import DepartmentKind, Role
from plans.models import Department, Membership, Organization, Plan, User


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    parent_authority = "UBND TỈNH ĐỒNG THÁP"
    document_symbol = factory.Sequence(lambda n: f"STN{n}")
    place_name = "Đồng Tháp"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Phòng {n}")
    kind = DepartmentKind.DIVISION
    order = factory.Sequence(int)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    password = factory.django.Password("secret-pass-123")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.STAFF
    department = None


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    organization = factory.SubFactory(OrganizationFactory)
    year = 2022
    symbol = factory.LazyAttribute(lambda o: f"KH-{o.organization.document_symbol}")
    place = "Đồng Tháp"
    title = factory.LazyAttribute(
        lambda o: f"Duy trì, cải tiến HTQLCL theo TCVN ISO 9001:2015 năm {o.year}"
    )


class ReviewFactory(DjangoModelFactory):
    """A management review held after the year's first half (``chair`` is needed)."""

    class Meta:
        model = ManagementReview

    organization = factory.SubFactory(OrganizationFactory)
    year = 2023
    title = factory.LazyAttribute(lambda o: f"Họp xem xét của Lãnh đạo năm {o.year}")
    period_start = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    period_end = factory.LazyAttribute(lambda o: datetime.date(o.year, 6, 30))
    meeting_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 7, 10))
    starts_at = datetime.time(8)
    place = "Phòng họp Sở"
    participants = "Ban Chỉ đạo ISO"


def add_task(plan, content="Xây dựng Kế hoạch đánh giá nội bộ", timing="Tháng 03/2022", **kw):
    """A task through the service, as the secretary would add it (ISO secretary leads)."""
    from plans.planning.services.task import TaskData, UnitRef, task_create

    kw.setdefault("leads", [UnitRef(party="iso_secretary")])
    return task_create(plan=plan, data=TaskData(content=content, timing_text=timing, **kw))


def add_objective(objective_set, **fields):
    """A quarterly "at least 100 %" objective of ``objective_set`` (``fields`` change it)."""
    from decimal import Decimal

    from plans.objectives.choices import Comparison, Frequency
    from plans.objectives.models import Objective

    defaults = {
        "statement": "100% hồ sơ TTHC được giải quyết đúng hạn trong năm 2022",
        "indicator": "Tỷ lệ hồ sơ đúng hạn",
        "comparison": Comparison.AT_LEAST,
        "target_value": Decimal(100),
        "target_unit": "%",
        "frequency": Frequency.QUARTERLY,
    }
    return Objective.objects.create(objective_set=objective_set, **{**defaults, **fields})


def corrective_action(department, user, action="Khắc phục", due_on=None, found_on=None):
    """A corrective action of a new nonconformity of ``department``, through the services: a work
    item of the unit that is not a plan task. Returns its work item."""
    import datetime

    from audits.nonconformity.services import corrective_action_add, nonconformity_register

    found_on = found_on or datetime.date(2023, 10, 5)
    nonconformity = nonconformity_register(
        organization=department.organization,
        user=user,
        source="internal_audit",
        severity="minor",
        department=department,
        found_on=found_on,
        clause="8.5.1",
        description="Hồ sơ trả kết quả trễ hạn",
    )
    return corrective_action_add(
        nonconformity=nonconformity,
        action=action,
        department=department,
        due_on=due_on or found_on + datetime.timedelta(days=30),
        user=user,
    ).work_item
