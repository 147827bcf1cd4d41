"""Downloads of a plan: PDF (official layout), DOCX (for Word), XLSX (task table with progress)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from plans.access import get_object_for_user
from plans.document import plan_document
from plans.models import Plan
from plans.selectors import plan_progress, plan_tasks

from .docx import render_plan_docx
from .pdf import render_pdf
from .xlsx import render_plan_xlsx

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plan(request, pk: int) -> Plan:
    plan = get_object_for_user(Plan.objects.select_related("organization"), request.user, pk=pk)
    if not request.user.has_perm("plans.view_plan", plan):
        raise PermissionDenied
    return plan


def _download(plan: Plan, kind: str, body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type=TYPES[kind])
    name = f"KH-{plan.organization.document_symbol}-{plan.year}-v{plan.version}.{kind}"
    # RFC 6266 form: the agency's symbol has Vietnamese letters (SLĐTBXH).
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def plan_pdf(request, pk: int):
    plan = _plan(request, pk)
    tasks = list(plan_tasks(plan))
    doc = plan_document(plan, tasks, list(plan.duties.all()))
    context = {"plan": plan, "doc": doc, "tasks": tasks, "columns": doc.columns}
    return _download(plan, "pdf", render_pdf("reports/plan_print.html", context))


def plan_docx(request, pk: int):
    plan = _plan(request, pk)
    tasks = list(plan_tasks(plan))
    return _download(
        plan, "docx", render_plan_docx(plan_document(plan, tasks, list(plan.duties.all())))
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
