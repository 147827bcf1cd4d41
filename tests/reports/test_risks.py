"""The risk register as a spreadsheet and as a printed appendix (official format, landscape)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from plans.choices import Role
from plans.risks.services import risk_action_add, risk_record
from tests.factories import DepartmentFactory
from tests.printouts import docx_document, docx_paragraphs, docx_rows, file_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(organization, department, secretary):
    other = DepartmentFactory(organization=organization, name="Văn phòng Sở")
    for unit, likelihood, impact in ((department, 4, 5), (department, 1, 2), (other, 3, 3)):
        risk = risk_record(
            organization=organization,
            user=secretary,
            year=2023,
            department=unit,
            process="Giải quyết trợ cấp người có công",
            description=f"Hồ sơ trễ hạn mức {likelihood * impact}",
            likelihood=likelihood,
            impact=impact,
            treatment="reduce",
        )
    risk_action_add(
        risk=risk,
        action="Nhắc việc trên hệ thống một cửa",
        department=other,
        due_on=datetime.date(2023, 9, 29),
        user=secretary,
    )
    return organization


def test_the_xlsx_has_the_filtered_rows_and_counts_the_high_ones(client, register, department):
    client.force_login(register.memberships.get(role=Role.ISO_SECRETARY).user)
    response = client.get(reverse("reports:risk_register_xlsx"), {"year": 2023})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[4] for row in rows[:-1]] == [
        "Hồ sơ trễ hạn mức 20",
        "Hồ sơ trễ hạn mức 9",
        "Hồ sơ trễ hạn mức 2",
    ]
    assert "Nhắc việc trên hệ thống một cửa" in rows[1][12]
    assert (rows[-1][4], rows[-1][10]) == ("3", "1")
    unit_only = client.get(
        reverse("reports:risk_register_xlsx"), {"year": 2023, "unit": department.pk}
    )
    assert load_workbook(io.BytesIO(unit_only.content)).active.max_row == 4  # heading, 2, totals


def test_the_pdf_is_a_landscape_appendix_with_the_heat_map(client, register, make_member):
    client.force_login(make_member(Role.STAFF))
    response = client.get(reverse("reports:risk_register_pdf"), {"year": 2023})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for part in (
        "Phụ lục",
        "SỔ ĐĂNG KÝ RỦI RO VÀ CƠ HỘI NĂM 2023",
        "Kèm theo Báo cáo",
        "Hồ sơ trễ hạn mức 20",
        "Nhắc việc trên hệ thống một cửa",
        "Cao",
    ):
        assert part in text, part


def test_someone_without_an_organization_gets_nothing(client, register, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("reports:risk_register_xlsx")).status_code == 404
    assert client.get(reverse("reports:risk_register_pdf")).status_code == 404


def test_odd_filters_give_an_empty_or_default_register_not_an_error(
    client, register, other_organization
):
    client.force_login(register.memberships.get(role=Role.ISO_SECRETARY).user)
    foreign = DepartmentFactory(organization=other_organization)
    for query in (
        {"year": "99999999999999999999", "unit": "12345678901234567890"},
        {"year": "2023", "unit": foreign.pk, "level": "extreme", "sort": "-pk"},
    ):
        assert client.get(reverse("plans:risk_list"), query).status_code == 200
        response = client.get(reverse("reports:risk_register_xlsx"), query)
        assert response.status_code == 200


def test_the_register_in_word_is_the_same_landscape_appendix(client, register, make_member):
    client.force_login(make_member(Role.STAFF))
    response = client.get(reverse("reports:risk_register_docx"), {"year": 2023})
    assert file_name(response) == "RR-SLĐTBXH-2023.docx"
    document = docx_document(response)
    section = document.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    paragraphs = docx_paragraphs(document)
    assert paragraphs[:2] == ["PHỤ LỤC", "SỔ ĐĂNG KÝ RỦI RO VÀ CƠ HỘI NĂM 2023"]
    assert paragraphs[2].startswith("(Kèm theo Báo cáo số")
    assert "Tổng số: 3 rủi ro và cơ hội." in paragraphs
    [table] = document.tables
    rows = docx_rows(table)
    assert rows[0][:4] == ["TT", "Đơn vị", "Quá trình, TTHC", "Rủi ro / cơ hội"]
    assert [row[3] for row in rows[1:]] == [
        "Hồ sơ trễ hạn mức 20",
        "Hồ sơ trễ hạn mức 9",
        "Hồ sơ trễ hạn mức 2",
    ]
    assert rows[2][9].startswith("- Nhắc việc trên hệ thống một cửa (Văn phòng Sở, hạn 29/09/2023")


def test_no_register_in_word_without_an_organization(client, register, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("reports:risk_register_docx")).status_code == 404
