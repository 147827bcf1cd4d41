"""The plan's official layout (Decree 30/2020/NĐ-CP): what the plan page, the PDF and the DOCX
show — the header lines, the numbered sections, the task table with the columns the agency chose.

Everything here is data, so that the three outputs cannot drift apart. The header and closing every
printout shares are the letterhead's (plans/letterhead.py, templates/letterhead/).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from plans.choices import PlanStatus
from plans.letterhead import date_line, number_line
from plans.organizations.models import unit_names_on

# A plan that was signed: what it printed then is what it prints now.
SIGNED = frozenset({PlanStatus.APPROVED, PlanStatus.CLOSED, PlanStatus.SUPERSEDED})
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
# The section headings when neither the plan nor the agency's template (Organization.plan_headings)
# says otherwise.
HEADINGS = {
    "purposes": "MỤC ĐÍCH, YÊU CẦU",
    "scope": "PHẠM VI ÁP DỤNG",
    "tasks": "NỘI DUNG THỰC HIỆN",
    "implementation": "TỔ CHỨC THỰC HIỆN",
}


def _over(headings: dict[str, str], chosen: dict | None) -> dict[str, str]:
    return {
        **headings,
        **{
            key: text.strip()
            for key, text in (chosen or {}).items()
            if key in HEADINGS and isinstance(text, str) and text.strip()
        },
    }


def agency_headings(organization) -> dict[str, str]:
    """The agency's template: its own headings, else the usual ones."""
    return _over(HEADINGS, organization.plan_headings)


def headings_of(plan) -> dict[str, str]:
    """The plan's section headings: its own, else its agency's template, else the usual ones."""
    return _over(agency_headings(plan.organization), plan.headings)


@dataclass(frozen=True)
class Column:
    key: str  # order, content, lead, support, units, timing, output
    label: str
    width: int  # share of the table width, in percent
    group: str = ""  # a two-row header: the label over this column and its neighbours


# The layouts agencies use (seed plans and DESIGN.md). Labels can be renamed per plan.
TABLE_LAYOUTS: dict[str, list[Column]] = {
    "split": [
        Column("order", "TT", 5),
        Column("content", "Nội dung công việc", 35),
        Column("lead", "Đơn vị chủ trì", 15),
        Column("support", "Đơn vị phối hợp", 13),
        Column("timing", "Thời gian thực hiện", 15),
        Column("output", "Sản phẩm", 17),
    ],
    "joined": [
        Column("order", "TT", 5),
        Column("content", "Nội dung công việc", 40),
        Column("units", "Đơn vị thực hiện", 20),
        Column("timing", "Thời gian thực hiện", 17),
        Column("output", "Sản phẩm", 18),
    ],
    "no_output": [
        Column("order", "TT", 6),
        Column("content", "Nội dung", 54),
        Column("units", "Đơn vị thực hiện", 22),
        Column("timing", "Thời gian hoàn thành", 18),
    ],
    "responsibility": [
        Column("order", "TT", 5),
        Column("content", "Bước công việc", 35),
        Column("timing", "Thời gian", 15),
        Column("lead", "Chính", 14, group="Trách nhiệm"),
        Column("support", "Tham mưu", 14, group="Trách nhiệm"),
        Column("output", "Kết quả", 17),
    ],
}


def columns_for(layout: str, labels: str = "") -> list[Column]:
    """The layout's columns, renamed by ``labels`` ("TT | Nội dung | …") when given."""
    columns = TABLE_LAYOUTS.get(layout) or TABLE_LAYOUTS["split"]
    names = [n.strip() for n in labels.split("|")] if labels.strip() else []
    if len(names) != len(columns):
        return columns
    return [
        Column(c.key, name or c.label, c.width, c.group)
        for c, name in zip(columns, names, strict=True)
    ]


def _units(assignments, names: dict[int, str]) -> str:
    return "; ".join(names.get(a.department_id) or a.label for a in assignments)


def cell(task, key: str, number_style: str = "1", unit_names: dict[int, str] | None = None) -> str:
    """What column ``key`` prints for ``task``: the agency's words where it wrote them (the units
    matched to them drive the work and the reminders, never the print)."""
    if key == "order":
        if task.sub:  # printed under its row's number
            return ""
        return f"{task.order}." if number_style == "1." else str(task.order)
    if key == "content":
        return task.content
    if key == "timing":
        return task.timing_text
    if key == "output":
        return task.output
    if key == "support":
        return task.support_note or _units(task.supports, unit_names or {})
    if key == "lead":
        return task.responsibility_note or _units(task.leads, unit_names or {})
    # "units": the responsibility as written, else every unit, leading ones first
    return task.responsibility_note or _units([*task.leads, *task.supports], unit_names or {})


@dataclass
class Section:
    numeral: str
    heading: str
    kind: str  # "text", "table", "duties"
    paragraphs: list[str] = field(default_factory=list)
    subsections: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class PlanLayout:
    parent_authority: str
    agency: str
    number: str
    date: str
    kind: str
    title: str
    legal_bases: list[str]
    introduction: list[str]
    sections: list[Section]
    columns: list[Column]
    task_rows: list[tuple]  # (task, its cells): the table, read-only
    closing: list[str]
    recipients: list[str]
    signature: list[str]  # the lines above the signature space
    signer: str
    is_draft: bool

    @property
    def rows(self) -> list[list[str]]:
        return [cells for _task, cells in self.task_rows]

    @property
    def number_spans(self) -> list[int]:
        """Per row, how many rows its number cell spans: a row with two sub-rows 3, the
        sub-rows 0 (they have no number cell of their own)."""
        spans: list[int] = []
        numbered = 0  # the index of the last numbered row
        for task, _cells in self.task_rows:
            if task.sub and spans:
                spans.append(0)
                spans[numbered] += 1
            else:
                numbered = len(spans)
                spans.append(1)
        return spans

    @property
    def grouped_rows(self) -> list[tuple]:
        """(task, cells, number span) for the templates."""
        return [
            (task, cells, span)
            for (task, cells), span in zip(self.task_rows, self.number_spans, strict=True)
        ]

    @property
    def header_rows(self) -> list[list[tuple[str, int, int]]]:
        """The table header as rows of (label, colspan, rowspan): one row, or two when some
        columns share a heading ("Trách nhiệm" over "Chính | Tham mưu")."""
        if not any(c.group for c in self.columns):
            return [[(c.label, 1, 1) for c in self.columns]]
        top: list[tuple[str, int, int]] = []
        for index, column in enumerate(self.columns):
            if not column.group:
                top.append((column.label, 1, 2))
            elif index == 0 or self.columns[index - 1].group != column.group:
                span = 1
                while (
                    index + span < len(self.columns)
                    and self.columns[index + span].group == column.group
                ):
                    span += 1
                top.append((column.group, span, 1))
        return [top, [(c.label, 1, 1) for c in self.columns if c.group]]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def issue_month_and_year(plan) -> tuple[int | None, int]:
    """What the date line prints without a full date: the month if known (else blank) and the
    year of issue (else the year the plan was drafted — not the plan's year)."""
    drafted = plan.created_at.year if plan.created_at else plan.year
    return plan.issued_month, plan.issued_year or drafted


def papers_day(plan) -> datetime.date | None:
    """The day the plan was signed, for the names in force then: its date of issue, else the
    first of its month or year of issue (of its own year if none was written); a plan not
    approved yet is today's (None)."""
    if plan.status not in SIGNED:
        return None
    if plan.issued_on:
        return plan.issued_on
    return datetime.date(plan.issued_year or plan.year, plan.issued_month or 1, 1)


def plan_layout(plan, tasks, duties) -> PlanLayout:
    """``tasks`` with their assignments prefetched (plans.planning.selectors.plan_tasks)."""
    sections: list[Section] = []

    def add(heading: str, kind: str, **parts) -> None:
        sections.append(Section(ROMAN[len(sections)], heading, kind, **parts))

    headings = headings_of(plan)
    if plan.purposes or plan.requirements:
        if plan.purposes and plan.requirements:
            subsections = [
                ("1. Mục đích", _lines(plan.purposes)),
                ("2. Yêu cầu", _lines(plan.requirements)),
            ]
            add(headings["purposes"], "text", subsections=subsections)
        else:
            lines = _lines(plan.purposes or plan.requirements)
            add(headings["purposes"], "text", paragraphs=lines)
    if plan.scope:
        add(headings["scope"], "text", paragraphs=_lines(plan.scope))
    add(headings["tasks"], "table")
    if plan.implementation or duties:
        # Free paragraphs ("- Các phòng …"), then the duties per unit, numbered as written.
        add(
            headings["implementation"],
            "duties",
            paragraphs=_lines(plan.implementation),
            subsections=[(f"{n}. {d.unit}", d.duty_list) for n, d in enumerate(duties, start=1)],
        )
    columns = columns_for(plan.table_layout, plan.table_labels)
    day = papers_day(plan)
    agency = plan.organization.as_on(day)
    unit_names = unit_names_on(plan.organization_id, day)
    if plan.signing_authority:
        signature = [f"{plan.signing_authority} {plan.signer_title}", plan.signer_deputy_title]
    else:
        signature = [plan.signer_title]
    return PlanLayout(
        parent_authority=agency.parent_authority,
        agency=agency.header_line,
        number=number_line(plan.number, plan.symbol),
        date=date_line(plan.place, plan.issued_on, *issue_month_and_year(plan)),
        kind="KẾ HOẠCH",
        title=plan.title,
        legal_bases=plan.legal_basis_list,
        introduction=_lines(plan.introduction),
        sections=sections,
        columns=columns,
        task_rows=[
            (task, [cell(task, c.key, plan.number_style, unit_names) for c in columns])
            for task in tasks
        ],
        closing=_lines(plan.closing),
        recipients=plan.recipient_list,
        signature=[line for line in signature if line],
        signer=plan.signer_name,
        is_draft=plan.status not in SIGNED,
    )
