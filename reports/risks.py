"""The register of risks and opportunities as a spreadsheet and as a printed appendix (PDF,
DOCX)."""

from types import SimpleNamespace

from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from plans.risks.models import RiskAction
from plans.risks.selectors import RegisterFilters, heat_map, register_filters

from .docx import render_appendix_docx
from .download import download
from .pdf import render_pdf
from .xlsx import render_table_xlsx


def _register(request) -> tuple[RegisterFilters, list, str]:
    """The rows of the register as the page filters them (every page of it), with a title."""
    organization = request.organization
    if organization is None:
        raise Http404
    return _register_of(request, organization)


def _register_of(request, organization) -> tuple[RegisterFilters, list, str]:
    filters = register_filters(request, organization)
    actions = RiskAction.objects.select_related("department", "work_item")
    rows = list(filters.risks.prefetch_related(Prefetch("actions", queryset=actions)))
    title = f"Sổ đăng ký rủi ro và cơ hội năm {filters.year}"
    if filters.unit:
        title += f" – {filters.unit_label}"
    return filters, rows, title


def _actions_text(risk) -> str:
    return "\n".join(
        f"- {a.action} ({a.department.name}, hạn {a.due_on:%d/%m/%Y}: "
        f"{a.work_item.get_status_display().lower()})"
        for a in risk.actions.all()
    )


def risk_register_xlsx(request):
    filters, risks, title = _register(request)
    rows = [
        [
            number,
            risk.unit_label,
            risk.process,
            str(risk.get_kind_display()),
            risk.description,
            risk.cause,
            risk.consequence,
            risk.likelihood,
            risk.impact,
            risk.score,
            risk.get_level_display(),
            str(risk.get_treatment_display()),
            _actions_text(risk),
            str(risk.get_status_display()),
            risk.effectiveness,
        ]
        for number, risk in enumerate(risks, start=1)
    ]
    high = sum(1 for risk in risks if risk.level == "high")
    body = render_table_xlsx(
        title=title,
        headings=[
            ("TT", 6),
            (_("Unit"), 24),
            (_("Process"), 28),
            (_("Kind"), 12),
            (_("Risk or opportunity"), 40),
            (_("Cause"), 28),
            (_("Consequence"), 28),
            (_("Likelihood"), 10),
            (_("Impact"), 10),
            (_("Score"), 8),
            (_("Level"), 12),
            (_("Treatment"), 16),
            (_("Treatment actions"), 48),
            (_("Status"), 20),
            (_("Effectiveness"), 32),
        ],
        rows=rows,
        # Under "Risk or opportunity" how many rows, under "Level" how many are high.
        totals=[_("Total"), "", "", "", f"{len(rows)}", *[""] * 5, f"{high}", *[""] * 4],
    )
    return download(body, f"RR-{filters.organization.document_symbol}-{filters.year}.xlsx")


def _appendix(request) -> tuple[RegisterFilters, str, dict]:
    return _appendix_of(*_register(request))


def _appendix_of(filters: RegisterFilters, risks: list, title: str):
    organization = filters.organization
    context = {
        "organization": organization,
        "title": title,
        "year": filters.year,
        "risks": risks,
        "attached_to": (
            f"(Kèm theo Báo cáo số      /BC-{organization.document_symbol} ngày      tháng      "
            f"năm {filters.year} của {organization.name})"
        ),
    }
    return filters, title, context


def _register_pdf(filters: RegisterFilters, context: dict) -> bytes:
    context["heat_map"] = heat_map(filters.risks, filters.organization)
    return render_pdf("reports/risks/risk_register_print.html", context)


def risk_register_pdf(request):
    filters, _title, context = _appendix(request)
    body = _register_pdf(filters, context)
    return download(body, f"RR-{filters.organization.document_symbol}-{filters.year}.pdf")


def risk_register_pdf_body(organization, year: int) -> bytes:
    """The whole register of a year, every unit, withdrawn risks left out (a page of the
    inspection dossier): the page's own filters, given as its query string would."""
    query = SimpleNamespace(GET=QueryDict(f"year={year}"))
    filters, _title, context = _appendix_of(*_register_of(query, organization))
    return _register_pdf(filters, context)


def risk_register_docx(request):
    """The register in Word, landscape like the PDF; the coloured heat map stays in the PDF."""
    filters, title, context = _appendix(request)
    body = render_appendix_docx(
        "reports/risks/_risk_register_body.html",
        context,
        title=title,
        attached_to=context["attached_to"],
        landscape=True,
    )
    return download(body, f"RR-{filters.organization.document_symbol}-{filters.year}.docx")
