"""A management review's printouts: the notice of the meeting and its minutes, with the inputs
of clause 9.3.2 (PDF and DOCX)."""

from string import ascii_lowercase

from django.http import HttpResponse

from audits.review.choices import ReviewTopic
from audits.review.models import ManagementReview
from audits.review.services import review_facts
from plans.letterhead import letterhead
from plans.organizations.access import get_object_for_user

from .download import download, record_file_name, render_printout


def _inputs(review: ManagementReview) -> list[tuple[str, str, str, str]]:
    """(letter, topic, label, the secretary's assessment) for each input, in the standard's
    order."""
    texts = dict(review.inputs.values_list("topic", "text"))
    return [
        (letter, topic, label, texts.get(topic, ""))
        for letter, (topic, label) in zip(ascii_lowercase, ReviewTopic.choices, strict=False)
    ]


def _printout(request, pk: int, *, part: str, extension: str) -> HttpResponse:
    reviews = ManagementReview.objects.select_related("organization", "chair", "minutes_secretary")
    review = get_object_for_user(
        reviews, request.user, permission="audits.view_managementreview", pk=pk
    )
    symbol = "TB" if part == "notice" else "BB"
    return download(
        review_printout(review, part=part, extension=extension),
        record_file_name(symbol, "XXLD", review.organization, review.meeting_on, extension),
    )


def review_printout(review: ManagementReview, *, part: str, extension: str) -> bytes:
    """The notice or the minutes (also pages of the inspection dossier)."""
    kind, symbol = ("THÔNG BÁO", "TB") if part == "notice" else ("BIÊN BẢN", "BB")
    title = f"Họp xem xét của Lãnh đạo năm {review.year}"
    doc = letterhead(review.organization, kind=kind, symbol=symbol, title=title, year=review.year)
    context = {
        "doc": doc,
        "review": review,
        "part": part,
        "participants": review.participants.splitlines(),
        "inputs": _inputs(review),
        "signatures": None,
    }
    if part == "minutes":
        # Minutes carry no place/date line (Decree 30/2020): the time is in the body; the
        # secretary and the chair sign side by side.
        doc.date, doc.recipients = "", ["- Lưu: VT, Hồ sơ."]
        secretary = review.minutes_secretary
        context |= {
            "attendees": [line for line in review.attendees.splitlines() if line.strip()],
            "facts": review_facts(review),
            "outputs": review.outputs.select_related("department"),
            "signatures": [
                ("THƯ KÝ", secretary.get_full_name() if secretary else ""),
                ("CHỦ TỌA", review.chair.get_full_name()),
            ],
        }
    return render_printout(
        extension,
        doc=doc,
        page="reports/review/review_print.html",
        body="reports/review/_review_body.html",
        context=context,
        signatures=context["signatures"],
    )


def review_notice_pdf(request, pk: int):
    return _printout(request, pk, part="notice", extension="pdf")


def review_notice_docx(request, pk: int):
    return _printout(request, pk, part="notice", extension="docx")


def review_minutes_pdf(request, pk: int):
    return _printout(request, pk, part="minutes", extension="pdf")


def review_minutes_docx(request, pk: int):
    return _printout(request, pk, part="minutes", extension="docx")
