"""Sở LĐTBXH: its register of documents (policy, procedures, a TTHC procedure with a form), one
procedure in its second edition, another waiting for the director, and an external decree."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from plans.demo import demo_pdf
from plans.models import Organization, User
from plans.work import handoffs
from plans.work.services import work_item_complete

from .choices import OPEN_EDITION_STATUSES
from .models import Document, DocumentEdition
from .services import (
    document_create,
    edition_approve,
    edition_start,
    edition_submit,
    external_document_record,
)

D = datetime.date
DOCUMENTS = [
    # code, title, kind, TTHC code, owner unit
    ("CS-01", "Chính sách chất lượng", "policy", "", "Văn phòng Sở"),
    ("QT-01", "Quy trình kiểm soát thông tin dạng văn bản", "procedure", "", "Văn phòng Sở"),
    ("QT-02", "Quy trình đánh giá nội bộ", "procedure", "", "Văn phòng Sở"),
    (
        "QT-05",
        "Quy trình giải quyết hồ sơ hưởng trợ cấp ưu đãi đối với người có công",
        "procedure",
        "1.010814",
        "Phòng Người có công",
    ),
    (
        "BM-QT05-01",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "form",
        "",
        "Phòng Người có công",
    ),
    (
        "QT-07",
        "Quy trình cấp giấy phép lao động cho người nước ngoài",
        "procedure",
        "1.000105",
        "Phòng Lao động – Việc làm – Giáo dục nghề nghiệp",
    ),
]


def _pdf(document: Document, number: int) -> ContentFile:
    html = f"<h1>{document.code}</h1><p>{document.title}</p><p>Lần ban hành: {number:02d}</p>"
    return ContentFile(demo_pdf(html), name=f"{document.code}.pdf")


def _issue(document, user, director, *, number: int, issued: datetime.date, changes: str = ""):
    edition = document.editions.get(number=number)
    edition.issued_on = issued
    edition.decision_number = f"{12 + number}/QĐ-SLĐTBXH"
    edition.decision_date = issued
    edition.changes = changes
    edition.save()
    upload = _pdf(document, number)
    edition.files.create(file=upload, original_name=upload.name, size=upload.size, uploaded_by=user)
    if director is None:
        # Still waiting for the director: told, even when the demo replays its year muted.
        with handoffs.muted(False):
            edition_submit(edition=edition, user=user)
        return
    edition_submit(edition=edition, user=user)
    edition_approve(edition=edition, user=director, today=issued)


@transaction.atomic
def load_demo_documents() -> tuple[int, bool]:
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    if organization.documents.exists():
        return organization.documents.count(), False
    secretary, director = User.objects.get(username="thuky"), User.objects.get(username="giamdoc")
    units = {d.name: d for d in organization.departments.all()}
    documents = {}
    for code, title, kind, tthc_code, unit in DOCUMENTS:
        document = document_create(
            organization=organization,
            user=secretary,
            code=code,
            title=title,
            kind=kind,
            tthc_code=tthc_code,
            department=units[unit],
        )
        # QT-07 is new: its first edition waits for the director.
        approver = None if code == "QT-07" else director
        _issue(document, secretary, approver, number=1, issued=D(2022, 1, 14))
        documents[code] = document
    external = external_document_record(
        organization=organization,
        user=secretary,
        number="131/2021/NĐ-CP",
        issued_on=D(2021, 12, 30),
        issuer="Chính phủ",
        title="Quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách "
        "mạng",
        effective_on=D(2022, 2, 15),
        received_on=D(2022, 1, 10),
        affects=[documents["QT-05"], documents["BM-QT05-01"]],
    )
    second = edition_start(document=documents["QT-05"], user=secretary)
    _issue(
        documents["QT-05"],
        secretary,
        director,
        number=second.number,
        issued=D(2022, 4, 20),
        changes="Cập nhật căn cứ pháp lý theo Nghị định 131/2021/NĐ-CP; rút ngắn thời hạn "
        "thẩm định hồ sơ từ 12 xuống 10 ngày làm việc.",
    )
    work_item_complete(
        item=external.update_items.get(),
        user=User.objects.get(username="truongphong"),
        note="Đã ban hành QT-05 lần 2; biểu mẫu BM-QT05-01 không thay đổi.",
    )
    organization.documents_public = True
    organization.save(update_fields=["documents_public"])
    return len(documents), True


@transaction.atomic
def load_current_edition(today: datetime.date) -> tuple[DocumentEdition | None, bool]:
    """This year's new edition of the internal audit procedure, submitted by the secretary and
    waiting for the director."""
    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    document = organization.documents.filter(code="QT-02").first()
    if document is None:
        return None, False
    # Its seed history is one edition: a later one is this (perhaps approved since).
    later = document.editions.filter(number__gt=1).order_by("-number").first()
    if later is not None:
        return later, False
    if document.editions.filter(status__in=OPEN_EDITION_STATUSES).exists():
        return None, False
    secretary = User.objects.get(username="thuky")
    edition = edition_start(document=document, user=secretary)
    edition.decision_number = f"{edition.number + 12}/QĐ-SLĐTBXH"
    edition.changes = (
        f"Bổ sung bước lập kế hoạch đánh giá nội bộ năm {today.year} theo rủi ro của từng "
        "phòng; cập nhật biểu mẫu báo cáo đánh giá."
    )
    edition.save()
    upload = _pdf(document, edition.number)
    edition.files.create(
        file=upload, original_name=upload.name, size=upload.size, uploaded_by=secretary
    )
    return edition_submit(edition=edition, user=secretary), True
