import html

from django import template
from django.urls import reverse
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _

from plans import letterhead
from plans.choices import PlanStatus
from plans.page_breaks import row_may_split
from plans.planning.layout import cell

register = template.Library()

STATUS_STYLES = {
    PlanStatus.DRAFT: "secondary",
    PlanStatus.SUBMITTED: "warning",
    PlanStatus.APPROVED: "success",
    PlanStatus.CLOSED: "dark",
    PlanStatus.SUPERSEDED: "light",
}

# Light enough for black text on screen and on paper.


@register.filter
def lines(text: str) -> list[str]:
    """The non-empty lines of a text field: one paragraph or list item each."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.simple_tag
def task_cell(task, key: str) -> str:
    """What a column of the task table shows for a task (the same for screen, PDF and DOCX)."""
    return cell(task, key)


@register.simple_tag
def progress_rows(progress_tasks, can_change_completion: bool) -> str:
    """The plan page's progress table, a row per task, written here rather than by the template
    engine (bench: plan_30_tasks_with_items)."""
    completed_when = html.escape(_("Completed when:"))
    by_units = html.escape(_("the units mark it done"))
    change = html.escape(_("Change"))
    fulfilment = reverse("plans:task_fulfilment", args=[0]).replace("/0/", "/{}/")
    out = []
    for task, counts in progress_tasks:
        counts = counts or {}
        chain = task.chain_summary
        chain = (
            '<div class="text-body-secondary"><i class="bi bi-arrow-return-right" '
            f'aria-hidden="true"></i> {html.escape(chain)}</div>'
            if chain
            else ""
        )
        when = ""
        if task.fulfilled_by or can_change_completion:
            label = html.escape(str(task.fulfilled_by_label)) or by_units
            link = (
                f' <a href="{fulfilment.format(task.pk)}" class="ms-1">{change}</a>'
                if can_change_completion
                else ""
            )
            when = (
                '<div class="text-success-emphasis"><i class="bi bi-link-45deg" '
                f'aria-hidden="true"></i> {completed_when} {label}{link}</div>'
            )
        overdue = counts.get("overdue") or 0
        out.append(
            f'<tr><td>{task.order}</td><td class="small"><span class="clamp-2">'
            f"{html.escape(task.content)}</span>{chain}{when}</td>"
            f'<td class="text-end text-success">{counts.get("done") or 0}</td>'
            f'<td class="text-end{" text-danger fw-semibold" if overdue else ""}">{overdue}</td>'
            f'<td class="text-end">{counts.get("upcoming") or 0}</td></tr>\n'
        )
    return mark_safe("".join(out))  # noqa: S308 - every text escaped above


@register.inclusion_tag("plans/_status_badge.html")
def status_badge(plan):
    return {"plan": plan, "style": STATUS_STYLES.get(plan.status, "secondary")}


@register.inclusion_tag("plans/objectives/_objective_chart.svg")
def objective_chart(row):
    """A small bar chart of the results per period against the target (server-side SVG)."""
    objective = row.objective
    points = []
    for period, result in row.cells:
        if result is None:
            value = None
        elif result.value is not None:
            value = float(result.value)
        else:
            value = 1.0 if result.done else 0.0
        points.append((period.label, value, result.achieved if result else None))
    target = float(objective.target_value) if objective.target_value is not None else 1.0
    top = max([target, *(v for _label, v, _a in points if v is not None)]) * 1.15 or 1.0
    slot = 90 if any(len(label) > 8 for label, _v, _a in points) else 60
    bars = []
    for index, (label, value, achieved) in enumerate(points):
        height = 0.0 if value is None else 100 * value / top
        bars.append(
            {
                # Numbers as text: the page is localised and "13,5" is not an SVG number.
                "x": f"{20 + index * slot}",
                "middle": f"{20 + index * slot + 18}",
                "y": f"{110 - height:.1f}",
                "height": f"{height:.1f}",
                "label_y": f"{max(110 - height - 3, 9):.1f}",
                "label": label,
                "value": "—" if value is None else f"{value:g}",
                "color": "#198754" if achieved else "#dc3545" if achieved is False else "#adb5bd",
            }
        )
    return {
        "width": f"{slot * len(points) + 20}",
        "bars": bars,
        "target_y": f"{110 - 100 * target / top:.1f}",
        "title": objective.statement,
    }


@register.simple_tag
def progress_bar(unit) -> str:
    """A unit's done / overdue / upcoming items as one stacked bar (server-side SVG), written
    here rather than by a template: the dashboard draws one per unit."""
    rects, x = [], 0.0
    for count, colour in (
        (unit.done, "#198754"),
        (unit.overdue, "#dc3545"),
        (unit.upcoming, "#adb5bd"),
    ):
        width = 100 * count / unit.total if unit.total else 0
        # Numbers as text: the page is localised and "12,5" is not an SVG number.
        rects.append(f'<rect x="{x:.2f}" y="0" width="{width:.2f}" height="6" fill="{colour}"/>')
        x += width
    return mark_safe(  # noqa: S308 - the label escaped, the rest our own numbers
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 6" preserveAspectRatio="none"'
        f' width="100%" height="14" role="img" aria-label="{html.escape(unit.label)}">'
        f"{''.join(rects)}</svg>"
    )


@register.inclusion_tag("plans/risks/_risk_heat_map.html")
def risk_heat_map(grid):
    """The likelihood × impact grid of plans.risks.selectors.heat_map as a coloured table, which
    prints as it shows (screen and PDF)."""
    return {"grid": grid, "impacts": [cell.impact for cell in grid[0]], "rows": len(grid)}


@register.filter
def agency_lines(name: str) -> list[str]:
    """The agency's name on one or two lines, as the letterhead breaks it."""
    return letterhead.agency_lines(name)


def _lines_html(value) -> str:
    """``value|linebreaksbr``, without the filter machinery (called for every cell)."""
    text = str(value)
    if not isinstance(value, SafeData):
        text = html.escape(text)
    if "\n" not in text and "\r" not in text:  # most cells are one line
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


@register.simple_tag
def read_only_task_rows(doc, columns) -> str:
    """The rows of a plan's task table as read and printed: a row's number spans its sub-rows, a
    long row may split across pages. Written here, not by the template engine, which spent most
    of a 300-task plan's page on its 1,800 cells."""
    widths = [column.width for column in columns]
    rows = []
    for task, cells, span in doc.grouped_rows:
        # Whether a printed row may split across pages (plans.page_breaks).
        split = ' class="doc-row-split"' if row_may_split(cells, widths) else ""
        row = [f'<tr id="task-{task.pk}"{split}>']
        for index, value in enumerate(cells):
            if index:
                row.append(f"<td>{_lines_html(value)}</td>")
            elif span:
                rowspan = f' rowspan="{span}"' if span > 1 else ""
                row.append(f'<td class="text-center"{rowspan}>{_lines_html(value)}</td>')
        row.append("</tr>\n")
        rows.append("".join(row))
    return mark_safe("".join(rows))  # noqa: S308 - every value escaped above
