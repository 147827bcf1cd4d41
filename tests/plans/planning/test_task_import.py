"""Nhập từ tệp: last year's task table from Word, Excel or pasted rows becomes tasks after a
preview, and the import is undone as one step while the plan is a draft."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_BREAK
from openpyxl import Workbook

from plans.choices import DepartmentKind, ImportStatus, PlanStatus, Role
from plans.models import Plan, PlanTask, TaskImport
from plans.planning.forms.task_import import IMPORT_MAX_BYTES
from plans.planning.importing import preview
from plans.planning.services.plan import plan_submit
from tests.factories import DepartmentFactory, add_task

pytestmark = pytest.mark.django_db
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

SEED_003_HEADER = [
    "TT",
    "Nội dung công việc",
    "Trách nhiệm thực hiện",
    "Thời gian thực hiện",
    "Hồ sơ, biểu mẫu",
]


# --- fixtures in the shapes of the seed plans ------------------------------------------------
def _fill(table, rows, start=0):
    for r, values in enumerate(rows, start=start):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def _docx(*tables, before=(), after=(), page_break_between=False) -> bytes:
    """A Word file with ``tables`` (lists of rows), each optionally followed by a page break."""
    document = Document()
    for line in before:
        document.add_paragraph(line)
    for number, rows in enumerate(tables):
        if number and page_break_between:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        _fill(table, rows)
    for line in after:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(content: bytes, name="ke-hoach-2022.docx"):
    return SimpleUploadedFile(name, content, content_type=DOCX_TYPE)


@pytest.fixture
def units(organization):
    return {
        name: DepartmentFactory(organization=organization, name=name, kind=kind)
        for name, kind in [
            ("Văn phòng Sở", DepartmentKind.OFFICE),
            ("Phòng Người có công", DepartmentKind.DIVISION),
            ("Phòng Kế hoạch – Tài chính", DepartmentKind.DIVISION),
        ]
    }


def _start(client, plan, **data):
    return client.post(reverse("plans:task_import_start", args=[plan.pk]), data)


def _preview_page(client, task_import):
    return client.get(reverse("plans:task_import_preview", args=[task_import.pk]))


def _confirm(client, task_import, **overrides):
    """Post the preview as shown (every proposed choice kept) with ``overrides``."""
    form = _preview_page(client, task_import).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data.update(overrides)
    data.setdefault("confirm", "1")
    return client.post(reverse("plans:task_import_preview", args=[task_import.pk]), data)


def _import(client, plan, content, name="ke-hoach-2022.docx", **overrides):
    response = _start(client, plan, file=_upload(content, name))
    assert response.status_code == 302, response.context["form"].errors
    task_import = TaskImport.objects.get(plan=plan, status=ImportStatus.PREVIEW)
    return task_import, _confirm(client, task_import, **overrides)


def _tasks(plan):
    return list(plan.tasks.order_by("order").prefetch_related("assignments__department"))


def _units(task):
    return [a.label for a in task.leads], [a.label for a in task.supports]


# --- shapes of tables -------------------------------------------------------------------------
def test_a_four_column_word_table_becomes_tasks_field_by_field(client, secretary, plan, units):
    content = _docx(
        [
            ["TT", "Nội dung", "Đơn vị thực hiện", "Thời gian hoàn thành"],
            ["1", "Xây dựng kế hoạch duy trì và cải tiến HTQLCL", "Văn phòng Sở", "Tháng 02"],
            ["2", "Rà soát, bổ sung Mục tiêu chất lượng", "Các phòng", "Tháng 3"],
            ["3", "Xây dựng Kế hoạch và tổ chức đánh giá nội bộ", "BCĐ ISO, các phòng", "Tháng 10"],
        ]
    )
    client.force_login(secretary)
    _task_import, response = _import(client, plan, content)
    assert response["Location"].endswith(f"/ke-hoach/{plan.pk}/#tasks")
    tasks = _tasks(plan)
    assert [(t.order, t.content, t.timing_text, t.output) for t in tasks] == [
        (1, "Xây dựng kế hoạch duy trì và cải tiến HTQLCL", "Tháng 02", ""),
        (2, "Rà soát, bổ sung Mục tiêu chất lượng", "Tháng 3", ""),
        (3, "Xây dựng Kế hoạch và tổ chức đánh giá nội bộ", "Tháng 10", ""),
    ]
    assert [t.responsibility_note for t in tasks] == [
        "Văn phòng Sở",
        "Các phòng",
        "BCĐ ISO, các phòng",
    ]
    assert [_units(t) for t in tasks] == [
        (["Văn phòng Sở"], []),
        (["Các phòng, đơn vị"], []),
        (["Ban Chỉ đạo ISO", "Các phòng, đơn vị"], []),
    ]
    assert tasks[0].schedule["understood"] is True  # read as if typed, with the plan's year
    assert tasks[0].history.count() == 1


def test_a_five_column_excel_sheet_with_merged_unit_cells(client, secretary, plan, units):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Kế hoạch ISO năm 2022"])  # a title above the table
    sheet.append(SEED_003_HEADER)
    sheet.append(
        [
            1,
            "Xây dựng mục tiêu chất lượng",
            "Lãnh đạo cơ quan, Thư ký ISO",
            "Trong tháng 01 hàng năm",
            "Theo mẫu",
        ]
    )
    sheet.append([2, "Lập báo cáo đánh giá kết quả MTCL", None, "Hàng Quý", "Theo mẫu"])
    sheet.append([3, "Rà soát tài liệu bên ngoài", "P. Người có công", "Thường xuyên", None])
    sheet.merge_cells("C3:C4")  # one responsibility written once for rows 1 and 2
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(secretary)
    _import(client, plan, buffer.getvalue(), name="ke-hoach.xlsx")
    tasks = _tasks(plan)
    assert [(t.content, t.timing_text, t.output) for t in tasks] == [
        ("Xây dựng mục tiêu chất lượng", "Trong tháng 01 hàng năm", "Theo mẫu"),
        ("Lập báo cáo đánh giá kết quả MTCL", "Hàng Quý", "Theo mẫu"),
        ("Rà soát tài liệu bên ngoài", "Thường xuyên", ""),
    ]
    assert [t.responsibility_note for t in tasks[:2]] == ["Lãnh đạo cơ quan, Thư ký ISO"] * 2
    assert _units(tasks[1]) == (["Lãnh đạo cơ quan", "Thư ký ISO"], [])
    assert _units(tasks[2]) == (["Phòng Người có công"], [])  # "P." and no diacritics needed


def test_a_two_row_header_responsibility_lead_and_advising(client, secretary, plan, units):
    document = Document()
    table = document.add_table(rows=4, cols=6)
    _fill(
        table,
        [
            ["TT", "Bước công việc", "Thời gian", "Trách nhiệm", "", "Kết quả"],
            ["", "", "", "Chính", "Tham mưu", ""],
        ],
    )
    table.cell(0, 3).merge(table.cell(0, 4))
    for column in (0, 1, 2, 5):
        table.cell(0, column).merge(table.cell(1, column))
    _fill(
        table,
        [
            ["1", "Lập kế hoạch đánh giá", "Tháng 3/2022", "Lãnh đạo Sở", "Thư ký ISO", "Kế hoạch"],
            [
                "2",
                "Đánh giá nội bộ",
                "Quý III/2022",
                "Văn phòng Sở",
                "Phòng Người có công, Phòng Kế hoạch – Tài chính",
                "Báo cáo",
            ],
        ],
        start=2,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(secretary)
    task_import, _response = _import(client, plan, buffer.getvalue(), parts=["table"])
    assert task_import.labels == [
        "TT",
        "Bước công việc",
        "Thời gian",
        "Trách nhiệm Chính",
        "Trách nhiệm Tham mưu",
        "Kết quả",
    ]
    tasks = _tasks(plan)
    assert [(t.content, t.timing_text, t.output) for t in tasks] == [
        ("Lập kế hoạch đánh giá", "Tháng 3/2022", "Kế hoạch"),
        ("Đánh giá nội bộ", "Quý III/2022", "Báo cáo"),
    ]
    assert _units(tasks[0]) == (["Lãnh đạo cơ quan"], ["Thư ký ISO"])
    assert _units(tasks[1]) == (
        ["Văn phòng Sở"],
        ["Phòng Người có công", "Phòng Kế hoạch – Tài chính"],
    )
    plan.refresh_from_db()  # the plan prints its table with the same columns
    assert plan.table_layout == "responsibility"
    assert plan.table_labels == "TT | Bước công việc | Thời gian | Chính | Tham mưu | Kết quả"


def test_a_table_split_by_a_page_break_is_one_table_and_a_broken_row_is_joined(
    client, secretary, plan, units
):
    first = [
        SEED_003_HEADER,
        [
            "1",
            "Rà soát bổ sung, cập nhật tài liệu bên ngoài",
            "Các phòng chuyên môn thuộc Sở",
            "Thường xuyên rà soát, cập nhật",
            "Theo mẫu",
        ],
        [
            "2",
            "Các đề xuất cải tiến tài liệu, quy trình",
            "Các phòng chuyên môn thuộc Sở",
            "Thường xuyên, hoặc khi có quy",
            "Theo báo cáo từng trường hợp cụ thể",
        ],
    ]
    second = [
        SEED_003_HEADER,  # the header repeated on the new page
        ["", "", "", "định mới, hoặc theo chỉ đạo của Lãnh đạo đơn vị", ""],
        [
            "3",
            "Báo cáo kết quả hoạt động",
            "Thư ký ISO",
            "Theo kế hoạch hoặc đột xuất khi có yêu cầu",
            "Theo báo cáo",
        ],
    ]
    client.force_login(secretary)
    _import(client, plan, _docx(first, second, page_break_between=True))
    tasks = _tasks(plan)
    assert [t.content for t in tasks] == [
        "Rà soát bổ sung, cập nhật tài liệu bên ngoài",
        "Các đề xuất cải tiến tài liệu, quy trình",
        "Báo cáo kết quả hoạt động",
    ]
    assert tasks[1].timing_text == (
        "Thường xuyên, hoặc khi có quy định mới, hoặc theo chỉ đạo của Lãnh đạo đơn vị"
    )
    assert tasks[1].schedule["understood"] is True


def test_merged_unit_cells_in_word_apply_to_every_row_they_span(client, secretary, plan, units):
    document = Document()
    table = document.add_table(rows=4, cols=4)
    _fill(
        table,
        [
            ["STT", "Nội dung công việc", "Đơn vị/ cá nhân thực hiện", "Thời gian"],
            ["1", "Báo cáo kết quả thực hiện MTCL", "Thư ký ISO", "Tháng 12/2022"],
            ["2", "Báo cáo kết quả duy trì hệ thống", "", "Tháng 12/2022"],
            ["3", "Tổ chức đánh giá sự hài lòng", "Văn phòng Sở", "Quý III/2022"],
        ],
    )
    table.cell(1, 2).merge(table.cell(2, 2))
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(secretary)
    _import(client, plan, buffer.getvalue())
    assert [_units(t) for t in _tasks(plan)] == [
        (["Thư ký ISO"], []),
        (["Thư ký ISO"], []),
        (["Văn phòng Sở"], []),
    ]


def test_group_headings_are_shown_but_not_imported_and_sub_numbers_are_tasks(
    client, secretary, plan, units
):
    content = _docx(
        [
            ["TT", "Nội dung", "Đơn vị thực hiện", "Thời gian"],
            ["I.", "CÔNG TÁC CHUẨN BỊ", "", ""],
            ["1.", "Xây dựng kế hoạch", "Văn phòng Sở", "Tháng 02"],
            ["2", "Đánh giá nội bộ", "", ""],
            ["2.1", "Lập chương trình đánh giá", "Thư ký ISO", "Tháng 9"],
            ["2.2", "Tiến hành đánh giá", "Ban chỉ đạo ISO", "Tháng 10"],
        ]
    )
    client.force_login(secretary)
    client.post(reverse("plans:task_import_start", args=[plan.pk]), {"file": _upload(content)})
    task_import = TaskImport.objects.get()
    page = _preview_page(client, task_import).content.decode()
    assert "Tiêu đề nhóm, không phải công việc." in page
    assert PlanTask.objects.count() == 0  # the preview writes nothing
    _confirm(client, task_import)
    assert [(t.order, t.content) for t in _tasks(plan)] == [
        (1, "Xây dựng kế hoạch"),
        (2, "Lập chương trình đánh giá"),
        (3, "Tiến hành đánh giá"),
    ]


def test_pasted_rows_with_quoted_multi_line_cells(client, secretary, plan, units):
    pasted = (
        "TT\tNội dung công việc\tĐơn vị thực hiện\tThời gian\tSản phẩm\r\n"
        '1\t"Xây dựng Mục tiêu chất lượng\r\nvà Kế hoạch thực hiện"\tVăn phòng Sở\t'
        'Trong tháng 01/2022\t"- Mục tiêu chất lượng\r\n- Kế hoạch ""MTCL"""\r\n'
        "2\tBáo cáo kết quả\t\tTháng 12/2022\tBáo cáo\r\n"
        "II.\tCÔNG TÁC KHÁC\t\t\t\r\n"
    )
    client.force_login(secretary)
    _start(client, plan, pasted=pasted)
    task_import = TaskImport.objects.get()
    assert task_import.source_name == "Các dòng đã dán"
    _confirm(client, task_import)
    tasks = _tasks(plan)
    assert tasks[0].content == "Xây dựng Mục tiêu chất lượng\nvà Kế hoạch thực hiện"
    assert tasks[0].output == '- Mục tiêu chất lượng\n- Kế hoạch "MTCL"'
    # Pasting loses merges: an empty unit cell is the unit written above.
    assert _units(tasks[1]) == (["Văn phòng Sở"], [])
    assert len(tasks) == 2  # the heading is neither a task nor given a unit
    heading = preview(task_import, plan).proposals[-1]
    assert (heading.kind, heading.leads) == ("heading", [])


def test_a_word_file_of_a_whole_plan_offers_its_header_parts(client, secretary, plan, units):
    content = _docx(
        [
            SEED_003_HEADER,
            [
                "1",
                "Họp xem xét của Lãnh đạo",
                "Lãnh đạo Sở, Ban ISO, Thư ký",
                "Ít nhất 01 lần/năm",
                "Theo mẫu",
            ],
        ],
        before=[
            "KẾ HOẠCH",
            "Duy trì áp dụng, cải tiến HTQLCL năm 2022",
            "Căn cứ Kế hoạch số 326/KH-UBND ngày 09 tháng 11 năm 2021 của UBND tỉnh;",
            "Căn cứ Kế hoạch số 04/KH-SLĐTBXH ngày 10 tháng 01 năm 2022.",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Thực hiện tốt HTQLCL.",
            "2. Yêu cầu",
            "- Thường xuyên rà soát quy trình.",
            "II. NỘI DUNG THỰC HIỆN",
        ],
        after=[
            "Nơi nhận:",
            "- Các phòng chuyên môn;",
            "- Lưu: VT.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Lê Thị Hoa Nàng",
        ],
    )
    client.force_login(secretary)
    _import(client, plan, content)
    plan.refresh_from_db()
    assert plan.title == "Duy trì áp dụng, cải tiến HTQLCL năm 2022"
    assert plan.legal_basis_list == [
        "Căn cứ Kế hoạch số 326/KH-UBND ngày 09 tháng 11 năm 2021 của UBND tỉnh;",
        "Căn cứ Kế hoạch số 04/KH-SLĐTBXH ngày 10 tháng 01 năm 2022.",
    ]
    assert (plan.purposes, plan.requirements) == (
        "- Thực hiện tốt HTQLCL.",
        "- Thường xuyên rà soát quy trình.",
    )
    assert plan.recipient_list == ["- Các phòng chuyên môn;", "- Lưu: VT."]
    assert (
        plan.signing_authority,
        plan.signer_title,
        plan.signer_deputy_title,
        plan.signer_name,
    ) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Hoa Nàng")
    assert _units(_tasks(plan)[0]) == (["Lãnh đạo cơ quan", "Ban Chỉ đạo ISO", "Thư ký ISO"], [])


def test_the_plan_exported_to_word_comes_back_the_same(client, secretary, organization, units):
    from plans.planning.layout import plan_layout
    from plans.planning.selectors import plan_tasks
    from plans.planning.services.task import UnitRef
    from reports.docx import render_plan_docx
    from tests.factories import PlanFactory

    source = PlanFactory(organization=organization, year=2022, signer_name="Nguyễn Văn Đồng")
    add_task(
        source,
        content="Xây dựng Kế hoạch đánh giá nội bộ",
        timing="Tháng 03/2022",
        output="Kế hoạch",
        supports=[UnitRef(department_id=units["Văn phòng Sở"].pk)],
    )
    add_task(
        source,
        content="Họp xem xét của lãnh đạo",
        timing="Quý III/2022",
        leads=[UnitRef(party="leadership")],
    )
    tasks = list(plan_tasks(source))
    content = render_plan_docx(plan_layout(source, tasks, []))
    target = PlanFactory(organization=organization, year=2023, title="Trống")
    client.force_login(secretary)
    _import(client, target, content)
    assert [(t.content, t.timing_text, t.output, _units(t)) for t in _tasks(target)] == [
        (t.content, t.timing_text, t.output, _units(t)) for t in tasks
    ]
    target.refresh_from_db()
    assert (target.title, target.signer_name) == (source.title, "Nguyễn Văn Đồng")


# --- correcting the preview -------------------------------------------------------------------
def test_the_secretary_corrects_a_column_a_unit_and_leaves_out_a_row(
    client, secretary, plan, units
):
    content = _docx(
        [
            ["TT", "Nội dung", "Ghi chú", "Thời gian"],
            ["1", "Xây dựng kế hoạch", "Phòng KH-TC", "Tháng 02"],
            ["2", "Đánh giá nội bộ", "Thư ký ISO", "Tháng 10"],
        ]
    )
    client.force_login(secretary)
    _start(client, plan, file=_upload(content))
    task_import = TaskImport.objects.get()
    assert task_import.mapping == ["order", "content", "", "timing"]
    url = reverse("plans:task_import_preview", args=[task_import.pk])
    # The "Ghi chú" column is the unit column: applying shows the rows again, nothing written.
    data = {
        "col_0": "order",
        "col_1": "content",
        "col_2": "lead",
        "col_3": "timing",
        "rows": ["0", "1"],
        "plan_version": plan.lock_version,
        "confirm": "1",
    }
    response = client.post(url, data)
    assert response["Location"] == url
    assert PlanTask.objects.count() == 0
    form = _preview_page(client, task_import).context["form"]
    assert [field.label for field, _names in form.unit_fields] == ["Phòng KH-TC", "Thư ký ISO"]
    planning = units["Phòng Kế hoạch – Tài chính"]
    _confirm(client, task_import, units_0=[f"d:{planning.pk}"], rows=["0"])
    (task,) = _tasks(plan)
    assert (task.content, task.responsibility_note, _units(task)) == (
        "Xây dựng kế hoạch",
        "Phòng KH-TC",
        (["Phòng Kế hoạch – Tài chính"], []),
    )


def test_the_preview_shows_what_the_timing_parser_understood(client, secretary, plan, units):
    content = _docx(
        [
            ["TT", "Nội dung", "Đơn vị", "Thời gian"],
            ["1", "Báo cáo", "Thư ký ISO", "Trước ngày 20/10/2022"],
            ["2", "Việc khác", "Thư ký ISO", "Khi nào rảnh"],
        ]
    )
    client.force_login(secretary)
    _start(client, plan, file=_upload(content))
    page = _preview_page(client, TaskImport.objects.get()).content.decode()
    assert "Hạn 20/10/2022" in page
    assert "Chưa hiểu được thời gian này" in page


# --- undo ------------------------------------------------------------------------------------
def test_undo_removes_exactly_the_imported_tasks_and_puts_the_header_back(
    client, secretary, plan, units
):
    add_task(plan, content="Việc đã có")
    title = plan.title
    content = _docx(
        [["TT", "Nội dung", "Đơn vị", "Thời gian"], ["1", "Việc nhập", "Thư ký ISO", "Tháng 5"]],
        before=["KẾ HOẠCH", "Tên kế hoạch trong tệp"],
    )
    client.force_login(secretary)
    task_import, _response = _import(client, plan, content)
    add_task(plan, content="Việc thêm sau")
    assert [t.content for t in _tasks(plan)] == ["Việc đã có", "Việc nhập", "Việc thêm sau"]
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "1 công việc đã nhập từ “ke-hoach-2022.docx”" in page

    undo = reverse("plans:task_import_undo", args=[task_import.pk])
    assert "Hoàn tác việc nhập" in client.get(undo).content.decode()  # confirmation first
    client.post(undo)
    assert [(t.order, t.content) for t in _tasks(plan)] == [(1, "Việc đã có"), (2, "Việc thêm sau")]
    plan.refresh_from_db()
    assert plan.title == title
    task_import.refresh_from_db()
    assert task_import.status == ImportStatus.UNDONE  # the record stays, marked undone
    assert client.post(undo).status_code == 302  # a second undo changes nothing
    assert plan.tasks.count() == 2


def test_an_import_cannot_be_undone_once_the_plan_is_submitted(client, secretary, plan, units):
    content = _docx(
        [["TT", "Nội dung", "Đơn vị", "Thời gian"], ["1", "Việc", "Thư ký ISO", "Tháng 5"]]
    )
    client.force_login(secretary)
    task_import, _response = _import(client, plan, content)
    plan_submit(plan=plan, user=secretary)
    response = client.post(reverse("plans:task_import_undo", args=[task_import.pk]), follow=True)
    assert "chỉ hoàn tác được khi kế hoạch còn là dự thảo" in response.content.decode()
    assert plan.tasks.count() == 1


def test_a_stale_plan_version_refuses_the_header_parts_and_writes_nothing(
    client, secretary, plan, units
):
    content = _docx(
        [["TT", "Nội dung", "Đơn vị", "Thời gian"], ["1", "Việc", "Thư ký ISO", "Tháng 5"]],
        before=["KẾ HOẠCH", "Tên kế hoạch trong tệp"],
    )
    client.force_login(secretary)
    _start(client, plan, file=_upload(content))
    task_import = TaskImport.objects.get()
    response = _confirm(client, task_import, plan_version=str(plan.lock_version - 1))
    assert response["Location"] == reverse("plans:task_import_preview", args=[task_import.pk])
    assert PlanTask.objects.count() == 0
    assert Plan.objects.get().title != "Tên kế hoạch trong tệp"


# --- bad input ---------------------------------------------------------------------------------
def _refused(client, plan, message, **data):
    response = _start(client, plan, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TaskImport.objects.exists()
    assert plan.tasks.count() == 0
    return response


def _encrypted_office_file() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.pdf", b"%PDF-1.4", "chỉ nhận tệp Word, Excel"),
        ("ke-hoach.docx", b"PK\x03\x04 not a zip", "không thực sự là tệp Word"),
        ("ke-hoach.docx", _encrypted_office_file(), "được bảo vệ bằng mật khẩu"),
        ("ke-hoach.xlsx", _encrypted_office_file(), "được bảo vệ bằng mật khẩu"),
    ],
)
def test_a_file_that_is_not_a_readable_docx_or_xlsx_is_refused(
    client, secretary, plan, name, content, message
):
    client.force_login(secretary)
    _refused(client, plan, message, file=SimpleUploadedFile(name, content))


def test_a_corrupt_word_file_is_refused(client, secretary, plan):
    broken = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>not xml")
    client.force_login(secretary)
    _refused(client, plan, "tệp bị hỏng", file=_upload(broken.getvalue()))


def test_a_file_without_a_table_is_refused(client, secretary, plan):
    client.force_login(secretary)
    _refused(client, plan, "Không tìm thấy bảng", file=_upload(_docx(before=["KẾ HOẠCH"])))


def test_a_table_without_a_recognisable_column_is_refused(client, secretary, plan):
    content = _docx([["Cột A", "Cột B", "Cột C"], ["x", "y", "z"]])
    client.force_login(secretary)
    _refused(client, plan, "Không nhận ra cột nào", file=_upload(content))


def test_a_file_over_the_size_limit_is_refused(client, secretary, plan):
    content = _docx([["TT", "Nội dung", "Thời gian"], ["1", "Việc", "Tháng 5"]])
    big = content + b"\0" * (IMPORT_MAX_BYTES + 1 - len(content))
    client.force_login(secretary)
    _refused(client, plan, "lớn hơn 5 MB", file=_upload(big))


def test_pasted_text_that_is_not_a_table_is_refused(client, secretary, plan):
    client.force_login(secretary)
    _refused(client, plan, "Không tìm thấy bảng", pasted="Chỉ là một dòng chữ\nkhông có cột")
    _refused(client, plan, "Hãy chọn một tệp hoặc dán các dòng của bảng", pasted="")


# --- who may do it, query counts -----------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.DEPARTMENT_HEAD, Role.STAFF, Role.AUDITOR])
def test_only_the_iso_secretary_imports(client, make_member, plan, department, role):
    client.force_login(make_member(role, department=department))
    assert client.get(reverse("plans:task_import_start", args=[plan.pk])).status_code == 403


def test_another_organizations_plan_and_import_are_not_found(
    client, make_member, other_organization, secretary, plan
):
    content = _docx([["TT", "Nội dung", "Thời gian"], ["1", "Việc", "Tháng 5"]])
    client.force_login(secretary)
    _start(client, plan, file=_upload(content))
    task_import = TaskImport.objects.get()
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    for name, pk in [
        ("plans:task_import_start", plan.pk),
        ("plans:task_import_preview", task_import.pk),
        ("plans:task_import_undo", task_import.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name


def test_a_plan_that_is_not_a_draft_cannot_import(client, secretary, plan):
    add_task(plan)
    plan_submit(plan=plan, user=secretary)
    client.force_login(secretary)
    response = client.get(reverse("plans:task_import_start", args=[plan.pk]))
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("count", [3, 60])
def test_the_preview_needs_the_same_queries_for_few_and_many_rows(
    client, secretary, plan, units, count, django_assert_max_num_queries
):
    rows = [["TT", "Nội dung", "Đơn vị", "Thời gian"]] + [
        [str(n), f"Việc {n}", "Văn phòng Sở, Thư ký ISO" if n % 2 else f"Phòng {n}", "Hàng quý"]
        for n in range(1, count + 1)
    ]
    client.force_login(secretary)
    _start(client, plan, file=_upload(_docx(rows)))
    task_import = TaskImport.objects.get()
    with django_assert_max_num_queries(9):
        response = _preview_page(client, task_import)
    assert response.content.decode().count('name="rows"') == count
