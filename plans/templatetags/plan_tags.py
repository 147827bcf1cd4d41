from django import template

from plans.choices import PlanStatus
from plans.document import cell

register = template.Library()

STATUS_STYLES = {
    PlanStatus.DRAFT: "secondary",
    PlanStatus.SUBMITTED: "warning",
    PlanStatus.APPROVED: "success",
    PlanStatus.CLOSED: "dark",
    PlanStatus.SUPERSEDED: "light",
}


@register.filter
def lines(text: str) -> list[str]:
    """The non-empty lines of a text field: one paragraph or list item each."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.simple_tag
def task_cell(task, key: str) -> str:
    """What a column of the task table shows for a task (the same for screen, PDF and DOCX)."""
    return cell(task, key)


@register.inclusion_tag("plans/_status_badge.html")
def status_badge(plan):
    return {"plan": plan, "style": STATUS_STYLES.get(plan.status, "secondary")}


@register.inclusion_tag("plans/_objective_chart.svg")
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
    width, height, bar = 60 * len(points) + 20, 140, 36
    bars = [
        {
            "x": 20 + index * 60,
            "height": 0 if value is None else round(100 * value / top, 1),
            "y": 110 - (0 if value is None else round(100 * value / top, 1)),
            "label": label,
            "value": "—" if value is None else f"{value:g}",
            "color": "#198754" if achieved else "#dc3545" if achieved is False else "#adb5bd",
        }
        for index, (label, value, achieved) in enumerate(points)
    ]
    return {
        "width": width,
        "height": height,
        "bar": bar,
        "bars": bars,
        "target_y": round(110 - 100 * target / top, 1),
        "title": objective.statement,
    }
