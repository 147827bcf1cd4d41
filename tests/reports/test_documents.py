"""The published list of documents in force: the appendix PDF, the XLSX and the public page."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from plans.choices import Role
from plans.documents.services import (
    document_create,
    document_withdraw,
    edition_approve,
    edition_start,
    edition_submit,
    edition_update,
)
from reports.models import ConformityDeclaration
from tests.printouts import docx_document, docx_paragraphs, docx_rows, docx_text, file_name

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def register(settings, tmp_path, organization, department, secretary, director):
    """QT-01 in its second edition, BM-01 in force, QT-02 only drafted, QT-03 withdrawn."""
    settings.MEDIA_ROOT = tmp_path

    def issue(document, issued):
        edition = document.editions.order_by("-number").first()
        edition.issued_on, edition.changes = issued, "Sửa đổi"
        upload = SimpleUploadedFile(f"{document.code}.pdf", b"%PDF-1.4", "application/pdf")
        edition_update(edition=edition, expected_version=0, user=secretary, files=[upload])
        edition_submit(edition=edition, user=secretary)
        edition_approve(edition=edition, user=director)

    def make(code, title, kind="procedure"):
        return document_create(
            organization=organization,
            user=secretary,
            code=code,
            title=title,
            kind=kind,
            department=department,
        )

    qt01 = make("QT-01", "Quy trình kiểm soát tài liệu")
    issue(qt01, D(2022, 1, 14))
    edition_start(document=qt01, user=secretary)
    issue(qt01, D(2023, 5, 8))
    issue(make("BM-01", "Phiếu theo dõi hồ sơ", kind="form"), D(2022, 1, 14))
    make("QT-02", "Quy trình đang soạn thảo")
    withdrawn = make("QT-03", "Quy trình đã bỏ")
    issue(withdrawn, D(2022, 1, 14))
    document_withdraw(document=withdrawn, user=secretary)
    return organization


def test_the_published_list_prints_as_a_decisions_appendix(client, register, make_member):
    client.force_login(make_member(Role.STAFF))
    response = client.get(reverse("reports:document_list_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    for part in [
        "UBND TỈNH ĐỒNG THÁP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHỤ LỤC",
        "DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG",
        "Kèm theo Quyết định số",
        "/QĐ-SLĐTBXH",
        "Mã hiệu",
        "Quy trình 1 QT-01 Quy trình kiểm soát tài liệu 02 08/05/2023",
        "Biểu mẫu 1 BM-01 Phiếu theo dõi hồ sơ 01 14/01/2022",
    ]:
        assert part in text, part
    assert text.index("QT-01") < text.index("BM-01")  # procedures before forms
    assert "QT-02" not in text
    assert "QT-03" not in text
    assert "14/01/2022 Biểu mẫu" not in text  # QT-01's superseded edition is not listed


def test_the_xlsx_has_the_same_documents_with_their_current_edition(client, register, make_member):
    client.force_login(make_member(Role.STAFF))
    response = client.get(reverse("reports:document_list_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=3)]
    assert [row[1:3] + row[6:8] for row in rows] == [
        ["QT-01", "Quy trình kiểm soát tài liệu", 2, "08/05/2023"],
        ["BM-01", "Phiếu theo dõi hồ sơ", 1, "14/01/2022"],
    ]
    assert sheet.max_row == 4  # two documents and the totals line


def test_the_public_page_is_off_until_the_organization_turns_it_on(client, register):
    url = reverse("reports:public_documents", args=[register.pk])
    assert client.get(url).status_code == 404
    register.documents_public = True
    register.save()
    ConformityDeclaration.objects.create(
        organization=register, number="125/QĐ-SLĐTBXH", signed_on=D(2021, 6, 28), scope="Toàn Sở"
    )
    response = client.get(url)  # nobody logged in
    content = response.content.decode()
    assert response.status_code == 200
    assert "Quyết định số 125/QĐ-SLĐTBXH ngày 28/06/2021" in content
    assert "QT-01" in content
    assert "BM-01" in content
    assert "QT-02" not in content
    assert "QT-03" not in content
    assert "/tai-lieu/tep/" not in content  # no files for the public, only the list


def test_the_published_list_in_word_is_the_same_appendix(client, register, make_member):
    client.force_login(make_member(Role.STAFF))
    response = client.get(reverse("reports:document_list_docx"))
    assert file_name(response).startswith("DMTL-SLĐTBXH-")
    assert file_name(response).endswith(".docx")
    document = docx_document(response)
    header = docx_rows(document.tables[0])[0]
    assert header[0].startswith("UBND TỈNH ĐỒNG THÁP")
    assert "Số:" not in header[0]  # the decision it is attached to carries the number
    paragraphs = docx_paragraphs(document)
    assert paragraphs[0] == "PHỤ LỤC"
    assert paragraphs[1].startswith("DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG")
    assert "/QĐ-SLĐTBXH" in paragraphs[2]
    assert docx_rows(document.tables[1]) == [
        ["TT", "Mã hiệu", "Tên tài liệu", "Lần ban hành", "Ngày ban hành"],
        ["Quy trình"] * 5,  # a group's heading spans the row
        ["1", "QT-01", "Quy trình kiểm soát tài liệu", "02", "08/05/2023"],
        ["Biểu mẫu"] * 5,
        ["1", "BM-01", "Phiếu theo dõi hồ sơ", "01", "14/01/2022"],
    ]
    assert "Nơi nhận:" not in docx_text(document)  # the decision is signed, not its appendix


def test_no_register_in_word_without_an_organization(client, register, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("reports:document_list_docx")).status_code == 404
