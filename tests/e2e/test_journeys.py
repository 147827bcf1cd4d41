"""The four journeys of the people who use isoplan, in a real browser."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from plans.choices import PlanStatus, Role
from plans.models import Notification, Plan, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db(transaction=True)
THIS_YEAR = datetime.date.today().year  # noqa: DTZ011 - the browser and server use real time


@pytest.fixture
def agency():
    """The demo agencies and logins (password isoplan-demo), in their seed years: these journeys
    write and approve this year's plan themselves (the demo's own is test_living_demo's)."""
    call_command("load_demo", "--seed-years-only", stdout=io.StringIO())
    from plans.models import Organization

    return Organization.objects.get(document_symbol="SLĐTBXH")


@pytest.fixture
def last_years_plan(agency):
    plan = PlanFactory(
        organization=agency, year=THIS_YEAR - 1, title=f"Duy trì HTQLCL năm {THIS_YEAR - 1}"
    )
    add_task(plan, content="Xây dựng mục tiêu chất lượng", timing=f"Trong tháng 01/{THIS_YEAR - 1}")
    add_task(plan, content="Đánh giá nội bộ", timing=f"Quý III/{THIS_YEAR - 1}")
    secretary = agency.memberships.get(role=Role.ISO_SECRETARY).user
    plan_submit(plan=plan, user=secretary)
    return plan_approve(plan=plan, user=agency.memberships.get(role=Role.DIRECTOR).user)


def test_the_secretary_writes_this_years_plan_and_submits_it(
    page, login, live_server, last_years_plan
):
    login("thuky")
    page.click("nav >> text=Kế hoạch")
    page.click("text=Tạo kế hoạch")
    page.fill("input[name=year]", str(THIS_YEAR))
    page.check("input[value=copy]")
    page.click("button:has-text('Tạo kế hoạch')")
    page.wait_for_selector("text=Kiểm tra lại từng mốc thời gian")
    assert page.locator("#task-rows tr").count() == 2
    assert f"Quý III/{THIS_YEAR}" in page.locator("#task-rows").inner_text()

    # Edit the first task's timing in place and see what the parser understood.
    page.locator("#task-rows tr").first.locator("a[title='Sửa']").click()
    timing = page.locator("#task-rows tr.table-active textarea[name=timing_text]")
    timing.fill("")
    timing.type("Hằng quý", delay=20)
    page.wait_for_selector(
        "#task-rows tr.table-active .timing-summary:has-text('4 lần: hạn cuối mỗi quý')"
    )
    page.click("#task-rows tr.table-active button:has-text('Lưu')")
    page.wait_for_selector("#task-rows tr:first-child:has-text('Hằng quý')")

    # Add a task.
    page.click("summary:has-text('Thêm nội dung công việc')")
    page.fill("#new-task textarea[name=content]", "Họp xem xét của lãnh đạo")
    page.check("#new-task input[name=leads][value='p:leadership']")
    page.fill("#new-task textarea[name=timing_text]", "Tháng 12")
    page.click("#new-task button:has-text('Thêm')")
    page.wait_for_selector("#task-rows:has-text('Họp xem xét của lãnh đạo')")
    assert page.locator("#task-rows tr").count() == 3
    # The form is empty again for the next task (an out-of-band swap, no inline script).
    assert page.input_value("#new-task textarea[name=content]") == ""
    assert page.input_value("#new-task textarea[name=timing_text]") == ""

    # A double click on "Xác nhận": one submission, and no error shown.
    page.click("text=Trình phê duyệt")
    page.dblclick("button:has-text('Xác nhận')")
    page.wait_for_selector(".alert:has-text('Đã trình kế hoạch để Lãnh đạo phê duyệt')")
    page.wait_for_load_state("networkidle")
    assert "Không thể thực hiện" not in page.content()
    plan = Plan.objects.get(organization=last_years_plan.organization, year=THIS_YEAR)
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.transitions.count() == 1
    assert [t.timing_text for t in plan.tasks.order_by("order")] == [
        "Hằng quý",
        f"Quý III/{THIS_YEAR}",
        "Tháng 12",
    ]


def test_the_director_approves_and_downloads_the_pdf(page, login, live_server, agency):
    plan = PlanFactory(
        organization=agency, year=THIS_YEAR, title=f"Duy trì, cải tiến HTQLCL năm {THIS_YEAR}"
    )
    add_task(plan, content="Báo cáo kết quả thực hiện MTCL", timing="Hàng quý")
    plan_submit(plan=plan, user=agency.memberships.get(role=Role.ISO_SECRETARY).user)

    login("giamdoc")
    page.click(f".alert-warning >> text=Kế hoạch năm {THIS_YEAR}")
    page.click("a.btn:text-is('Phê duyệt')")
    page.click("button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã phê duyệt kế hoạch")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.tasks.get().work_items.count() == 4  # a quarterly task of the ISO secretary

    with page.expect_download() as download:
        page.click("a:has-text('PDF')")
    content = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert content.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )
    assert f"Duy trì, cải tiến HTQLCL năm {THIS_YEAR}" in text


def test_a_department_head_closes_an_item_with_evidence(page, login, live_server, agency, tmp_path):
    head_unit = agency.departments.get(name="Phòng Người có công")
    other_unit = agency.departments.get(name="Thanh tra Sở")
    plan = PlanFactory(organization=agency, year=THIS_YEAR)
    add_task(
        plan,
        content="Rà soát quy trình của phòng",
        timing="Hàng quý",
        leads=[UnitRef(department_id=head_unit.pk)],
    )
    add_task(
        plan,
        content="Việc của Thanh tra",
        timing="Hàng quý",
        leads=[UnitRef(department_id=other_unit.pk)],
    )
    plan_submit(plan=plan, user=agency.memberships.get(role=Role.ISO_SECRETARY).user)
    plan_approve(plan=plan, user=agency.memberships.get(role=Role.DIRECTOR).user)
    evidence = tmp_path / "bien-ban-ra-soat.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban")

    login("truongphong")
    page.click("nav >> text=Công việc của đơn vị")
    page.wait_for_selector("h1:has-text('Công việc của đơn vị')")
    for tab in page.locator(".nav-tabs a").all():
        tab.click()
        assert "Việc của Thanh tra" not in page.locator("table").inner_text()
    page.click("text=Đã hoàn thành")
    done_before = page.locator("table tbody tr:has(a)").count()

    page.locator(".nav-tabs a").first.click()
    row_link = page.locator("table tbody a", has_text="Rà soát quy trình của phòng").first
    row_link.click()
    page.fill("textarea[name=note]", "Đã rà soát xong, biên bản lưu tại phòng.")
    page.set_input_files("input[name=files]", str(evidence))
    page.click("button:has-text('Đánh dấu hoàn thành')")
    page.wait_for_selector("text=Đã đánh dấu hoàn thành")
    assert "bien-ban-ra-soat.pdf" in page.content()

    page.click("nav >> text=Công việc của đơn vị")
    page.click("text=Đã hoàn thành")
    assert page.locator("table tbody tr:has(a)").count() == done_before + 1
    item = WorkItem.objects.get(status="done", task__plan=plan)
    assert (item.department, item.note) == (head_unit, "Đã rà soát xong, biên bản lưu tại phòng.")


def test_the_reminder_reaches_the_department_heads_inbox(page, login, live_server, agency):
    head_unit = agency.departments.get(name="Phòng Người có công")
    plan = PlanFactory(organization=agency, year=THIS_YEAR)
    add_task(
        plan,
        content="Nộp báo cáo tự đánh giá",
        timing=f"Trước ngày 20/10/{THIS_YEAR}",
        leads=[UnitRef(department_id=head_unit.pk)],
    )
    plan_submit(plan=plan, user=agency.memberships.get(role=Role.ISO_SECRETARY).user)
    plan_approve(plan=plan, user=agency.memberships.get(role=Role.DIRECTOR).user)
    due = WorkItem.objects.get(task__plan=plan).due_date
    call_command(
        "send_reminders",
        "--date",
        (due - datetime.timedelta(days=3)).isoformat(),
        stdout=io.StringIO(),
    )

    # The reminder, and the message of the plan's approval (and of the demo's plans) before it.
    unread = Notification.objects.filter(user__username="truongphong", read_at=None).count()
    assert unread >= 2
    login("truongphong")
    assert page.locator("#unread-count").inner_text().split()[0] == str(unread)
    page.click("a[title='Thông báo']")
    page.click("text=việc sắp đến hạn")
    page.wait_for_selector("text=Nộp báo cáo tự đánh giá")
    page.click("a:has-text('Thông báo')")  # back to the list: that one is read now
    assert page.locator("#unread-count").inner_text().split()[0] == str(unread - 1)


def test_the_minutes_approved_complete_the_plans_review_task(page, login, live_server, agency):
    """The plan says the review task is done when the minutes are approved; the director approves
    them in the browser, and the plan shows the task done on the meeting's day, with the minutes
    as its record."""
    from audits.models import ManagementReview
    from audits.review.services import review_hold

    secretary = agency.memberships.get(role=Role.ISO_SECRETARY).user
    director = agency.memberships.get(role=Role.DIRECTOR).user
    plan = PlanFactory(organization=agency, year=THIS_YEAR)
    task = add_task(plan, content="Họp xem xét của Lãnh đạo", timing=f"Tháng 12/{THIS_YEAR}")
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    meeting_on = datetime.date.today()  # noqa: DTZ011 - the browser and server use real time
    review = ManagementReview.objects.create(
        organization=agency,
        year=THIS_YEAR,
        title=f"Họp xem xét của Lãnh đạo năm {THIS_YEAR}",
        period_start=datetime.date(THIS_YEAR, 1, 1),
        period_end=meeting_on,
        meeting_on=meeting_on,
        starts_at=datetime.time(8),
        place="Phòng họp Sở",
        chair=director,
        participants="Ban Chỉ đạo ISO",
    )
    review_hold(review=review, user=secretary)
    review.minutes_secretary = secretary
    review.attendees = "Giám đốc, Trưởng các phòng"
    review.content = "Thư ký ISO báo cáo; Lãnh đạo kết luận."
    review.ends_at = datetime.time(11)
    review.save()

    login("giamdoc")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    assert "Hoàn thành khi: Biên bản họp xem xét của lãnh đạo được phê duyệt" in page.content()
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.click("a.btn:has-text('Phê duyệt biên bản')")
    page.click("button:has-text('Xác nhận')")
    page.wait_for_selector("text=Đã phê duyệt biên bản")

    page.goto(f"{live_server.url}{plan.get_absolute_url()}#progress")
    row = page.locator("#progress tr", has_text="Họp xem xét của Lãnh đạo").first
    assert row.locator("td").nth(2).inner_text() == "1"  # done
    item = task.work_items.get()
    assert (item.status, item.done_on, item.completed_by) == ("done", meeting_on, director)
    page.goto(f"{live_server.url}{reverse('plans:work_item_detail', args=[item.pk])}")
    page.wait_for_selector("text=Hoàn thành nhờ hồ sơ")
    page.click(f"a:has-text('{review.title}')")
    page.wait_for_url(f"**{review.get_absolute_url()}")
