"""The committee's pages: everyone of the agency sees the committee in force; the ISO secretary
and the director prepare and issue a composition; another agency's composition is not found."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from plans.choices import EventKind, Role
from plans.committee.choices import CompositionStatus
from plans.committee.models import CommitteeComposition
from plans.models import Event
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory
from tests.histories import assert_queries_do_not_grow
from tests.printouts import (
    docx_bold_leads,
    docx_document,
    docx_paragraphs,
    docx_rows,
    docx_text,
    file_name,
    pdf_bold_text,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def head(make_member, department):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    head.full_name, head.job_title = "Phạm Thị Lan", "Trưởng phòng Người có công"
    head.save()
    return head


def _draft_through_pages(client, director, head) -> CommitteeComposition:
    assert client.post(reverse("plans:committee_start")).status_code == 302
    draft = CommitteeComposition.objects.get(status=CompositionStatus.DRAFT)
    add = reverse("plans:committee_member_add", args=[draft.pk])
    for data in (
        {"user": director.pk, "position": "chair", "title": "Giám đốc Sở"},
        {"user": head.pk, "position": "member"},
        {"name": "Nguyễn Văn Khách", "title": "Phó Chủ tịch UBND phường 1", "position": "member"},
        {"user": "", "name": "", "title": "", "position": "secretary"},  # no one: refused
    ):
        client.post(add, data)
    edit = reverse("plans:committee_edit", args=[draft.pk])
    data = {
        "decision_number": "45/QĐ-SLĐTBXH",
        "decided_on": "05/06/2023",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Lê Văn Giám",
        "note": "Thay đổi nhân sự",
        "basis": "",
    }
    assert client.post(edit, data).status_code == 302
    return draft


def test_the_secretary_prepares_and_issues_a_composition(
    client, organization, secretary, director, head
):
    _login(client, secretary)
    draft = _draft_through_pages(client, director, head)
    assert list(draft.members.values_list("name", flat=True)) == [
        director.get_full_name(),
        "Phạm Thị Lan",
        "Nguyễn Văn Khách",
    ]
    issue = reverse("plans:committee_issue", args=[draft.pk])
    assert "Không thể hoàn tác." in client.get(issue).content.decode()  # a confirmation first
    assert client.post(issue).status_code == 302
    draft.refresh_from_db()
    assert draft.status == CompositionStatus.IN_FORCE
    assert Event.objects.get(organization=organization).kind == EventKind.COMMITTEE_CHANGED
    # The page everyone reads names the members in force.
    page = client.get(reverse("plans:committee")).content.decode()
    assert "45/QĐ-SLĐTBXH" in page
    assert "Nguyễn Văn Khách" in page
    # Issued: no more changes, even by address.
    edit = reverse("plans:committee_edit", args=[draft.pk])
    assert client.post(edit, {"decision_number": "99/QĐ"}).status_code == 403


def test_a_member_without_person_or_name_is_refused_keeping_what_was_typed(
    client, organization, secretary
):
    _login(client, secretary)
    client.post(reverse("plans:committee_start"))
    draft = CommitteeComposition.objects.get()
    response = client.post(
        reverse("plans:committee_member_add", args=[draft.pk]),
        {"user": "", "name": "", "title": "Chánh Văn phòng", "position": "member"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chọn một người của cơ quan hoặc nhập họ tên thành viên." in content
    assert 'value="Chánh Văn phòng"' in content
    assert not draft.members.exists()


def test_who_may_change_the_committee(client, organization, make_member, department, director):
    deputy = make_member(Role.DEPUTY_DIRECTOR)
    staff = make_member(Role.STAFF, department=department)
    start = reverse("plans:committee_start")
    for person in (deputy, staff):
        _login(client, person)
        assert client.get(reverse("plans:committee")).status_code == 200
        assert client.post(start).status_code == 403
    _login(client, director)
    assert client.post(start).status_code == 302


def test_another_agencys_composition_is_not_found(
    client, organization, other_organization, secretary
):
    _login(client, secretary)
    client.post(reverse("plans:committee_start"))
    draft = CommitteeComposition.objects.get()
    outsider = UserFactory()
    MembershipFactory(user=outsider, organization=other_organization, role=Role.ISO_SECRETARY)
    _login(client, outsider)
    for name in ("plans:committee_detail", "plans:committee_edit", "plans:committee_history"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:committee_pdf", args=[draft.pk])).status_code == 404


@pytest.fixture
def in_force(client, organization, secretary, director, head):
    _login(client, secretary)
    draft = _draft_through_pages(client, director, head)
    client.post(reverse("plans:committee_issue", args=[draft.pk]))
    draft.refresh_from_db()
    return draft


def test_the_decision_prints_with_its_members_as_annex(client, in_force, organization):
    response = client.get(reverse("reports:committee_pdf", args=[in_force.pk]))
    assert response.status_code == 200
    assert file_name(response) == "QD-BCD-SLĐTBXH-20230605.pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    decision, annex = (" ".join(page.extract_text().split()) for page in pages[:2])
    assert "Số: 45/QĐ-SLĐTBXH" in decision
    assert "ngày 05 tháng 6 năm 2023" in decision
    assert "Về việc thành lập Ban Chỉ đạo ISO" in decision
    assert "QUYẾT ĐỊNH:" in decision
    assert "Lê Văn Giám" in decision
    assert "DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO ISO" in annex
    assert "Phạm Thị Lan" in annex
    assert "Nguyễn Văn Khách" in annex
    assert "Phạm Thị Lan Trưởng phòng Người có công Thành viên" in annex
    assert "Trưởng ban" in annex


def test_the_decisions_articles_open_in_bold(client, in_force):
    """Decree 30: "Điều 1.", "Điều 2.", "Điều 3." in bold at the start of each article, the
    article's text not; in the PDF and in Word."""
    response = client.get(reverse("reports:committee_pdf", args=[in_force.pk]))
    bold = pdf_bold_text(PdfReader(io.BytesIO(response.content)).pages[0])
    assert all(f"Điều {n}." in bold for n in (1, 2, 3)), bold
    assert "Ban Chỉ đạo có nhiệm vụ" not in bold
    document = docx_document(client.get(reverse("reports:committee_docx", args=[in_force.pk])))
    assert docx_bold_leads(document) == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert "Điều 2. Ban Chỉ đạo có nhiệm vụ" in docx_text(document)


def test_the_decision_in_word_has_the_same_members(client, in_force):
    document = docx_document(client.get(reverse("reports:committee_docx", args=[in_force.pk])))
    paragraphs = docx_paragraphs(document)
    assert "QUYẾT ĐỊNH:" in paragraphs
    assert "PHỤ LỤC" in paragraphs
    members = docx_rows(document.tables[-1])
    assert members[0] == ["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Chức danh trong Ban"]
    assert [row[1] for row in members[1:]] == [
        in_force.members.get(position="chair").name,
        "Phạm Thị Lan",
        "Nguyễn Văn Khách",
    ]
    assert "Nơi nhận:" in docx_text(document)


def test_a_re_formed_committee_prints_what_it_replaces(client, in_force, organization, secretary):
    client.post(reverse("plans:committee_start"))
    draft = CommitteeComposition.objects.get(status=CompositionStatus.DRAFT)
    response = client.get(reverse("reports:committee_pdf", args=[draft.pk]))
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Về việc kiện toàn Ban Chỉ đạo ISO" in text
    text = text.replace("/ ", "/")  # a line may break after the slash
    assert "thay thế Quyết định số 45/QĐ-SLĐTBXH ngày 05/06/2023" in text
    assert "Số: /QĐ-SLĐTBXH" in text  # a draft: number blank for the clerk


def test_the_history_shows_the_members_and_the_issue(client, in_force):
    response = client.get(reverse("plans:committee_history", args=[in_force.pk]))
    assert response.status_code == 200
    entries = list(response.context["page"].object_list)
    fields = {change.field for entry in entries for change in entry.changes}
    assert str(CommitteeComposition._meta.get_field("status").verbose_name) in fields
    assert any("Nguyễn Văn Khách" in entry.subject for entry in entries)


def test_the_committee_page_reads_a_fixed_number_of_queries(
    client, in_force, organization, django_assert_max_num_queries
):
    for n in range(20):
        unit = DepartmentFactory(organization=organization)
        in_force.members.create(name=f"Thành viên {n}", title=unit.name, order=10 + n)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("plans:committee")).status_code == 200


def test_the_history_reads_a_fixed_number_of_queries(
    client, organization, secretary, django_assert_max_num_queries
):
    _login(client, secretary)
    client.post(reverse("plans:committee_start"))
    draft = CommitteeComposition.objects.get()
    url = reverse("plans:committee_history", args=[draft.pk])

    def more():
        add = reverse("plans:committee_member_add", args=[draft.pk])
        for n in range(6):
            client.post(add, {"name": f"Thành viên {n}", "position": "member"})

    assert_queries_do_not_grow(client, url, more, django_assert_max_num_queries)
