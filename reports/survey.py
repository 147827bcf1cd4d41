"""A satisfaction survey's results report (Báo cáo kết quả khảo sát sự hài lòng): PDF and DOCX in
the official layout, XLSX with the tally per question."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from audits.survey.models import Survey
from audits.survey.selectors import comments, survey_tally
from plans.letterhead import letterhead
from plans.organizations.access import get_object_for_user
from reports.xlsx import render_table_xlsx

from .download import download, record_file_name, render_printout


def _survey(request, pk: int) -> Survey:
    return get_object_for_user(
        Survey.objects.select_related("organization"),
        request.user,
        permission="audits.view_survey",
        pk=pk,
    )


def _title(survey: Survey) -> str:
    return f"Kết quả {survey.title[0].lower()}{survey.title[1:]}"


def _file_name(survey: Survey, extension: str) -> str:
    return record_file_name("BC", "KSHL", survey.organization, survey.period_end, extension)


def _comment_lines(survey: Survey) -> list[str]:
    """The free-text answers, oldest first, the same words once with how many gave them, each
    without its final stop (the printout closes each line with ";")."""
    counts: dict[str, int] = {}
    for answer in comments(survey).order_by("response__submitted_on", "pk"):
        text = " ".join(answer.text.split()).rstrip(".;, ")
        if text:
            counts[text] = counts.get(text, 0) + 1
    return [f"{text} ({n} ý kiến)" if n > 1 else text for text, n in counts.items()]


def _printout(request, pk: int, extension: str) -> HttpResponse:
    survey = _survey(request, pk)
    return download(survey_report_body(survey, extension), _file_name(survey, extension))


def survey_report_body(survey: Survey, extension: str) -> bytes:
    """The survey's results report (PDF or DOCX), also for the inspection dossier."""
    doc = letterhead(
        survey.organization, kind="BÁO CÁO", symbol="BC", title=_title(survey), year=survey.year
    )
    context = {
        "doc": doc,
        "survey": survey,
        "tally": survey_tally(survey),
        "units": list(survey.departments.order_by("order", "name")),
        "comments": _comment_lines(survey),
        "signatures": None,
    }
    return render_printout(
        extension,
        doc=doc,
        page="reports/survey/survey_print.html",
        body="reports/survey/_survey_body.html",
        context=context,
    )


def survey_report_pdf(request, pk: int):
    return _printout(request, pk, "pdf")


def survey_report_docx(request, pk: int):
    return _printout(request, pk, "docx")


def survey_report_xlsx(request, pk: int):
    survey = _survey(request, pk)
    tally = survey_tally(survey)
    rows = [
        [
            n,
            row.question.text,
            *row.counts,
            row.answered,
            f"{row.mean}" if row.mean is not None else "",
            f"{row.satisfied_percent}" if row.satisfied_percent is not None else "",
        ]
        for n, row in enumerate(tally.questions, start=1)
    ]
    overall = tally.satisfied_percent
    body = render_table_xlsx(
        title=_title(survey)[:200],
        headings=[
            ("TT", 6),
            (_("Question"), 60),
            *((f"{point}. {label}", 12) for point, label in tally.scale),
            (_("Answers"), 10),
            (_("Mean"), 8),
            (_("Satisfied (%)"), 12),
        ],
        rows=rows,
        totals=[
            _("Total"),
            _("%(n)s forms") % {"n": tally.responses},
            *([""] * 5),
            tally.answered,
            "",
            f"{overall}" if overall is not None else "",
        ],
    )
    return download(body, _file_name(survey, "xlsx"))
