"""The plan page on a phone (390 px, an iPhone 12–15): readable, nothing cut off (issue 24); the
pages of each role too (issue 26): unit work, an item, the inbox, the province and its agencies."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("username", "symbol"),
    [
        ("thuky", "SLĐTBXH"),  # approved: the read-only table
        ("thuky.khcn", "SKHCN"),  # a draft: editable rows with their buttons, the draft mark
    ],
)
def test_the_plan_reads_on_a_phone(page, login, live_server, username, symbol):
    call_command("load_demo", stdout=io.StringIO())
    # The seed plan (Sở LĐTBXH also has the current year's, copied from it).
    plan = Plan.objects.filter(organization__document_symbol=symbol).order_by("year").first()
    page.set_viewport_size(PHONE)  # the page fixture's screenshot (var/e2e/) is then a phone's
    login(username)
    page.goto(live_server.url + reverse("plans:plan_detail", args=[plan.pk]))

    # No sideways scrolling of the page: only the task table scrolls, inside its frame.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 2
    frame = page.locator(".plan-paper .table-responsive")
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")

    # The header's blocks stack, the national motto whole and on screen.
    agency = page.locator(".plan-paper .doc-agency").bounding_box()
    nation = page.locator(".plan-paper .doc-nation").bounding_box()
    assert agency["y"] + agency["height"] <= nation["y"] + 1
    for selector in (".doc-nation-name", ".doc-motto"):
        block = page.locator(f".plan-paper {selector}")
        box = block.bounding_box()
        assert box["x"] >= 0, selector
        assert box["x"] + box["width"] <= PHONE["width"], selector
        assert block.evaluate("el => el.scrollWidth <= el.clientWidth"), selector
    assert page.locator(".plan-paper .doc-nation-name").inner_text() == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert page.locator(".plan-paper .doc-motto").inner_text() == "Độc lập - Tự do - Hạnh phúc"
    if plan.status == "draft":  # the mark above the header, not over it
        mark = page.locator(".plan-paper .doc-draft-mark").bounding_box()
        assert mark["y"] + mark["height"] <= agency["y"]


def _urls():
    """The pages each role reads on a phone (issue 26, point 6), with the demo's records."""
    from plans.models import Organization, WorkItem
    from reports.models import AnnualReport

    labour = Organization.objects.get(document_symbol="SLĐTBXH")
    item = WorkItem.objects.filter(organization=labour, department__name="Phòng Người có công")
    report, _created = AnnualReport.objects.get_or_create(
        organization=labour,
        year=Plan.objects.filter(organization=labour).order_by("year").first().year,
        defaults={"status": "approved", "submitted_on": datetime.date(2023, 1, 10)},
    )
    return {
        "unit_work": reverse("plans:unit_work"),
        "work_item": reverse("plans:work_item_detail", args=[item.order_by("pk").first().pk]),
        "waiting": reverse("plans:waiting_list"),
        "notifications": reverse("plans:notification_list"),
        "home": reverse("home"),
        "province": reverse("reports:province") + f"?nam={report.year}",
        "agency": reverse("reports:province_agency", args=[labour.pk]) + f"?nam={report.year}",
        "report": reverse("reports:province_report", args=[report.pk]),
    }


def _inside_the_screen(page, selector):
    for box in page.locator(selector).evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().toJSON())"
    ):
        assert box["left"] >= 0, selector
        assert box["right"] <= PHONE["width"] + 1, selector


@pytest.mark.parametrize(
    ("username", "name"),
    [
        ("truongphong", "unit_work"),
        ("truongphong", "work_item"),
        ("giamdoc", "waiting"),
        ("truongphong", "notifications"),
        ("nhanvien", "home"),
        ("danhgia", "home"),
        ("dieuphoi", "province"),
        ("dieuphoi", "agency"),
        ("dieuphoi", "report"),
    ],
)
def test_each_roles_pages_read_on_a_phone(page, login, live_server, username, name):
    call_command("load_demo", stdout=io.StringIO())
    url = _urls()[name]
    page.set_viewport_size(PHONE)  # the page fixture's screenshot (var/e2e/) is then a phone's
    login(username)
    page.goto(live_server.url + url)
    assert page.locator("main").count() == 1
    # Nothing wider than the screen: wide lists become cards or scroll inside their frame.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 2
    _inside_the_screen(page, "main h1")
    if name == "unit_work":  # each task whole, with its plan and status, on the screen
        cards = page.locator("table.table-cards > tbody > tr")
        assert cards.count() > 0
        _inside_the_screen(page, "table.table-cards > tbody > tr > td")
        first = cards.first.locator("td.cell-lead a")
        assert first.evaluate("el => el.scrollHeight <= el.clientHeight + 1")  # not clamped
        assert cards.first.locator("td[data-label]").count() >= 5
    if name == "province":
        _inside_the_screen(page, "table.table-cards > tbody > tr > th a")
        _inside_the_screen(page, "table.table-cards > tbody > tr > td")
    if name == "agency":  # the agency's plan: its official header stacked, whole
        for selector in (".doc-nation-name", ".doc-motto"):
            block = page.locator(f".plan-paper {selector}")
            _inside_the_screen(page, f".plan-paper {selector}")
            assert block.evaluate("el => el.scrollWidth <= el.clientWidth"), selector
