"""An internal audit's printouts: the notice (audit plan), the report and the corrective-action
report, as PDF and DOCX with the letterhead, and the findings and corrective actions as
spreadsheets."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from audits.internal_audit.models import Audit
from audits.internal_audit.services import audit_report
from audits.nonconformity.models import Nonconformity
from plans.letterhead import letterhead
from plans.organizations.access import get_object_for_user

from .download import download, record_file_name, render_printout
from .xlsx import render_table_xlsx

# Each printout: (kind, document symbol, what its file name says it is about, title).
PRINTOUTS = {
    "notice": ("THÔNG BÁO", "TB", "DGNB", "Kế hoạch đánh giá nội bộ: {}"),
    "report": ("BÁO CÁO", "BC", "DGNB", "Kết quả đánh giá nội bộ: {}"),
    "corrective": ("BÁO CÁO", "BC", "KPH", "Khắc phục các điểm không phù hợp sau {}"),
}


def _audit(request, pk: int) -> Audit:
    audits = Audit.objects.select_related("organization", "lead_auditor")
    return get_object_for_user(audits, request.user, permission="audits.view_audit", pk=pk)


def _file_name(audit: Audit, part: str, extension: str) -> str:
    _kind, symbol, subject, _title = PRINTOUTS[part]
    return record_file_name(symbol, subject, audit.organization, audit.starts_on, extension)


def _findings(report: dict) -> list:
    """(unit, finding) in the order of the report, numbered once through all units."""
    return [(unit, finding) for unit, findings in report["by_unit"] for finding in findings]


def _audit_nonconformities(audit: Audit):
    return (
        Nonconformity.objects.filter(finding__session__audit=audit)
        .select_related("department")
        .prefetch_related("actions__department", "actions__work_item")
    )


def _context(audit: Audit, part: str) -> dict:
    if part == "corrective":
        return {"nonconformities": _audit_nonconformities(audit)}
    report = audit_report(audit)
    if part == "notice":
        return {
            "report": report,
            "team": ", ".join(user.get_full_name() for user in audit.team.all()),
        }
    return {"report": report, "findings": _findings(report)}


def _printout(request, pk: int, part: str, extension: str) -> HttpResponse:
    audit = _audit(request, pk)
    return download(audit_printout(audit, part, extension), _file_name(audit, part, extension))


def audit_printout(audit: Audit, part: str, extension: str) -> bytes:
    """One of PRINTOUTS (also pages of the inspection dossier)."""
    kind, symbol, _subject, title = PRINTOUTS[part]
    doc = letterhead(
        audit.organization,
        kind=kind,
        symbol=symbol,
        title=title.format(audit.title),
        year=audit.year,
    )
    context = {"doc": doc, "audit": audit, "part": part, **_context(audit, part)}
    return render_printout(
        extension,
        doc=doc,
        page="reports/internal_audit/audit_print.html",
        body="reports/internal_audit/_audit_body.html",
        context=context,
    )


def audit_notice_pdf(request, pk: int):
    return _printout(request, pk, "notice", "pdf")


def audit_notice_docx(request, pk: int):
    return _printout(request, pk, "notice", "docx")


def audit_report_pdf(request, pk: int):
    return _printout(request, pk, "report", "pdf")


def audit_report_docx(request, pk: int):
    return _printout(request, pk, "report", "docx")


def corrective_report_pdf(request, pk: int):
    return _printout(request, pk, "corrective", "pdf")


def corrective_report_docx(request, pk: int):
    return _printout(request, pk, "corrective", "docx")


def audit_report_xlsx(request, pk: int):
    audit = _audit(request, pk)
    report = audit_report(audit)
    rows = [
        [
            unit,
            f.clause,
            f.question,
            str(f.get_result_display()),
            f.evidence,
            f.nonconformity.code if f.nonconformity_id else "",
        ]
        for unit, f in _findings(report)
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
    return download(body, _file_name(audit, "report", "xlsx"))


def corrective_report_xlsx(request, pk: int):
    audit = _audit(request, pk)
    nonconformities = list(_audit_nonconformities(audit))
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
        for nc in nonconformities
    ]
    closed = sum(1 for nc in nonconformities if nc.status == "closed")
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
    return download(body, _file_name(audit, "corrective", "xlsx"))
