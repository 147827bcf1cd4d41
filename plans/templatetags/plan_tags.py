from django import template

from plans.choices import PlanStatus

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


@register.inclusion_tag("plans/_status_badge.html")
def status_badge(plan):
    return {"plan": plan, "style": STATUS_STYLES.get(plan.status, "secondary")}
