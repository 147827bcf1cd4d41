"""The declaration of conformity: made on the agency's data (scope, units, procedures in force),
kept with what it was made on, printed as the decision with the procedures as annex and as the
statement; a later change of units or procedures proposes a re-declaration."""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from plans.choices import Role, WorkItemStatus
from plans.documents.services import (
    document_create,
    document_withdraw,
    edition_approve,
    edition_submit,
    edition_update,
)
from plans.models import Document, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from reports.declaration import declaration_basis, redeclaration_changes, redeclaration_proposal
from reports.models import ConformityDeclaration
from tests.factories import DepartmentFactory, PlanFactory, add_task
from tests.histories import assert_queries_do_not_grow, changes, entries, label
from tests.printouts import (
    docx_bold_leads,
    docx_document,
    docx_paragraphs,
    docx_rows,
    file_name,
    pdf_bold_text,
)
from tests.reports.test_documents import register  # noqa: F401  (QT-01 and BM-01 in force)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def agency(register):  # noqa: F811  (the fixture imported above)
    """QT-01 (a procedure) and BM-01 (a form) in force, QT-02 drafted, QT-03 withdrawn."""
    return register


FORM = {
    "number": "125/QĐ-SLĐTBXH",
    "signed_on": "28/06/2023",
    "scope": "Giải quyết thủ tục hành chính và hoạt động nội bộ của Sở",
    "signer_title": "GIÁM ĐỐC",
    "signer_name": "Lê Văn Giám",
}


def _in_force(organization, secretary, director, code, title):
    document = document_create(
        organization=organization,
        user=secretary,
        code=code,
        title=title,
        kind="procedure",
        department=organization.departments.first(),
    )
    edition = document.editions.get()
    edition.issued_on, edition.changes = D(2023, 9, 1), "Ban hành lần đầu"
    upload = SimpleUploadedFile(f"{code}.pdf", b"%PDF-1.4", "application/pdf")
    edition_update(edition=edition, expected_version=0, user=secretary, files=[upload])
    edition_submit(edition=edition, user=secretary)
    edition_approve(edition=edition, user=director)
    return document


@pytest.fixture
def declared(client, agency, secretary):
    client.force_login(secretary)
    with time_machine.travel(datetime.datetime(2023, 6, 28, 3, tzinfo=datetime.UTC)):
        response = client.post(reverse("reports:declaration"), FORM)
    assert response.status_code == 302
    return ConformityDeclaration.objects.get(organization=agency)


def test_recording_keeps_what_the_declaration_was_made_on(declared, department, secretary):
    assert declared.basis["units"] == [department.name]
    # Procedures in force only: not the form, the draft or the withdrawn procedure.
    assert declared.basis["procedures"] == [["QT-01", "Quy trình kiểm soát tài liệu"]]
    assert declared.recorded_by == secretary
    assert redeclaration_changes(declared) is not None
    assert not redeclaration_changes(declared)  # nothing changed since: nothing proposed
    assert redeclaration_proposal(declared.organization) is None


def test_a_procedure_added_or_withdrawn_proposes_a_re_declaration(
    client, declared, secretary, director
):
    organization = declared.organization
    added = _in_force(organization, secretary, director, "QT-09", "Quy trình cấp giấy phép")
    changes = redeclaration_proposal(organization)
    assert changes.procedures_added == ["QT-09 – Quy trình cấp giấy phép"]
    assert changes.procedures_withdrawn == []
    page = client.get(reverse("reports:declaration")).content.decode()
    assert "Đề xuất công bố lại" in page
    assert "QT-09 – Quy trình cấp giấy phép" in page
    # The dashboard loads the same notice beside its figures.
    notice = reverse("reports:declaration_notice")
    assert f'hx-get="{notice}"' in client.get(reverse("home")).content.decode()
    assert "QT-09 – Quy trình cấp giấy phép" in client.get(notice).content.decode()
    document_withdraw(document=added, user=secretary)
    assert redeclaration_proposal(organization) is None  # back to what was declared
    document_withdraw(document=Document.objects.get(code="QT-01"), user=secretary)
    changes = redeclaration_proposal(organization)
    assert changes.procedures_withdrawn == ["QT-01 – Quy trình kiểm soát tài liệu"]
    # A unit set up since is a change of scope too.
    DepartmentFactory(organization=organization, name="Phòng Việc làm")
    assert redeclaration_proposal(organization).units_added == ["Phòng Việc làm"]


def test_a_new_declaration_answers_the_proposal(client, declared, secretary, director):
    _in_force(declared.organization, secretary, director, "QT-09", "Quy trình cấp giấy phép")
    assert redeclaration_proposal(declared.organization)
    data = FORM | {"number": "200/QĐ-SLĐTBXH", "signed_on": "02/10/2023"}
    assert client.post(reverse("reports:declaration"), data).status_code == 302
    assert redeclaration_proposal(declared.organization) is None
    assert client.get(reverse("reports:declaration_notice")).content == b""


def test_a_declaration_recorded_before_isoplan_kept_its_basis_stays_valid(
    client,
    agency,
    secretary,
):
    legacy = ConformityDeclaration.objects.create(
        organization=agency, number="5/QĐ-SLĐTBXH", signed_on=D(2019, 3, 1), scope="Toàn Sở"
    )
    assert redeclaration_changes(legacy) is None
    assert redeclaration_proposal(agency) is None
    client.force_login(secretary)
    page = client.get(reverse("reports:declaration")).content.decode()
    assert "5/QĐ-SLĐTBXH" in page
    assert "vẫn có hiệu lực" in page
    # Its printout lists today's procedures: there is nothing else to list.
    response = client.get(reverse("reports:declaration_decision_pdf", args=[legacy.pk]))
    assert response.status_code == 200


def test_recording_closes_the_plans_declaring_task(
    client,
    agency,
    secretary,
    director,
    department,
):
    plan = PlanFactory(organization=agency, year=2023)
    add_task(plan, content="Thực hiện Công bố HTQLCL phù hợp TCVN ISO 9001:2015", timing="Quý III")
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    client.force_login(secretary)
    with time_machine.travel(datetime.datetime(2023, 7, 3, 3, tzinfo=datetime.UTC)):
        client.post(reverse("reports:declaration"), FORM)
    item = WorkItem.objects.get(task__plan=plan)
    assert (item.status, item.done_on) == (WorkItemStatus.DONE, D(2023, 6, 28))
    assert item.closed_by_record == ConformityDeclaration.objects.get()


def test_who_may_record_a_declaration(client, agency, make_member, department):
    for role in (Role.STAFF, Role.DEPUTY_DIRECTOR, Role.DEPARTMENT_HEAD):
        person = make_member(role, department=department if role == Role.DEPARTMENT_HEAD else None)
        client.force_login(person)
        assert client.get(reverse("reports:declaration")).status_code == 200
        assert client.post(reverse("reports:declaration"), FORM).status_code == 403
    client.force_login(make_member(Role.DIRECTOR))
    assert client.post(reverse("reports:declaration"), FORM).status_code == 302


def test_a_bad_date_is_refused_keeping_what_was_typed(client, agency, secretary):
    client.force_login(secretary)
    response = client.post(reverse("reports:declaration"), FORM | {"signed_on": "31/02/2023"})
    assert response.status_code == 200
    assert 'value="125/QĐ-SLĐTBXH"' in response.content.decode()
    assert not ConformityDeclaration.objects.exists()


def test_the_public_page_shows_the_declaration_in_force_without_login(
    client, declared, other_organization
):
    organization = declared.organization
    organization.documents_public = True
    organization.save()
    ConformityDeclaration.objects.create(
        organization=organization, number="07/QĐ-SLĐTBXH", signed_on=D(2019, 3, 1), scope="Cũ"
    )
    client.logout()
    page = client.get(reverse("reports:public_documents", args=[organization.pk]))
    content = page.content.decode()
    assert "Quyết định số 125/QĐ-SLĐTBXH ngày 28/06/2023" in content
    assert "07/QĐ-SLĐTBXH" not in content
    # Another agency's page is closed until it turns it on; its declaration never shows here.
    assert (
        client.get(reverse("reports:public_documents", args=[other_organization.pk])).status_code
        == 404
    )


def test_another_agencys_declaration_is_not_found(client, declared, other_organization):
    from tests.factories import MembershipFactory, UserFactory

    outsider = UserFactory()
    MembershipFactory(user=outsider, organization=other_organization, role=Role.ISO_SECRETARY)
    client.force_login(outsider)
    for name in ("declaration_detail", "declaration_history", "declaration_decision_pdf"):
        assert client.get(reverse(f"reports:{name}", args=[declared.pk])).status_code == 404


def _pdf_text(response) -> str:
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.content)).pages
    return [" ".join(page.extract_text().split()).replace("/ ", "/") for page in pages]


def test_the_decision_prints_with_the_procedures_as_annex(client, declared, secretary, director):
    # Printed as declared, even after the agency changed.
    _in_force(declared.organization, secretary, director, "QT-09", "Quy trình cấp giấy phép")
    response = client.get(reverse("reports:declaration_decision_pdf", args=[declared.pk]))
    assert file_name(response) == "QD-CBHTQLCL-SLĐTBXH-20230628.pdf"
    decision, annex = _pdf_text(response)[:2]
    assert "Số: 125/QĐ-SLĐTBXH" in decision
    assert "công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015" in (
        decision
    )
    assert "Căn cứ Quyết định số 19/2014/QĐ-TTg" in decision
    assert "đối với giải quyết thủ tục hành chính và hoạt động nội bộ của Sở, gồm 1 quy trình" in (
        decision
    )
    assert "Lê Văn Giám" in decision
    assert "DANH MỤC QUY TRÌNH" in annex
    assert "QT-01 Quy trình kiểm soát tài liệu" in annex
    assert "QT-09" not in annex


def test_the_decisions_articles_open_in_bold(client, declared):
    """As every decision (Decree 30): "Điều 1." to "Điều 3." in bold, in the PDF and in Word."""
    response = client.get(reverse("reports:declaration_decision_pdf", args=[declared.pk]))
    bold = pdf_bold_text(PdfReader(io.BytesIO(response.content)).pages[0])
    assert all(f"Điều {n}." in bold for n in (1, 2, 3)), bold
    assert "Công bố Hệ thống" not in bold
    document = docx_document(
        client.get(reverse("reports:declaration_decision_docx", args=[declared.pk]))
    )
    assert docx_bold_leads(document) == ["Điều 1.", "Điều 2.", "Điều 3."]


def test_the_statement_and_the_word_files(client, declared):
    statement = _pdf_text(
        client.get(reverse("reports:declaration_statement_pdf", args=[declared.pk]))
    )[0]
    assert "BẢN CÔNG BỐ" in statement
    assert "Phạm vi áp dụng: Giải quyết thủ tục hành chính và hoạt động nội bộ của Sở." in statement
    assert "Quyết định số 125/QĐ-SLĐTBXH ngày 28/06/2023" in statement
    document = docx_document(
        client.get(reverse("reports:declaration_decision_docx", args=[declared.pk]))
    )
    paragraphs = docx_paragraphs(document)
    assert "QUYẾT ĐỊNH:" in paragraphs
    assert "PHỤ LỤC" in paragraphs
    assert docx_rows(document.tables[-1]) == [
        ["TT", "Mã hiệu", "Tên quy trình"],
        ["1", "QT-01", "Quy trình kiểm soát tài liệu"],
    ]


def test_the_draft_for_signature_is_made_from_todays_data(client, agency, secretary, director):
    _in_force(agency, secretary, director, "QT-09", "Quy trình cấp giấy phép")
    client.force_login(secretary)
    decision, annex = _pdf_text(client.get(reverse("reports:declaration_draft_decision_pdf")))[:2]
    assert "Số: /QĐ-SLĐTBXH" in decision
    assert "QT-01 Quy trình kiểm soát tài liệu" in annex
    assert "QT-09 Quy trình cấp giấy phép" in annex
    assert declaration_basis(agency).procedures[-1] == ("QT-09", "Quy trình cấp giấy phép")
    assert not ConformityDeclaration.objects.exists()  # a draft records nothing


def test_the_history_of_a_declaration(client, declared, django_assert_max_num_queries):
    url = reverse("reports:declaration_history", args=[declared.pk])

    def more():
        for n in range(5):
            declared.scope = f"Phạm vi {n}"
            declared.save()

    assert_queries_do_not_grow(client, url, more, django_assert_max_num_queries)
    scope = label(ConformityDeclaration, "scope")
    assert changes(entries(client, url), scope)[0][2] == "Phạm vi 4"
