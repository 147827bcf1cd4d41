"""The history screen of a document: the register's entry and its editions, field by field with
readable values; drafts only for those who read drafts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.choices import Role
from plans.documents.choices import DocumentStatus, EditionStatus
from plans.documents.models import Document, DocumentEdition
from plans.documents.services import (
    document_create,
    edition_approve,
    edition_return,
    edition_start,
    edition_submit,
    edition_update,
)
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf():
    return SimpleUploadedFile("QT-05.pdf", b"%PDF-1.4 quy trinh", "application/pdf")


def _issue(edition, secretary, director, changes=""):
    edition.issued_on, edition.changes = D(2023, 3, 1), changes
    edition_update(
        edition=edition, expected_version=edition.lock_version, user=secretary, files=[_pdf()]
    )
    edition_submit(edition=edition, user=secretary)
    return edition_approve(edition=edition, user=director)


@pytest.fixture
def document(organization, department, secretary, director):
    document = document_create(
        organization=organization,
        user=secretary,
        code="QT-05",
        title="Quy trình giải quyết hồ sơ người có công",
        department=department,
    )
    _issue(document.editions.get(), secretary, director)
    document.refresh_from_db()
    return document


def _url(document):
    return reverse("plans:document_history", args=[document.pk])


def test_the_editions_and_the_document_are_in_the_history(client, document, secretary, director):
    edition = edition_start(document=document, user=secretary)
    edition.changes = "Sửa theo Nghị định 131/2021/NĐ-CP"
    edition_update(
        edition=edition, expected_version=edition.lock_version, user=secretary, files=[_pdf()]
    )
    edition_submit(edition=edition, user=secretary)
    edition_return(edition=edition, user=director, comment="Thiếu căn cứ pháp lý")
    client.force_login(secretary)

    shown = entries(client, _url(document))
    second = [e for e in shown if e.subject.endswith(" 2")]
    assert [c[2] for c in changes(second, label(DocumentEdition, "status"))] == [
        str(EditionStatus.DRAFT.label),
        str(EditionStatus.IN_REVIEW.label),
        str(EditionStatus.DRAFT.label),
    ]
    assert second[0].user == director
    assert changes(second, label(DocumentEdition, "return_comment"))[0] == (
        "~",
        "",
        "Thiếu căn cứ pháp lý",
    )
    first = [e for e in shown if e.subject.endswith(" 1")]
    assert ("~", "", "01/03/2023") in changes(first, label(DocumentEdition, "issued_on"))
    # the document came into force with its first edition, named by its number
    record = [e for e in shown if e not in first and e not in second]
    draft, in_review, in_force = (
        str(DocumentStatus.DRAFT.label),
        str(DocumentStatus.IN_REVIEW.label),
        str(DocumentStatus.IN_FORCE.label),
    )
    assert changes(record, label(Document, "status")) == [
        ("~", in_review, in_force),
        ("~", draft, in_review),
        ("+", "", draft),
    ]
    assert changes(record, label(Document, "current_edition")) == [("~", "", first[0].subject)]
    assert ("+", "", "Phòng Người có công") in changes(record, label(Document, "department"))


def test_a_reader_who_reads_no_drafts_sees_no_draft_in_the_history(
    client, document, secretary, make_member
):
    edition = edition_start(document=document, user=secretary)
    edition.changes = "Bản nháp chưa trình"
    edition_update(edition=edition, expected_version=edition.lock_version, user=secretary)
    client.force_login(make_member(Role.STAFF))
    shown = entries(client, _url(document))
    assert not any("Bản nháp chưa trình" in c.new for e in shown for c in e.changes)
    assert not any(e.subject.endswith(" 2") for e in shown)
    # the approved edition is everyone's: it appears as approved, with its values
    first = [e for e in shown if e.subject.endswith(" 1")]
    assert changes(first, label(DocumentEdition, "status")) == [
        ("~", "", str(EditionStatus.APPROVED.label))
    ]
    assert ("~", "", "01/03/2023") in changes(first, label(DocumentEdition, "issued_on"))


def test_the_history_does_not_grow_in_queries(
    client, document, secretary, director, django_assert_max_num_queries
):
    client.force_login(secretary)

    def more():
        for number in range(4):
            edition = edition_start(document=document, user=secretary)
            _issue(edition, secretary, director, changes=f"Lần sửa {number}")

    assert_queries_do_not_grow(client, _url(document), more, django_assert_max_num_queries)


def test_another_agencys_document_has_no_history_screen(
    client, document, make_member, other_organization
):
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(document)).status_code == 404
