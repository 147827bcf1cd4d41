"""Downloads of a plan: PDF (official layout), DOCX (for Word), XLSX (task table with progress)."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import Plan
from plans.organizations.access import get_object_for_user
from plans.planning.layout import plan_layout
from plans.planning.selectors import plan_progress, plan_tasks

from .docx import render_plan_docx
from .download import download
from .pdf import render_pdf
from .xlsx import render_plan_xlsx


def _plan(request, pk: int) -> Plan:
    plans = Plan.objects.select_related("organization")
    return get_object_for_user(plans, request.user, permission="plans.view_plan", pk=pk)


def _download(plan: Plan, kind: str, body: bytes) -> HttpResponse:
    name = f"KH-{plan.organization.document_symbol}-{plan.year}-v{plan.version}.{kind}"
    return download(body, name)


def plan_pdf_body(plan: Plan) -> bytes:
    """The plan in its official layout (also a page of the inspection dossier)."""
    tasks = list(plan_tasks(plan))
    doc = plan_layout(plan, tasks, list(plan.duties.all()))
    context = {"plan": plan, "doc": doc, "tasks": tasks, "columns": doc.columns}
    return render_pdf("reports/planning/plan_print.html", context)


def plan_pdf(request, pk: int):
    plan = _plan(request, pk)
    return _download(plan, "pdf", plan_pdf_body(plan))


def plan_docx(request, pk: int):
    plan = _plan(request, pk)
    tasks = list(plan_tasks(plan))
    return _download(
        plan, "docx", render_plan_docx(plan_layout(plan, tasks, list(plan.duties.all())))
    )


def plan_xlsx(request, pk: int):
    plan = _plan(request, pk)
    labels = {
        "tasks_sheet": _("Tasks"),
        "units_sheet": _("Units"),
        "task": _("Task"),
        "lead": _("Lead units"),
        "support": _("Supporting units"),
        "timing": _("Timing"),
        "output": _("Output / record"),
        "unit": _("Unit"),
        "done": _("Done"),
        "overdue": _("Overdue"),
        "upcoming": _("Upcoming"),
        "total": _("Total"),
    }
    body = render_plan_xlsx(
        plan=plan,
        tasks=list(plan_tasks(plan)),
        progress=plan_progress(plan, timezone.localdate()),
        labels=labels,
    )
    return _download(plan, "xlsx", body)
