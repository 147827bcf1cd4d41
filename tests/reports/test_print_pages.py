"""The printed plan as a reader sees it (issue 24): the PDF's pages rendered to images and compared
with reference images, and the page breaks of a plan with a very long task.

The references are tests/reports/visual/<plan>-p<page>.png (50 dpi, grey). After an intended
layout change, look at the new pages and rewrite the references with one command:

    make visual-references  # UPDATE_VISUAL_REFERENCES=1 .venv/bin/pytest <this file>

A failure writes the page as printed now (…-actual.png) and what differs (…-diff.png, changed
pixels dark) under var/visual/.
"""

import io
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat

from plans.choices import Role
from plans.models import Plan
from tests.factories import OrganizationFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db

REFERENCES = Path(__file__).parent / "visual"
FAILURES = Path(__file__).resolve().parents[2] / "var" / "visual"
UPDATE = os.environ.get("UPDATE_VISUAL_REFERENCES") == "1"
DPI = 50
# The same fonts (Tinos) and renderer give the same pixels; the tolerance only absorbs
# anti-aliasing noise. A rule under a name 20 mm shorter changes about 40 pixels (of 241,605 on an
# A4 page at 50 dpi), a line of text that moves thousands.
MAX_MEAN_DIFFERENCE = 0.1  # mean absolute difference, in grey levels of 255
CHANGED_LEVEL = 48  # a pixel differing by more than this counts as changed…
MAX_CHANGED_PIXELS = 20  # …and at most this many may change on a page (0.008 %)
A4_HEIGHT_PT = 842

STEPS = [
    "Kiểm soát thông tin dạng văn bản",
    "Đánh giá nội bộ",
    "Kiểm soát sự không phù hợp và hành động khắc phục",
    "Xem xét của lãnh đạo",
    "Quản lý rủi ro và cơ hội",
    "Giải quyết thủ tục hành chính",
    "Xử lý văn bản đến",
    "Quản lý văn bản đi",
]


def _long_task(procedures: int) -> str:
    """A task as some agencies write it: one row listing every procedure to review."""
    lines = [
        f"- Quy trình {n}: {STEPS[(n - 1) % len(STEPS)]}; cập nhật biểu mẫu, người chịu trách "
        "nhiệm, thời hạn và hồ sơ lưu trữ theo quy định hiện hành"
        for n in range(1, procedures + 1)
    ]
    return "\n".join(
        [
            "Bắt đầu rà soát toàn bộ các quy trình nội bộ theo TCVN ISO 9001:2015, gồm:",
            *lines,
            "Kết thúc rà soát, trình Giám đốc Sở ban hành.",
        ]
    )


def _pdf(client, plan) -> bytes:
    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    return response.content


def _pages(pdf: bytes) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    return [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document]


def _page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [" ".join(page.get_textpage().get_text_bounded().split()) for page in document]


def _lowest_text_pt(page) -> float:
    """How far above the page's bottom edge its lowest character sits, in pt."""
    text = page.get_textpage()
    return min(
        (
            text.get_charbox(i)[1]
            for i in range(text.count_chars())
            if text.get_text_range(i, 1).strip()
        ),
        default=A4_HEIGHT_PT,
    )


def _compare_with_references(name: str, pdf: bytes) -> None:
    pages = _pages(pdf)
    if UPDATE:
        for stale in REFERENCES.glob(f"{name}-p*.png"):
            stale.unlink()
        for number, page in enumerate(pages, start=1):
            page.save(REFERENCES / f"{name}-p{number}.png", optimize=True)
        return
    problems = []
    expected_count = len(list(REFERENCES.glob(f"{name}-p*.png")))
    if expected_count != len(pages):
        problems.append(f"{name}: {len(pages)} pages, the references have {expected_count}")
    for number, actual in enumerate(pages, start=1):
        stem = f"{name}-p{number}"
        path = REFERENCES / f"{stem}.png"
        problem = None
        if not path.exists():
            problem = f"{stem}: no reference"
        else:
            with Image.open(path) as reference:
                expected = reference.convert("L")
            if expected.size != actual.size:
                problem = f"{stem}: {actual.size} pixels, the reference {expected.size}"
            else:
                diff = ImageChops.difference(expected, actual)
                mean = ImageStat.Stat(diff).mean[0]
                changed = sum(diff.histogram()[CHANGED_LEVEL + 1 :])
                if mean > MAX_MEAN_DIFFERENCE or changed > MAX_CHANGED_PIXELS:
                    problem = f"{stem}: mean difference {mean:.2f}, {changed} pixels changed"
                    FAILURES.mkdir(parents=True, exist_ok=True)
                    diff.point(lambda v: 255 - min(255, v * 4)).save(FAILURES / f"{stem}-diff.png")
        if problem:
            problems.append(problem)
            FAILURES.mkdir(parents=True, exist_ok=True)
            actual.save(FAILURES / f"{stem}-actual.png")
    assert not problems, "\n".join(
        [
            *problems,
            f"The pages as printed now and the differences are in {FAILURES}.",
            "If the change is intended: make visual-references",
        ]
    )


@pytest.fixture
def demo(client):
    call_command("load_demo", stdout=io.StringIO())
    return client


@pytest.mark.parametrize(
    ("name", "symbol", "year", "username"),
    [
        ("demo-labour", "SLĐTBXH", 2022, "thuky"),
        ("demo-environment", "STNMT", 2022, "thuky.tnmt"),
        ("demo-science", "SKHCN", 2021, "thuky.khcn"),
    ],
)
def test_the_demo_plans_print_as_the_references_show(demo, name, symbol, year, username):
    """The seed plans (the demo also has the current year's plan of Sở LĐTBXH)."""
    demo.post(reverse("login"), {"username": username, "password": "isoplan-demo"})
    plan = Plan.objects.get(organization__document_symbol=symbol, year=year)
    _compare_with_references(name, _pdf(demo, plan))


@pytest.fixture
def long_row_plan(client, make_member):
    """A draft with a two-row table header ("Trách nhiệm" over "Chính | Tham mưu"), an agency name
    on two lines, a sub-row with a two-line timing and one task longer than a page among short
    ones."""
    agency = OrganizationFactory(
        name="Sở Nông nghiệp và Phát triển nông thôn", document_symbol="SNNPTNT"
    )
    plan = PlanFactory(organization=agency, year=2024, table_layout="responsibility")
    for n, step in enumerate(STEPS[:3], start=1):
        add_task(plan, content=f"Công việc {n}: {step} theo kế hoạch năm", timing="Quý I")
    # A sub-row, printed under number 3 with its own task, timing and output.
    add_task(
        plan,
        content="Ban hành thông báo kết quả",
        timing="Trước ngày 15/4/2024\nhoặc khi có văn bản hướng dẫn mới",
        output="Thông báo",
        subrow=True,
    )
    add_task(plan, content=_long_task(24), timing="Cả năm")
    for n, step in enumerate(STEPS[3:6], start=5):
        add_task(plan, content=f"Công việc {n}: {step} theo kế hoạch năm", timing="Tháng 12")
    client.force_login(make_member(Role.ISO_SECRETARY, org=agency))
    return plan


def test_a_two_row_header_and_a_very_long_row_print_as_the_references_show(client, long_row_plan):
    _compare_with_references("two-row-header-long-row", _pdf(client, long_row_plan))


def test_a_very_long_task_continues_under_the_repeated_header_without_a_half_empty_page(
    client, organization, secretary
):
    plan = PlanFactory(
        organization=organization, year=2024
    )  # columns "split": "Nội dung công việc"
    add_task(plan, content="Xây dựng và công bố mục tiêu chất lượng năm 2024", timing="Tháng 01")
    add_task(plan, content=_long_task(13), timing="Cả năm")
    add_task(plan, content="Họp xem xét của lãnh đạo", timing="Tháng 12")
    client.force_login(secretary)
    pdf = _pdf(client, plan)
    pages = _page_texts(pdf)

    assert len(pages) >= 2
    # The long task starts on the first page, right after the short one, and ends on the second.
    assert "Bắt đầu rà soát toàn bộ" in pages[0]
    assert "Kết thúc rà soát" in pages[1]
    # Every page with rows of the table repeats its header.
    for number, text in enumerate(pages, start=1):
        if any(marker in text for marker in ("Quy trình", "Họp xem xét", "mục tiêu chất lượng")):
            assert "Nội dung công việc" in text, f"page {number} has rows but no header"
    # No page but the last is left half empty: its text goes down to the lowest quarter.
    document = pdfium.PdfDocument(pdf)
    for number in range(len(document) - 1):
        assert _lowest_text_pt(document[number]) < A4_HEIGHT_PT / 4, f"page {number + 1}"
