"""The plan page on a phone (390 px, an iPhone 12–15): readable, nothing cut off (issue 24)."""

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
