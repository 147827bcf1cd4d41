"""The work-item protocol: every kind reads as itself, is found by its own title, and a new kind
plugs in through the registry and the one service."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plans.choices import Role, WorkItemStatus
from plans.models import ContextEntry, Membership, User, WorkItem
from plans.work import kinds
from plans.work.calendar_feed import build_calendar, items_of_unit
from plans.work.services import item_open

pytestmark = pytest.mark.django_db
D = datetime.date
EVERY_KIND = {
    "plan_task",
    "objective_measurement",
    "document_review",
    "document_update",
    "risk_action",
    "corrective_action",
    "review_decision",
    "onboarding",
    "certificate_renewal",
    "improvement_action",
}


def test_every_kind_reads_as_itself_and_is_found_by_its_own_title(client):
    call_command("load_demo", stdout=StringIO())
    secretary = User.objects.get(username="thuky")
    organization = Membership.objects.get(user=secretary).organization
    items = WorkItem.objects.filter(organization=organization).with_sources()
    one_of_each = {item.kind: item for item in items.order_by("-pk")}
    assert set(one_of_each) == EVERY_KIND == {k.name for k in kinds.all_kinds()}

    client.force_login(secretary)
    for kind, item in one_of_each.items():
        assert item.title, kind
        assert not str(item).startswith("None"), kind
        query = " ".join(item.title.split()[-3:])  # words of its own title

        # The demo has work in its seed years and in this one: the item's year is chosen.
        filters = {"q": query, "group": _group(item), "year": item.year}
        page = client.get(reverse("plans:unit_work"), filters)
        assert item.pk in [i.pk for i in page.context["page"]], (kind, query)
        detail = client.get(reverse("plans:work_item_detail", args=[item.pk])).content.decode()
        assert item.source_url in detail, kind
    admin = User.objects.create_superuser("quantri-test", "qt@example.com", "x")
    client.force_login(admin)
    changelist = client.get(reverse("admin:plans_workitem_changelist"), {"q": "phiếu xin lỗi"})
    assert [i.kind for i in changelist.context["cl"].result_list] == ["corrective_action"]


def _group(item) -> str:
    if not item.is_open:
        return "done"
    if item.due_date is None:
        return "undated"
    today = timezone.localdate()
    if item.due_date < today:
        return "overdue"
    return "soon" if item.due_date <= today + datetime.timedelta(days=14) else "later"


@pytest.fixture
def training_kind():
    """A kind a later feature would add (say, training sessions): declared by the test, its
    record played by a context entry."""
    calls = []
    kind = kinds.register(
        kinds.WorkKind(
            name="training_session",
            label="Training session",
            model="plans.ContextEntry",
            title=lambda entry: f"Tập huấn: {entry.subject}",
            search=("subject",),
            origin=lambda entry: f"Kế hoạch đào tạo {entry.year}",
            url=lambda entry: f"/dao-tao/{entry.pk}/",
            on_close=lambda item, user: calls.append(("closed", item.record, user)),
            on_reopen=lambda item, user: calls.append(("reopened", item.record, user)),
        )
    )
    yield kind, calls
    kinds.unregister(kind.name)


@time_machine.travel(datetime.datetime(2030, 1, 15, 3, tzinfo=datetime.UTC))  # the record's year
def test_a_new_kind_plugs_in_through_the_registry_and_the_one_service(
    client, training_kind, organization, department, make_member
):
    _kind, calls = training_kind
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    secretary = make_member(Role.ISO_SECRETARY)
    session = ContextEntry.objects.create(
        organization=organization, year=2030, kind="internal", subject="ISO 9001 cho công chức mới"
    )
    item = item_open(
        "training_session",
        session,
        organization_id=organization.pk,
        year=2030,
        key=f"dt-{session.pk}",
        label="Đợt 1",
        due_on=D(2030, 3, 16),  # a Saturday: due the Friday before, as every stated date
        department_id=department.pk,
    )
    assert item.due_date == D(2030, 3, 15)
    assert str(item) == "Tập huấn: ISO 9001 cho công chức mới – Đợt 1"

    client.force_login(head)  # the unit's head sees it, finds it, opens it and closes it
    page = client.get(reverse("plans:unit_work"), {"q": "công chức mới", "group": "later"})
    assert [i.title for i in page.context["page"]] == ["Tập huấn: ISO 9001 cho công chức mới"]
    detail = client.get(reverse("plans:work_item_detail", args=[item.pk])).content.decode()
    assert f'href="/dao-tao/{session.pk}/"' in detail
    assert "Kế hoạch đào tạo 2030" in detail
    client.post(reverse("plans:work_item_detail", args=[item.pk]), {"note": "Đã tổ chức"})
    item.refresh_from_db()
    assert item.status == WorkItemStatus.DONE
    assert calls == [("closed", session, head)]

    client.force_login(secretary)
    client.post(reverse("plans:work_item_reopen", args=[item.pk]), {"reason": "Thiếu hồ sơ"})
    assert calls[-1] == ("reopened", session, secretary)
    feed = build_calendar("isoplan", items_of_unit(department)).decode()
    assert "Tập huấn: ISO 9001 cho công chức mới" in feed.replace("\r\n ", "")


def test_a_kind_is_declared_once():
    plan_task = kinds.kind("plan_task")
    with pytest.raises(ValueError, match="declared twice"):
        kinds.register(kinds.WorkKind("plan_task", "x", "plans.Plan", str, ()))
    assert kinds.kind("plan_task") is plan_task


def test_items_of_every_kind_read_in_a_fixed_number_of_queries(django_assert_num_queries):
    """One query for the items, one per kind of record behind the generic relation (the
    register's documents and external texts) and one per kind whose record points to its item
    (risk actions, corrective actions, review decisions, improvement actions, newcomers'
    guidance, certificate renewals), one for the plans of the tasks and one for the objectives'
    sets — however many items (over 50 in the demo); a list of plan tasks alone, two queries."""
    call_command("load_demo", stdout=StringIO())

    def read_all():
        return [
            (str(i), i.source_label, i.source_url, i.timing_text, i.output, i.responsible_label)
            for i in WorkItem.objects.with_sources()
        ]

    assert len(read_all()) > 50  # and the content types are cached, as in a running server
    with django_assert_num_queries(3 + 6 + 2):
        read_all()
    tasks = WorkItem.objects.filter(kind="plan_task").with_sources()
    with django_assert_num_queries(2):
        assert all(item.source_label and item.title for item in tasks)
