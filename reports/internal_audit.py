"""An internal audit's printouts: the notice (audit plan), the report and the corrective-action
report, as PDF with the letterhead, and the findings and corrective actions as spreadsheets."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from audits.internal_audit.models import Audit
from audits.internal_audit.services import audit_report
from audits.nonconformity.models import Nonconformity
from plans.letterhead import letterhead
from plans.organizations.access import get_object_for_user

from .download import download
from .pdf import render_pdf
from .xlsx import render_table_xlsx


def _audit(request, pk: int) -> tuple[Audit, dict]:
    audits = Audit.objects.select_related("organization", "lead_auditor")
    audit = get_object_for_user(audits, request.user, permission="audits.view_audit", pk=pk)
    return audit, audit_report(audit)


def _audit_pdf(
    audit: Audit, *, kind: str, symbol: str, title: str, part: str, **context
) -> HttpResponse:
    doc = letterhead(audit.organization, kind=kind, symbol=symbol, title=title, year=audit.year)
    body = render_pdf(
        "reports/internal_audit/audit_print.html",
        {"doc": doc, "audit": audit, "part": part, **context},
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
