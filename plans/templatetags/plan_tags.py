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
