import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from plans.choices import Role
from plans.models import (
    Delivery,
    Department,
    DocumentEdition,
    Membership,
    Notification,
    ObjectiveResult,
    ObjectiveSet,
    Organization,
    Plan,
    PlanTask,
    User,
    WorkItem,
    WorkItemEvidence,
)
from plans.organizations.demo import DEMO_PASSWORD, LOGINS
from plans.risks.models import ContextEntry, Risk, RiskAction
from plans.training.models import AuditorCertificate, Onboarding, Training
from reports.models import AnnualReport

pytestmark = pytest.mark.django_db

MODELS = [
    Organization,
    Department,
    User,
    Membership,
    Plan,
    PlanTask,
    ContextEntry,
    Risk,
    RiskAction,
    WorkItem,
    WorkItemEvidence,
    DocumentEdition,
    Training,
    Onboarding,
    AuditorCertificate,
    ObjectiveSet,
    ObjectiveResult,
    AnnualReport,
]


def _can_log_in(username: str, password: str) -> bool:
    # django-axes needs the request a login comes with.
    request = RequestFactory().post("/dang-nhap/")
    return authenticate(request, username=username, password=password) is not None


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_is_idempotent():
    _load()
    first = _counts()
    _load()
    assert _counts() == first
    assert first["Organization"] == 3


def test_load_demo_creates_the_seed_agencies_and_a_login_per_role():
    output = _load()
    assert "thuky" in output
    labour = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    assert labour.parent_authority == "UBND TỈNH ĐỒNG THÁP"
    assert labour.document_symbol == "SLĐTBXH"
    assert labour.header_line == "SỞ LAO ĐỘNG – TB&XH"
    assert labour.departments.filter(name="Văn phòng Sở").exists()
    environment = Organization.objects.get(name="Sở Tài nguyên và Môi trường")
    assert environment.departments.filter(name="Chi cục Quản lý đất đai").exists()

    held = set(Membership.objects.filter(organization=labour).values_list("role", flat=True))
    assert held == set(Role.values) - {Role.PROVINCE_COORDINATOR}
    # The province's coordinator sits in Sở KH&CN and every demo agency is in Đồng Tháp.
    coordinator = Membership.objects.get(role=Role.PROVINCE_COORDINATOR)
    assert coordinator.organization.name == "Sở Khoa học và Công nghệ"
    assert set(Organization.objects.values_list("province", flat=True)) == {"Đồng Tháp"}
    for login in LOGINS:
        assert (
            authenticate(
                RequestFactory().post("/dang-nhap/"),
                username=login.username,
                password=DEMO_PASSWORD,
            )
            is not None
        )
    assert User.objects.get(username="quantri").is_superuser


def test_load_demo_keeps_a_changed_password():
    _load()
    user = User.objects.get(username="thuky")
    user.set_password("changed-by-the-user-1")
    user.save()
    _load()
    assert (
        authenticate(
            RequestFactory().post("/dang-nhap/"), username="thuky", password="changed-by-the-user-1"
        )
        is not None
    )


def test_load_demo_brings_the_three_seed_plans_as_written():
    _load()
    seeds = Plan.objects.filter(year__in=[2021, 2022]).select_related("organization")
    plans = {p.organization.document_symbol: p for p in seeds}
    assert {k: (p.year, p.status) for k, p in plans.items()} == {
        "SLĐTBXH": (2022, "approved"),
        "STNMT": (2022, "submitted"),
        "SKHCN": (2021, "draft"),
    }
    assert [plans[k].tasks.count() for k in ("SLĐTBXH", "STNMT", "SKHCN")] == [10, 11, 7]
    labour = plans["SLĐTBXH"]
    assert (labour.signing_authority, labour.signer_deputy_title, labour.signer_name) == (
        "KT.",
        "PHÓ GIÁM ĐỐC",
        "Lê Thị Hoa Nàng",
    )
    timings = list(plans["STNMT"].tasks.order_by("order").values_list("timing_text", flat=True))
    assert timings[0] == "Trong tháng 01/2022"
    assert timings[8] == "Trong vòng 30 ngày sau khi TTHC được công bố"
    assert plans["SKHCN"].tasks.get(order=3).timing_text == "Hàng tháng"


def test_load_demo_brings_the_science_plan_in_through_an_import_of_its_word_file():
    _load()
    plan = Plan.objects.get(organization__document_symbol="SKHCN")
    task_import = plan.imports.get()
    assert (task_import.status, task_import.created_by.username) == ("imported", "thuky.khcn")
    assert set(task_import.tasks.all()) == set(plan.tasks.all())
    units = [[a.label for a in t.leads] for t in plan.tasks.order_by("order")]
    assert units[4] == ["Ban Chỉ đạo ISO", "Các phòng, đơn vị"]
    assert units[5] == ["Lãnh đạo cơ quan"]


def test_load_demo_brings_this_years_plan_under_way():
    """The current year: the plan copied from 2022 with its years moved, approved, its work done
    before its deadlines with evidence, a few items late, the year's audit, nonconformity,
    objectives and a document edition waiting for the director."""
    output = _load()
    today = timezone.localdate()
    assert f"Current year {today.year}" in output
    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    plan = Plan.objects.get(organization=labour, year=today.year)
    assert (plan.status, plan.tasks.count()) == ("approved", 10)
    assert str(today.year) in plan.title
    assert "2022" not in plan.title
    due = WorkItem.objects.filter(task__plan=plan, due_date__lt=today)
    late = due.open().count()
    assert late * 4 < max(due.count(), 1)
    for item in due.exclude(pk__in=due.open()):
        assert item.evidence.exists()
        assert item.done_on <= item.due_date
    soon = WorkItem.objects.open().filter(
        organization=labour, due_date__range=(today, today + datetime.timedelta(days=14))
    )
    assert soon.exists()
    assert labour.audits.get(year=today.year).starts_on >= today - datetime.timedelta(days=1)
    assert labour.nonconformities.get(year=today.year).status == "in_progress"
    assert labour.objective_sets.get(year=today.year, department=None).status == "approved"
    assert DocumentEdition.objects.get(document__code="QT-02", number=2).status == "in_review"


def test_load_demo_approves_the_seed_years_audit_report_and_minutes_in_their_year():
    """2022 is four years past: the director approved its audit report and review minutes then;
    what waits for them today is this year's QT-02 edition (and Sở TN&MT's plan for its own)."""
    _load()
    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    audit = labour.audits.get(year=2022)
    review = labour.management_reviews.get(year=2022)
    for record, day in ((audit, datetime.date(2022, 9, 23)), (review, datetime.date(2022, 12, 23))):
        assert record.status == "approved"
        assert record.approved_by.username == "giamdoc"
        assert timezone.localdate(record.approved_at) == day
    assert Plan.objects.get(organization__document_symbol="STNMT", year=2022).status == "submitted"


def test_load_demo_tells_the_director_of_this_years_steps_and_of_what_still_waits():
    """The seed years' approvals are history, replayed without a hand-off message (the bell
    counted 16 for giamdoc, 11 of them of 2022). Left: QT-07's first edition, of 2022 but still
    waiting for the director; and this year's steps as they happened: the plan and the agency's
    and Phòng Người có công's objectives submitted to them (approved since, as the year went),
    and QT-02's new edition, waiting."""
    _load()
    year = timezone.localdate().year
    unread = Notification.objects.filter(user__username="giamdoc", read_at=None)
    titles = list(unread.values_list("title", flat=True))
    expected = [
        "QT-07 – lần 1",
        f"Kế hoạch năm {year}",
        f"Mục tiêu chất lượng năm {year} – Sở Lao động",
        f"Mục tiêu chất lượng năm {year} – Phòng Người có công",
        "QT-02 – lần 2",
    ]
    assert len(titles) == len(expected), titles
    assert sorted(e for title in titles for e in expected if e in title) == sorted(expected)
    # Nobody else hears of 2022 either, but Sở TN&MT's director of its plan, still waiting; the
    # emails go with the inbox entries (one delivery each).
    past = Notification.objects.filter(title__contains="2022")
    assert list(past.values_list("user__username", flat=True)) == ["giamdoc.tnmt"]
    assert Delivery.objects.filter(notification=None).count() == 0


def test_load_demo_gives_the_head_of_unit_done_due_soon_and_overdue_work_this_year(client):
    """Phòng Người có công's own work of the year on its page: some done with evidence, some due
    within 14 days, one or two overdue — through the services, not only the plan's items."""
    _load()
    today = timezone.localdate()
    client.force_login(User.objects.get(username="truongphong"))
    unit = Department.objects.get(
        name="Phòng Người có công", organization__document_symbol="SLĐTBXH"
    )
    counts = {}
    for group in ("done", "soon", "overdue"):
        response = client.get(
            reverse("plans:unit_work"), {"unit": f"d:{unit.pk}", "year": today.year, "group": group}
        )
        assert response.status_code == 200
        items = list(response.context["page"])
        assert all(item.department_id == unit.pk and item.year == today.year for item in items)
        counts[group] = len(items)
        if group == "done":
            assert any(item.has_evidence for item in items)
            # done by the due date ("Thường xuyên" items have none)
            assert all(item.done_on <= (item.due_date or item.done_on) for item in items)
        if group == "overdue":
            assert all(item.due_date < today for item in items)
    assert counts["done"] >= 3
    assert counts["soon"] >= 2
    assert 1 <= counts["overdue"] <= 3
    kinds = set(
        WorkItem.objects.filter(department=unit, year=today.year).values_list("kind", flat=True)
    )
    assert {"objective_measurement", "risk_action", "corrective_action"} <= kinds
