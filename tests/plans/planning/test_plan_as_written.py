"""Issue 24: a plan prints as the agency wrote it — a new agency's Word plan (not a seed) is
imported, edited and printed, and the print keeps its date line, its headings, its section III, its
row numbers and every cell's words as written."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from plans.choices import DepartmentKind, ImportStatus
from plans.letterhead import date_line
from plans.models import PlanTask, TaskImport
from plans.planning.services.task import task_delete, task_move
from tests.factories import DepartmentFactory

from .test_task_import import _confirm, _start, _upload

pytestmark = pytest.mark.django_db

# Under a two-row header "Trách nhiệm" over "Chính | Tham mưu" (written by _word_plan).
HEADER = ["TT", "Nội dung công việc", "Thời gian thực hiện", "Chính", "Tham mưu", "Sản phẩm"]
TABLE = [
    HEADER,
    [
        "1.",
        "Rà soát, cập nhật danh mục TTHC áp dụng HTQLCL",
        "Trước ngày 28/02/2023\nhoặc khi có văn bản hướng dẫn mới",
        "Văn phòng Sở",
        "Các phòng chuyên môn",
        "Danh mục TTHC",
    ],
    [
        "2.",
        "Đánh giá nội bộ HTQLCL",
        "Trước ngày 20/10/2023",
        "",  # a blank lead cell: the secretary's, as isoplan assigns it
        "Các bộ phận",
        "Báo cáo đánh giá",
    ],
    [
        "3.",
        "Họp xem xét của lãnh đạo",
        "Tháng 12",
        "Ban Chỉ đạo ISO",
        "Văn phòng Sở",
        "Biên bản họp",
    ],
    [
        "",  # a sub-row: its own task, timing and output under number 3
        "Ban hành Thông báo kết luận cuộc họp",
        "Sau cuộc họp 05 ngày làm việc",
        "Văn phòng Sở",
        "",
        "Thông báo kết luận",
    ],
]
BEFORE = [
    "UBND TỈNH ĐỒNG THÁP",
    "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
    "Số:      /KH-SNN",
    "Đồng Tháp, ngày      tháng 11 năm 2022",
    "KẾ HOẠCH",
    "Duy trì, cải tiến Hệ thống quản lý chất lượng năm 2023",
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ;",
    "I. MỤC ĐÍCH VÀ YÊU CẦU",
    "1. Mục đích",
    "- Duy trì HTQLCL phù hợp TCVN ISO 9001:2015.",
    "2. Yêu cầu",
    "- Các phòng thực hiện đúng tiến độ.",
    "II. NỘI DUNG THỰC HIỆN",
]
SECTION_III = [
    "- Các phòng chuyên môn triển khai thực hiện kế hoạch.",
    "- Văn phòng Sở theo dõi, tổng hợp kết quả.",
    "- Thư ký ISO báo cáo Ban Chỉ đạo hằng quý.",
]
AFTER = [
    "III. TỔ CHỨC THỰC HIỆN",
    *SECTION_III,
    "Trên đây là Kế hoạch duy trì HTQLCL năm 2023./.",
    "Nơi nhận:",
    "- Lãnh đạo Sở;",
    "- Lưu: VT.",
    "GIÁM ĐỐC",
    "Nguyễn Văn An",
]


def _word_plan() -> bytes:
    document = Document()
    for line in BEFORE:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE) + 1, cols=len(HEADER))
    top = ["TT", "Nội dung công việc", "Thời gian thực hiện", "Trách nhiệm", "", "Sản phẩm"]
    for r, values in enumerate([top, *TABLE]):
        for c, value in enumerate(values):
            if value and (r != 1 or c in (3, 4)):
                table.cell(r, c).text = value
    table.cell(0, 3).merge(table.cell(0, 4))
    for column in (0, 1, 2, 5):
        table.cell(0, column).merge(table.cell(1, column))
    for line in AFTER:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def imported(client, secretary, plan, organization):
    for name, kind in [
        ("Văn phòng Sở", DepartmentKind.OFFICE),
        ("Phòng Trồng trọt", DepartmentKind.DIVISION),
    ]:
        DepartmentFactory(organization=organization, name=name, kind=kind)
    client.force_login(secretary)
    response = _start(client, plan, file=_upload(_word_plan(), "ke-hoach-snn-2023.docx"))
    assert response.status_code == 302, response.context["form"].errors
    task_import = TaskImport.objects.get(plan=plan, status=ImportStatus.PREVIEW)
    page = client.get(reverse("plans:task_import_preview", args=[task_import.pk])).content
    page = page.decode()
    for shown in ["ngày      tháng 11 năm 2022", "MỤC ĐÍCH VÀ YÊU CẦU", SECTION_III[0]]:
        assert shown in page  # the preview says which header parts it will take
    assert _confirm(client, task_import).status_code == 302
    plan.refresh_from_db()
    return plan


def _pdf_text(client, plan) -> str:
    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _docx_text(client, plan) -> str:
    response = client.get(reverse("reports:plan_docx", args=[plan.pk]))
    document = Document(io.BytesIO(response.content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_import_keeps_the_plan_as_written(imported):
    plan = imported
    assert (plan.issued_on, plan.issued_month, plan.issued_year) == (None, 11, 2022)
    assert plan.headings["purposes"] == "MỤC ĐÍCH VÀ YÊU CẦU"
    assert plan.implementation.splitlines() == SECTION_III
    assert plan.number_style == "1."
    first, second, third, subrow = plan.tasks.order_by("order", "sub")
    assert [(t.order, t.sub) for t in (third, subrow)] == [(3, 0), (3, 1)]
    assert (subrow.content, subrow.output) == (TABLE[4][1], TABLE[4][5])
    assert first.timing_text == TABLE[1][2]  # two lines
    assert (first.responsibility_note, first.support_note) == ("Văn phòng Sở", TABLE[1][4])
    assert plan.table_layout == "responsibility"
    # The blank lead cell stays blank (the work goes to the ISO secretary all the same).
    assert (second.responsibility_note, second.leads) == ("", [])


@pytest.mark.parametrize("extract", [_pdf_text, _docx_text], ids=["pdf", "docx"])
def test_the_print_has_every_cell_as_in_the_source(client, imported, extract):
    text = extract(client, imported)
    flat = _flat(text)
    for row in TABLE[1:]:
        for value in row:
            assert _flat(value) in flat, value
    # The sub-row prints under number 3, which appears once.
    assert flat.count("3. Họp xem xét") == 1
    assert "Trách nhiệm" in flat  # the two-row header
    assert flat.index("Biên bản họp") < flat.index(TABLE[4][1])
    assert "ngày tháng 11 năm 2022" in flat  # the day left blank, the year of issue
    assert "MỤC ĐÍCH VÀ YÊU CẦU" in flat
    assert "MỤC ĐÍCH, YÊU CẦU" not in flat
    for line in SECTION_III:
        assert line in flat
    # Section III is the agency's paragraphs: no unit heading is made up.
    assert "1. Các phòng" not in flat
    assert "Các phòng, đơn vị" not in flat  # a matched unit's name never replaces the words


def test_editing_a_task_keeps_its_line_breaks_in_every_path(client, imported):
    task = imported.tasks.order_by("order").first()
    form = client.get(reverse("plans:task_edit", args=[task.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    # The browser sends a textarea's lines with CR LF.
    data["timing_text"] = "Trước ngày 28/02/2023\r\nhoặc khi có văn bản hướng dẫn mới"
    data["content"] = "Rà soát, cập nhật danh mục TTHC\r\náp dụng HTQLCL"
    response = client.post(reverse("plans:task_edit", args=[task.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    task = PlanTask.objects.get(pk=task.pk)
    assert task.timing_text == "Trước ngày 28/02/2023\nhoặc khi có văn bản hướng dẫn mới"
    assert task.content == "Rà soát, cập nhật danh mục TTHC\náp dụng HTQLCL"
    printed = _pdf_text(client, imported)
    assert "28/02/2023\nhoặc" in printed  # the lines stay apart (not "28/02/2023hoặc")
    docx = _docx_text(client, imported)
    assert "Trước ngày 28/02/2023\nhoặc khi có văn bản hướng dẫn mới" in docx


def test_the_date_line_leaves_blank_what_is_not_known():
    assert date_line("Đồng Tháp", None, 11, 2022) == "Đồng Tháp, ngày      tháng 11 năm 2022"
    assert date_line("Đồng Tháp", None, None, 2022) == ("Đồng Tháp, ngày      tháng      năm 2022")
    assert date_line("Đồng Tháp", None, 1, 2023) == "Đồng Tháp, ngày      tháng 01 năm 2023"


def test_a_new_plan_without_a_date_prints_the_year_it_was_drafted(client, secretary, plan):
    plan.issued_on = None
    plan.save()
    client.force_login(secretary)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    drafted = plan.created_at.year
    assert f"ngày      tháng      năm {drafted}" in page


def test_the_secretary_changes_headings_the_agency_template_gives_the_default(
    client, secretary, plan, organization
):
    organization.plan_headings = {"tasks": "NHIỆM VỤ VÀ GIẢI PHÁP"}
    organization.save()
    client.force_login(secretary)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "NHIỆM VỤ VÀ GIẢI PHÁP" in page
    form = client.get(reverse("plans:plan_edit", args=[plan.pk])).context["form"]
    assert form["heading_tasks"].value() == "NHIỆM VỤ VÀ GIẢI PHÁP"


def test_a_row_moves_and_is_deleted_with_its_sub_rows(imported):
    plan = imported
    subrow = plan.tasks.get(order=3, sub=1)
    task_move(task=plan.tasks.get(order=3, sub=0), offset=-1)
    rows = [(t.content[:10], t.order, t.sub) for t in plan.tasks.order_by("order", "sub")]
    assert rows[1:3] == [("Họp xem xé", 2, 0), ("Ban hành T", 2, 1)]  # moved together
    task_delete(task=plan.tasks.get(order=2, sub=0))
    subrow.refresh_from_db()
    assert (subrow.order, subrow.sub) == (2, 0)  # takes the deleted row's number
    assert [t.order for t in plan.tasks.order_by("order")] == [1, 2, 3]
