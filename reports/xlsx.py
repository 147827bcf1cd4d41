"""The task table with its progress as a spreadsheet a person can use without reformatting."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
WRAP = Alignment(wrap_text=True, vertical="top")
# What a spreadsheet tool may read as the start of a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _as_text(row) -> None:
    """User text is written as text, never as a formula: openpyxl would store a leading "=" as a
    live formula. The cell is typed as a string and flagged with Excel's quote prefix (the hidden
    apostrophe), so it shows exactly as typed and stays text when someone edits it."""
    for cell in row:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
            cell.data_type = "s"
            cell.quotePrefix = True


def _sheet(workbook, title: str, headings: list[tuple[str, int]], rows: list[list], totals: list):
    # A sheet name holds at most 31 characters and none of : \ / ? * [ ] (openpyxl refuses them).
    sheet = workbook.create_sheet(re.sub(r"[:\\/?*\[\]]", " ", title)[:31].strip() or "Sheet")
    sheet.append([h for h, _w in headings])
    for row in rows:
        sheet.append(row)
    if totals:  # none: the last row is a row like the others (bold and out of the filter else)
        sheet.append(totals)
    for index, (_heading, width) in enumerate(headings, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in sheet.iter_rows():
        _as_text(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
            cell.border = BORDER
    if totals:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    last = sheet.max_row - 1 if totals else sheet.max_row
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{last}"
    return sheet


def render_plan_xlsx(*, plan, tasks, progress: dict, labels: dict) -> bytes:
    """``progress``: plans.planning.selectors.plan_progress; ``labels``: the translated headings."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    counts = ("done", "overdue", "upcoming")
    task_rows = []
    for task in tasks:
        numbers = progress["by_task"].get(task.pk, {})
        task_rows.append(
            [
                task.order,
                task.content,
                task.responsibility_note or "; ".join(a.label for a in task.leads),
                "; ".join(a.label for a in task.supports),
                task.timing_text,
                task.output,
                *(numbers.get(key, 0) for key in counts),
            ]
        )
    totals = [
        labels["total"],
        "",
        "",
        "",
        "",
        "",
        *(sum(r[6 + i] for r in task_rows) for i in range(3)),
    ]
    _sheet(
        workbook,
        labels["tasks_sheet"],
        [
            ("TT", 6),
            (labels["task"], 60),
            (labels["lead"], 28),
            (labels["support"], 24),
            (labels["timing"], 26),
            (labels["output"], 28),
            (labels["done"], 12),
            (labels["overdue"], 12),
            (labels["upcoming"], 12),
        ],
        task_rows,
        totals,
    )
    unit_rows = [[row["label"], *(row[key] for key in counts)] for row in progress["by_unit"]]
    unit_totals = [labels["total"], *(sum(r[1 + i] for r in unit_rows) for i in range(3))]
    _sheet(
        workbook,
        labels["units_sheet"],
        [
            (labels["unit"], 45),
            (labels["done"], 14),
            (labels["overdue"], 14),
            (labels["upcoming"], 14),
        ],
        unit_rows,
        unit_totals,
    )
    workbook.properties.title = f"{plan} – {plan.organization}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render_objective_xlsx(*, title: str, report: dict, labels: dict) -> bytes:
    """The achievement report: one row per objective with its results per period, totals."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = []
    for number, row in enumerate(report["rows"], start=1):
        results = []
        for period, result in row.cells:
            if result is None:
                shown = "—"
            elif result.value is not None:
                shown = f"{result.value.normalize():f}"
            else:
                shown = labels["achieved"] if result.done else labels["not_achieved"]
            results.append(f"{period.label}: {shown}")
        outcome = {True: labels["achieved"], False: labels["not_achieved"]}.get(
            row.achieved, labels["not_measured"]
        )
        rows.append(
            [
                number,
                row.objective.statement,
                row.objective.target_label,
                "\n".join(results),
                outcome,
            ]
        )
    totals = [
        labels["total"],
        f"{report['achieved']}/{report['total']} {labels['achieved']}",
        "",
        "",
        f"{report['not_achieved']} {labels['not_achieved']}",
    ]
    sheet = _sheet(
        workbook,
        labels["objective"],
        [
            ("TT", 6),
            (labels["objective"], 60),
            (labels["target"], 22),
            (labels["results"], 30),
            (labels["result"], 16),
        ],
        rows,
        totals,
    )
    workbook.properties.title = title
    sheet.oddHeader.center.text = title  # printed at the top of every page
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render_table_xlsx(
    *, title: str, headings: list[tuple[str, int]], rows: list, totals: list
) -> bytes:
    """A plain register as a spreadsheet: headings with widths, rows, a totals line."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = _sheet(workbook, title, headings, rows, totals)
    workbook.properties.title = title
    sheet.oddHeader.center.text = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _yes(value) -> str:
    return "Có" if value else "Không"


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


# The consolidated report's headings are its printed wording (Vietnamese, as the PDF's tables).
CONSOLIDATED_SUMMARY_HEADINGS = [
    ("Loại cơ quan", 30),
    ("Số cơ quan", 10),
    ("Có kế hoạch được phê duyệt", 14),
    ("Đã đánh giá nội bộ", 12),
    ("Đã họp xem xét của lãnh đạo", 14),
    ("Đã công bố HTQLCL", 12),
    ("Đã gửi báo cáo", 11),
    ("Báo cáo được tiếp nhận", 12),
    ("Công việc đã hoàn thành", 13),
    ("Tổng số công việc", 11),
    ("Công việc quá hạn", 11),
    ("Mục tiêu đạt", 10),
    ("Tổng số mục tiêu", 10),
    ("Điểm không phù hợp phát hiện", 13),
    ("Điểm không phù hợp đã khắc phục", 14),
]
CONSOLIDATED_AGENCY_HEADINGS = [
    ("TT", 5),
    ("Cơ quan, đơn vị", 40),
    ("Loại cơ quan", 24),
    ("Có kế hoạch được phê duyệt", 13),
    ("Công việc đã hoàn thành", 12),
    ("Tổng số công việc", 10),
    ("Tiến độ (%)", 9),
    ("Công việc quá hạn", 10),
    ("Đã đánh giá nội bộ", 11),
    ("Đã họp xem xét của lãnh đạo", 13),
    ("Mục tiêu đạt", 9),
    ("Tổng số mục tiêu", 9),
    ("Quyết định công bố", 20),
    ("Ngày công bố", 12),
    ("Điểm không phù hợp phát hiện", 12),
    ("Điểm không phù hợp đã khắc phục", 13),
    ("Ngày gửi báo cáo", 12),
    ("Ngày tiếp nhận báo cáo", 12),
]


def _kind_line(figures) -> list:
    return [
        figures.label,
        figures.agencies,
        figures.plan_approved,
        figures.audit_held,
        figures.review_held,
        figures.declared,
        figures.report_sent,
        figures.report_accepted,
        figures.done,
        figures.items,
        figures.overdue,
        figures.objectives_achieved,
        figures.objectives,
        figures.nonconformities_opened,
        figures.nonconformities_closed,
    ]


def render_consolidated_xlsx(figures) -> bytes:
    """The province's consolidated report (reports.consolidated.ConsolidatedFigures): the sums
    by kind of agency, then one row per agency with every column; numbers stay numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        "Tổng hợp",
        CONSOLIDATED_SUMMARY_HEADINGS,
        [_kind_line(kind) for kind in figures.by_kind],
        _kind_line(figures.total),
    )
    rows, number = [], 0
    for _numeral, kind, agencies in figures.groups:
        for agency in agencies:
            number += 1
            row, declaration = agency.row, agency.declaration
            rows.append(
                [
                    number,
                    row.organization.name,
                    kind.label,
                    _yes(row.plan_approved),
                    row.done,
                    row.items,
                    row.progress,
                    row.overdue,
                    _yes(row.audit_held),
                    _yes(row.review_held),
                    row.objectives_achieved,
                    row.objectives,
                    declaration.number if declaration else "",
                    _day(declaration.signed_on) if declaration else "",
                    agency.nonconformities_opened,
                    agency.nonconformities_closed,
                    _day(row.report_submitted),
                    _day(row.report_accepted),
                ]
            )
    _sheet(workbook, "Từng cơ quan", CONSOLIDATED_AGENCY_HEADINGS, rows, [])
    title = f"Báo cáo áp dụng TCVN ISO 9001:2015 tỉnh {figures.province} năm {figures.year}"
    workbook.properties.title = title
    for sheet in workbook.worksheets:
        sheet.oddHeader.center.text = title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
