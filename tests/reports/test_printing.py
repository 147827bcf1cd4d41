"""The plan printed: PDF (official layout), DOCX for Word, XLSX with progress."""

import io
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from openpyxl import load_workbook
from pypdf import PdfReader

from plans.choices import Role
from plans.models import Plan, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.work.services import work_item_complete
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def labour_plan(client):
    call_command("load_demo", "--seed-years-only", stdout=io.StringIO())
    client.post(reverse("login"), {"username": "thuky", "password": "isoplan-demo"})
    return Plan.objects.get(organization__document_symbol="SLĐTBXH", year=2022)


def _pdf(client, plan) -> PdfReader:
    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"{plan.year}" in disposition
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_has_every_part_in_order_with_diacritics(client, labour_plan):
    reader = _pdf(client, labour_plan)
    text = _flat(_text(reader))
    parts = [
        # The header's left column, then its right column.
        "UBND TỈNH ĐỒNG THÁP",
        "SỞ LAO ĐỘNG – TB&XH",
        "/KH-SLĐTBXH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đồng Tháp, ngày",
        "KẾ HOẠCH",
        "Duy trì áp dụng, cải tiến Hệ thống quản lý chất lượng",
        "Căn cứ Kế hoạch số 326/KH-UBND",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG THỰC HIỆN",
        "Trách nhiệm thực hiện",
        *[t.content[:40] for t in labour_plan.tasks.order_by("order")],
        "III. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "- Lưu: VT; Ban ISO Sở (T)",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Lê Thị Hoa Nàng",
    ]
    positions = [text.find(_flat(part)) for part in parts]
    assert -1 not in positions, [p for p, at in zip(parts, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert "DỰ THẢO" not in text  # approved


def test_the_pdf_is_a4_with_page_numbers_from_page_2(client, labour_plan):
    reader = _pdf(client, labour_plan)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)

    def top_margin_text(page) -> str:
        """Text drawn in the top 20 mm of the page (where the page number goes)."""
        found = []

        def visit(text, cm, tm, _font, _size):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text's height on the page, in pt
            if y > 842 - 57 and text.strip():
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        return " ".join(found)

    assert top_margin_text(reader.pages[0]) == ""  # no number on page 1
    assert top_margin_text(reader.pages[1]) == "2"


def test_the_pdf_embeds_a_serif_with_every_character_it_uses(client, labour_plan):
    reader = _pdf(client, labour_plan)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()  # embedded
    assert fonts <= {"Tinos", "Tinos-Bold", "Tinos-Italic", "Tinos-Bold-Italic"}  # no fallback
    tinos = subprocess.run(
        ["fc-match", "-f", "%{file}", "Tinos"], capture_output=True, text=True, check=True
    ).stdout
    cmap = TTFont(tinos).getBestCmap()
    used = set(_text(reader)) - set(" \n\t")
    assert {c for c in used if ord(c) not in cmap} == set()
    assert "\ufffd" not in used


def test_a_draft_prints_with_the_draft_mark_and_blank_number(client, secretary, organization):
    plan = PlanFactory(organization=organization, year=2023)
    add_task(plan, content="Xây dựng Kế hoạch đánh giá nội bộ")
    client.force_login(secretary)
    text = _flat(_text(_pdf(client, plan)))
    assert "DỰ THẢO" in text
    assert "Số: /KH-" in text


def test_the_docx_has_one_row_per_task_and_a_repeating_header(client, labour_plan):
    response = client.get(reverse("reports:plan_docx", args=[labour_plan.pk]))
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    task_table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    assert len(task_table.rows) == 1 + labour_plan.tasks.count()
    header = task_table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert [c.text for c in task_table.rows[0].cells][1] == "Nội dung công việc"
    body = "\n".join(p.text for p in document.paragraphs)
    assert "KẾ HOẠCH" in body
    closing = document.tables[-1].rows[0].cells
    assert closing[0].text.startswith("Nơi nhận:\n- Các phòng chuyên môn;")
    signature = [line for line in closing[1].text.split("\n") if line]
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Hoa Nàng"]


def test_a_two_row_header_in_word(client, secretary, organization):
    plan = PlanFactory(organization=organization, year=2023, table_layout="responsibility")
    add_task(plan)
    client.force_login(secretary)
    response = client.get(reverse("reports:plan_docx", args=[plan.pk]))
    table = next(
        t for t in Document(io.BytesIO(response.content)).tables if t.rows[0].cells[0].text == "TT"
    )
    assert [c.text for c in table.rows[0].cells] == [
        "TT", "Bước công việc", "Thời gian", "Trách nhiệm", "Trách nhiệm", "Kết quả"
    ]  # fmt: skip
    assert [c.text for c in table.rows[1].cells][3:5] == ["Chính", "Tham mưu"]
    assert len(table.rows) == 3


def test_the_xlsx_lists_tasks_with_progress_and_totals(
    client, secretary, director, organization, department
):
    plan = PlanFactory(organization=organization)
    add_task(plan, content="Báo cáo quý", timing="Hàng quý")
    add_task(plan, content="Họp xem xét", timing="Tháng 12/2022")
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    work_item_complete(item=WorkItem.objects.get(period_key="q-1"), user=secretary)
    client.force_login(secretary)
    response = client.get(reverse("reports:plan_xlsx", args=[plan.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    tasks = workbook["Nội dung công việc"]
    rows = list(tasks.values)
    assert rows[0][:2] == ("TT", "Nội dung công việc")
    assert [r[1] for r in rows[1:3]] == ["Báo cáo quý", "Họp xem xét"]
    assert rows[-1][0] == "Tổng cộng"
    assert sum(rows[-1][6:9]) == WorkItem.objects.count()
    assert rows[1][6] == 1  # one quarter done
    assert tasks.freeze_panes == "A2"
    assert tasks.column_dimensions["B"].width >= 40


def test_someone_from_another_organization_cannot_download(
    client, labour_plan, make_member, other_organization
):
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    for name in ("reports:plan_pdf", "reports:plan_docx", "reports:plan_xlsx"):
        assert client.get(reverse(name, args=[labour_plan.pk])).status_code == 404


def test_staff_of_the_organization_may_download(client, labour_plan):
    client.post(reverse("login"), {"username": "nhanvien", "password": "isoplan-demo"})
    assert client.get(reverse("reports:plan_docx", args=[labour_plan.pk])).status_code == 200
