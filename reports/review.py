"""A management review's printouts: the notice of the meeting and its minutes (PDF)."""

from django.http import HttpResponse

from audits.review.choices import ReviewTopic
from audits.review.models import ManagementReview
from plans.letterhead import letterhead
from plans.organizations.access import get_object_for_user

from .download import download
from .pdf import render_pdf


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
    body = render_pdf("reports/review/review_print.html", context)
    return download(body, f"{symbol}-XXLD-{review.pk}.pdf")


def review_notice_pdf(request, pk: int):
    return _review_pdf(request, pk, part="notice")


def review_minutes_pdf(request, pk: int):
    return _review_pdf(request, pk, part="minutes")
