"""A plan goes to the director and back, then is approved; each person is told when it is their
turn, and a double click at any step takes it once and shows no error."""

import datetime
import io

import pytest
from django.core.management import call_command

from plans.choices import PlanStatus
from plans.models import Department, Notification, Organization, Plan
from plans.planning.services.task import UnitRef
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db(transaction=True)
NEXT_YEAR = datetime.date.today().year + 1  # noqa: DTZ011 - the browser and server use real time


@pytest.fixture
def draft(live_server):
    """Next year's plan of the demo agency, written by its secretary: one task of a unit."""
    call_command("load_demo", stdout=io.StringIO())
    agency = Organization.objects.get(document_symbol="SLĐTBXH")
    plan = PlanFactory(
        organization=agency, year=NEXT_YEAR, title=f"Duy trì, cải tiến HTQLCL năm {NEXT_YEAR}"
    )
    unit = Department.objects.get(organization=agency, name="Phòng Người có công")
    add_task(
        plan,
        content="Rà soát quy trình giải quyết chế độ người có công",
        timing=f"Trước ngày 15/06/{NEXT_YEAR}",
        leads=[UnitRef(department_id=unit.pk)],
    )
    return plan


def _as(page, login, username):
    page.context.clear_cookies()
    login(username)


def _confirm_twice(page, done):
    """A double click on the confirmation: the step's message, and no error."""
    page.dblclick("main form[method=post] button[type=submit]")
    page.wait_for_selector(f".alert:has-text('{done}')")
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-danger").count() == 0


def _inbox(page, live_server, expected):
    page.goto(f"{live_server.url}/thong-bao/")
    page.click(f"a.list-group-item:has-text('{expected}')")
    return page.locator(".card-body").inner_text()


def test_submit_return_resubmit_approve_with_a_message_at_each_step(
    page, login, live_server, draft
):
    plan_page = f"{live_server.url}{draft.get_absolute_url()}"
    name = str(draft)

    _as(page, login, "thuky")
    page.goto(plan_page)
    page.click("a.btn:has-text('Trình phê duyệt')")
    _confirm_twice(page, "Đã trình kế hoạch")

    _as(page, login, "giamdoc")
    assert int(page.inner_text("#waiting-count").split()[0]) >= 1
    assert page.locator("#unread-count").count() == 1
    page.click("#waiting-link")
    page.wait_for_selector(f".waiting-table >> text={name}")
    row = page.locator(f".waiting-table tr:has-text('{name}')")
    assert "Nguyễn Thị Thu" in row.inner_text()
    message = _inbox(page, live_server, f"đã gửi {name} chờ bạn phê duyệt")
    assert "Nguyễn Thị Thu đã gửi" in message
    page.click("a.btn:has-text('Mở')")
    page.click("a.btn:has-text('Trả lại kèm ý kiến')")
    page.fill("textarea[name=comment]", "Bổ sung thời gian khảo sát sự hài lòng của người dân")
    _confirm_twice(page, "Đã trả lại kế hoạch")

    _as(page, login, "thuky")
    message = _inbox(page, live_server, f"đã trả lại {name}")
    assert "Bổ sung thời gian khảo sát sự hài lòng của người dân" in message
    page.goto(plan_page)
    page.click("a.btn:has-text('Trình phê duyệt')")
    _confirm_twice(page, "Đã trình kế hoạch")

    _as(page, login, "giamdoc")
    page.click("#waiting-link")
    page.click(f".waiting-table >> text={name}")
    page.click("a.btn:text-is('Phê duyệt')")
    _confirm_twice(page, "Đã phê duyệt kế hoạch")

    _as(page, login, "thuky")
    assert "Trần Văn Minh đã phê duyệt" in _inbox(page, live_server, f"đã phê duyệt {name}")
    _as(page, login, "truongphong")  # the unit that got the work: what, by when
    message = _inbox(page, live_server, f"{name} đã được phê duyệt")
    assert "Rà soát quy trình giải quyết chế độ người có công" in message
    assert f"15/06/{NEXT_YEAR}" in message

    plan = Plan.objects.get(pk=draft.pk)
    assert plan.status == PlanStatus.APPROVED
    # One transition per step, whatever the double clicks.
    assert list(plan.transitions.order_by("pk").values_list("to_status", flat=True)) == [
        "submitted",
        "draft",
        "submitted",
        "approved",
    ]
    assert Notification.objects.filter(title__contains=f"đã gửi {name}").count() == 2 * 2
