"""An English browser (en-US): the pages stay Vietnamese and a date is dd/mm/yyyy, typed or picked
with the keyboard, and saved as meant (issue 26, point 4)."""

import datetime

import pytest
from django.urls import reverse

from audits.models import Audit
from plans.choices import Role
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def english_page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    yield page
    context.close()


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_an_english_browser_types_and_picks_dates_day_first(
    english_page, live_server, organization, department, secretary, make_member
):
    page = english_page
    auditor = make_member(Role.AUDITOR, department=DepartmentFactory(organization=organization))
    _log_in(page, live_server, secretary.username)
    page.goto(live_server.url + reverse("audits:audit_create"))
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("footer").get_by_text("English").is_visible()

    starts = page.locator("input[name=starts_on]")
    assert starts.get_attribute("type") == "text"
    assert starts.get_attribute("placeholder") == "dd/mm/yyyy"

    # Typed, day first.
    starts.click()
    picker = page.locator(".datepicker.active")
    picker.wait_for()  # the picker opens on focus
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "date_picker_desktop.png")
    starts.press_sequentially("05/03/2024")
    starts.press("Enter")
    assert starts.input_value() == "05/03/2024"
    # The picker shows what was typed: March 2024.
    assert "2024" in page.locator(".datepicker .view-switch").first.inner_text()

    # Picked with the keyboard: focus the field, a week on (down arrow), Enter.
    ends = page.locator("input[name=ends_on]")
    ends.click()
    ends.press("ArrowDown")
    ends.press("Enter")
    picked = ends.input_value()
    expected = page.evaluate(
        """() => { const d = new Date(); d.setDate(d.getDate() + 7);
        return [d.getDate(), d.getMonth() + 1].map(n => String(n).padStart(2, "0")).join("/")
          + "/" + d.getFullYear(); }"""
    )
    assert picked == expected

    page.fill("input[name=title]", "Đánh giá nội bộ")
    page.fill("input[name=year]", "2024")
    page.check(f"input[name=units][value='{department.pk}']")
    page.fill("textarea[name=processes]", "Giải quyết TTHC")
    page.fill("textarea[name=criteria]", "TCVN ISO 9001:2015")
    page.select_option("select[name=lead_auditor]", str(auditor.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/tao/" not in url)

    audit = Audit.objects.get()
    assert audit.starts_on == datetime.date(2024, 3, 5)
    day, month, year = map(int, picked.split("/"))
    assert audit.ends_on == datetime.date(year, month, day)

    # Shown back day first.
    page.goto(live_server.url + reverse("audits:audit_edit", args=[audit.pk]))
    assert page.locator("input[name=starts_on]").input_value() == "05/03/2024"

    # A field that htmx swaps in later (rows edited in place) gets the picker too.
    page.evaluate(
        """() => htmx.swap("main", '<input id="swapped" data-datepicker>',
                           {swapStyle: "beforeend"})"""
    )
    page.wait_for_function("() => document.getElementById('swapped').datepicker !== undefined")

    # On a phone, the picker fits the screen.
    page.set_viewport_size(PHONE)
    page.locator("input[name=starts_on]").click()
    page.locator(".datepicker.active").wait_for()
    box = page.locator(".datepicker.active .datepicker-picker").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=SCREENSHOTS / "date_picker_phone.png")
    # Nothing the picker does is refused by the Content-Security-Policy.
    assert [text for text in page.console_messages if "Content Security Policy" in text] == []


def test_an_english_browser_types_24_hour_times(
    english_page, live_server, organization, department, secretary, make_member
):
    """A time is hh:mm on 24 hours in an en-US browser too (its own time input would show
    AM/PM): typed as "8h30" or "14:00", saved as meant, shown back as 08:30–14:00; a wrong time
    gets a Vietnamese message and stays as typed."""
    page = english_page
    # An auditor from another unit: nobody audits their own.
    auditor = make_member(Role.AUDITOR, department=DepartmentFactory(organization=organization))
    audit = Audit.objects.create(
        organization=organization,
        year=2024,
        title="Đánh giá nội bộ năm 2024",
        processes="Giải quyết TTHC",
        lead_auditor=auditor,
        starts_on=datetime.date(2024, 3, 4),
        ends_on=datetime.date(2024, 3, 8),
    )
    audit.units.set([department])
    _log_in(page, live_server, secretary.username)
    page.goto(live_server.url + reverse("audits:audit_detail", args=[audit.pk]))
    starts, ends = page.locator("input[name=starts_at]"), page.locator("input[name=ends_at]")
    assert starts.get_attribute("type") == "text"
    assert starts.get_attribute("placeholder") == "hh:mm"
    assert starts.get_attribute("inputmode") == "numeric"

    page.fill("input[name=date]", "05/03/2024")
    page.select_option("select[name=department]", str(department.pk))
    page.check(f"input[name=auditors][value='{auditor.pk}']")
    starts.fill("8h30")
    ends.fill("25:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm", exact=True).click()
    ends = page.locator("input[name=ends_at]")
    assert ends.input_value() == "25:00"  # kept as typed, with the message beside it
    assert (
        "Nhập giờ dạng hh:mm (24 giờ)" in page.locator("form:has(input[name=ends_at])").inner_text()
    )
    assert not audit.sessions.exists()

    ends.fill("14:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm", exact=True).click()
    page.locator(".alert-success").wait_for()
    session = audit.sessions.get()
    assert (session.starts_at, session.ends_at) == (datetime.time(8, 30), datetime.time(14))
    schedule = page.locator("main table").first.inner_text()
    assert "08:30–14:00" in schedule
    assert "PM" not in schedule
    page.screenshot(path=SCREENSHOTS / "time_24_hours_desktop.png")
    assert [text for text in page.console_messages if "Content Security Policy" in text] == []
