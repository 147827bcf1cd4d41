"""The achievement report of a set of quality objectives, printed (PDF, DOCX) and as a
spreadsheet."""

from django.utils.translation import gettext as _

from plans.letterhead import letterhead
from plans.objectives.models import ObjectiveSet
from plans.objectives.selectors import achievement_report
from plans.organizations.access import get_object_for_user

from .download import download, record_file_name, render_printout
from .xlsx import render_objective_xlsx


def _objective_set(request, pk: int) -> tuple[ObjectiveSet, str, dict]:
    sets = ObjectiveSet.objects.select_related("organization", "department")
    objective_set = get_object_for_user(
        sets, request.user, permission="plans.view_objectiveset", pk=pk
    )
    quarter = request.GET.get("quy", "")
    quarter = quarter if quarter in {"1", "2", "3", "4"} else ""
    return objective_set, quarter, achievement_report(objective_set, up_to=quarter or None)


def _report_title(objective_set: ObjectiveSet, quarter: str) -> str:
    period = f"quý {quarter} năm {objective_set.year}" if quarter else f"năm {objective_set.year}"
    owner = (
        objective_set.department.name
        if objective_set.department_id
        else objective_set.organization.name
    )
    return f"Kết quả thực hiện mục tiêu chất lượng {period} của {owner}"


def _file_name(objective_set: ObjectiveSet, quarter: str, extension: str) -> str:
    when = f"{objective_set.year}{'-Q' + quarter if quarter else ''}"
    return record_file_name("BC", "MTCL", objective_set.organization, when, extension)


def _printout(request, pk: int, extension: str):
    objective_set, quarter, report = _objective_set(request, pk)
    body = objective_report_body(objective_set, report, quarter, extension)
    return download(body, _file_name(objective_set, quarter, extension))


def objective_report_file(objective_set: ObjectiveSet, extension: str) -> bytes:
    """The report of the whole year (a page of the inspection dossier)."""
    report = achievement_report(objective_set, up_to=None)
    return objective_report_body(objective_set, report, "", extension)


def objective_report_body(
    objective_set: ObjectiveSet, report: dict, quarter: str, extension: str
) -> bytes:
    doc = letterhead(
        objective_set.organization,
        kind="BÁO CÁO",
        symbol="BC",
        title=_report_title(objective_set, quarter),
        year=objective_set.year,
    )
    summary = (
        f"Trong {len(report['rows'])} mục tiêu chất lượng: {report['achieved']} mục tiêu đạt, "
        f"{report['not_achieved']} mục tiêu không đạt, {report['not_measured']} mục tiêu chưa đo."
    )
    context = {"doc": doc, "report": report, "summary": summary}
    return render_printout(
        extension,
        doc=doc,
        page="reports/objectives/objective_report_print.html",
        body="reports/objectives/_objective_report_body.html",
        context=context,
    )


def objective_report_pdf(request, pk: int):
    return _printout(request, pk, "pdf")


def objective_report_docx(request, pk: int):
    return _printout(request, pk, "docx")


def objective_report_xlsx(request, pk: int):
    objective_set, quarter, report = _objective_set(request, pk)
    body = render_objective_xlsx(
        title=_report_title(objective_set, quarter),
        report=report,
        labels={
            "objective": _("Objective"),
            "target": _("Target"),
            "results": _("Results per period"),
            "result": _("Result"),
            "achieved": _("achieved"),
            "not_achieved": _("not achieved"),
            "not_measured": _("not measured yet"),
            "total": _("Total"),
        },
    )
    return download(body, _file_name(objective_set, quarter, "xlsx"))
