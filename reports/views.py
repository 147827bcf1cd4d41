"""Downloads of a plan: PDF (official layout), DOCX (for Word), XLSX (task table with progress)."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from audits.internal_audit.services import audit_report
from audits.models import Audit, ManagementReview, Nonconformity
from audits.review.choices import ReviewTopic
from plans.choices import LEADERSHIP_ROLES, PlanStatus, Role
from plans.layout import letterhead, plan_layout
from plans.models import Plan, WorkItem
from plans.organizations.access import get_object_for_user, has_role
from plans.selectors import plan_progress, plan_tasks, year_in_force
from plans.views.home import home as overview

from .dashboard import organization_dashboard
from .docx import render_plan_docx
from .pdf import render_pdf
from .xlsx import render_plan_xlsx, render_table_xlsx

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plan(request, pk: int) -> Plan:
    plans = Plan.objects.select_related("organization")
    return get_object_for_user(plans, request.user, permission="plans.view_plan", pk=pk)


def download(body: bytes, name: str) -> HttpResponse:
    """A file to save, typed by the extension of its name ("….pdf", "….docx", "….xlsx")."""
    response = HttpResponse(body, content_type=TYPES[name.rsplit(".", 1)[1]])
    # RFC 6266 form: names carry Vietnamese letters (SLĐTBXH).
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _download(plan: Plan, kind: str, body: bytes) -> HttpResponse:
    name = f"KH-{plan.organization.document_symbol}-{plan.year}-v{plan.version}.{kind}"
    return download(body, name)


def plan_pdf(request, pk: int):
    plan = _plan(request, pk)
    tasks = list(plan_tasks(plan))
    doc = plan_layout(plan, tasks, list(plan.duties.all()))
    context = {"plan": plan, "doc": doc, "tasks": tasks, "columns": doc.columns}
    return _download(plan, "pdf", render_pdf("reports/plan_print.html", context))


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


def _audit(request, pk: int) -> tuple[Audit, dict]:
    audits = Audit.objects.select_related("organization", "lead_auditor")
    audit = get_object_for_user(audits, request.user, permission="audits.view_audit", pk=pk)
    return audit, audit_report(audit)


def _audit_pdf(
    audit: Audit, *, kind: str, symbol: str, title: str, part: str, **context
) -> HttpResponse:
    doc = letterhead(audit.organization, kind=kind, symbol=symbol, title=title, year=audit.year)
    body = render_pdf(
        "reports/audit_print.html", {"doc": doc, "audit": audit, "part": part, **context}
    )
    return download(body, f"{symbol}-DGNB-{audit.pk}.pdf")


def audit_notice_pdf(request, pk: int):
    audit, report = _audit(request, pk)
    team = ", ".join(user.get_full_name() for user in audit.team.all())
    return _audit_pdf(
        audit,
        kind="THÔNG BÁO",
        symbol="TB",
        part="notice",
        report=report,
        team=team,
        title=f"Kế hoạch đánh giá nội bộ: {audit.title}",
    )


def audit_report_pdf(request, pk: int):
    audit, report = _audit(request, pk)
    return _audit_pdf(
        audit,
        kind="BÁO CÁO",
        symbol="BC",
        part="report",
        report=report,
        title=f"Kết quả đánh giá nội bộ: {audit.title}",
    )


def _audit_nonconformities(audit: Audit):
    return (
        Nonconformity.objects.filter(finding__session__audit=audit)
        .select_related("department")
        .prefetch_related("actions__department", "actions__work_item")
    )


def corrective_report_pdf(request, pk: int):
    audit, _report = _audit(request, pk)
    nonconformities = _audit_nonconformities(audit)
    return _audit_pdf(
        audit,
        kind="BÁO CÁO",
        symbol="BC",
        part="corrective",
        nonconformities=nonconformities,
        title=f"Khắc phục các điểm không phù hợp sau {audit.title}",
    )


def audit_report_xlsx(request, pk: int):
    audit, report = _audit(request, pk)
    rows = [
        [
            unit,
            f.clause,
            f.question,
            str(f.get_result_display()),
            f.evidence,
            f.nonconformity.code if f.nonconformity_id else "",
        ]
        for unit, findings in report["by_unit"]
        for f in findings
    ]
    body = render_table_xlsx(
        title=audit.title,
        headings=[
            (_("Unit"), 28),
            (_("Clause"), 10),
            (_("Question"), 50),
            (_("Result"), 24),
            (_("Evidence seen"), 40),
            (_("Nonconformity"), 14),
        ],
        rows=rows,
        totals=[_("Total"), "", f"{len(rows)}", "", "", f"{len(report['nonconformities'])}"],
    )
    return download(body, f"BC-DGNB-{audit.pk}.xlsx")


def corrective_report_xlsx(request, pk: int):
    audit, _report = _audit(request, pk)
    rows = [
        [
            nc.code,
            nc.department.name,
            nc.description,
            nc.root_cause,
            "\n".join(
                f"- {a.action} ({a.department.name}, {a.work_item.due_date:%d/%m/%Y}: "
                f"{a.work_item.get_status_display()})"
                for a in nc.actions.all()
            ),
            str(nc.get_status_display()),
        ]
        for nc in _audit_nonconformities(audit)
    ]
    closed = sum(1 for nc in _audit_nonconformities(audit) if nc.status == "closed")
    body = render_table_xlsx(
        title=f"KPH {audit.title}",
        headings=[
            (_("Code"), 14),
            (_("Unit"), 26),
            (_("Nonconformity"), 40),
            (_("Root cause"), 32),
            (_("Corrective actions"), 50),
            (_("Status"), 24),
        ],
        rows=rows,
        totals=[_("Total"), "", f"{len(rows)}", "", "", f"{closed}"],
    )
    return download(body, f"BC-KPH-{audit.pk}.xlsx")


def _review_pdf(request, pk: int, *, part: str) -> HttpResponse:
    reviews = ManagementReview.objects.select_related("organization", "chair", "minutes_secretary")
    review = get_object_for_user(
        reviews, request.user, permission="audits.view_managementreview", pk=pk
    )
    kind, symbol = ("THÔNG BÁO", "TB") if part == "notice" else ("BIÊN BẢN", "BB")
    title = f"Họp xem xét của Lãnh đạo năm {review.year}"
    doc = letterhead(review.organization, kind=kind, symbol=symbol, title=title, year=review.year)
    if part == "minutes":
        # Minutes carry no place/date line (Decree 30/2020): the time is in the body.
        doc.date, doc.recipients = "", ["- Lưu: VT, Hồ sơ."]
    context = {
        "doc": doc,
        "review": review,
        "part": part,
        "participants": review.participants.splitlines(),
        "attendees": [line for line in review.attendees.splitlines() if line.strip()],
        "outputs": review.outputs.select_related("department"),
        "topics": [label for _topic, label in ReviewTopic.choices],
    }
    body = render_pdf("reports/review_print.html", context)
    return download(body, f"{symbol}-XXLD-{review.pk}.pdf")


def review_notice_pdf(request, pk: int):
    return _review_pdf(request, pk, part="notice")


def review_minutes_pdf(request, pk: int):
    return _review_pdf(request, pk, part="minutes")


def home(request):
    """Where each role lands: the director and the secretary on the dashboard of their
    organization, a department head on their unit's work, the province coordinator on the
    province view, everyone else on the overview."""
    organization = request.organization
    if has_role(request.user, organization, {Role.ISO_SECRETARY, *LEADERSHIP_ROLES}):
        return _dashboard(request)
    if has_role(request.user, organization, {Role.DEPARTMENT_HEAD}):
        return redirect("plans:unit_work")
    if has_role(request.user, organization, {Role.PROVINCE_COORDINATOR}):
        return redirect("reports:province")
    return overview(request)


def _dashboard(request):
    organization = request.organization
    today = timezone.localdate()
    years = list(
        WorkItem.objects.filter(organization=organization)
        .values_list("year", flat=True)
        .distinct()
        .order_by("year")
    )
    nam = request.GET.get("nam", "")
    year = int(nam) if nam.isdigit() else year_in_force(organization.plans.all(), today)
    data = organization_dashboard(organization, year, today)
    waiting = []
    if request.user.has_perm("plans.approve_plan", organization):
        waiting = Plan.objects.filter(organization=organization, status=PlanStatus.SUBMITTED)
    return render(
        request,
        "reports/dashboard.html",
        {
            "organization": organization,
            "dashboard": data,
            "years": years,
            "waiting": waiting,
            "today": today,
        },
    )
