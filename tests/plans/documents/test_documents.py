"""Documented information: editions, periodic reviews and external texts on the work-item spine,
the register's search, downloads and who may do what."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.choices import Role
from plans.documents.models import Document
from plans.documents.services import (
    DocumentError,
    document_create,
    document_review_record,
    document_withdraw,
    edition_approve,
    edition_return,
    edition_start,
    edition_submit,
    edition_update,
    external_document_record,
    external_document_update,
)
from plans.models import Event, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.work.calendar import load_calendar
from tests.factories import DepartmentFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(name="QT-05.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 quy trinh", "application/pdf")


def _document(organization, department, user, code="QT-05", **fields):
    fields.setdefault("title", "Quy trình giải quyết hồ sơ người có công")
    return document_create(
        organization=organization, user=user, code=code, department=department, **fields
    )


ISSUED = D(2023, 3, 1)


def _issue(document, secretary, director, *, changes="", issued=ISSUED):
    """Fill the open edition, attach its file, submit it and approve it."""
    edition = document.editions.order_by("-number").first()
    edition.issued_on, edition.changes = issued, changes
    edition_update(
        edition=edition, expected_version=edition.lock_version, user=secretary, files=[_pdf()]
    )
    edition_submit(edition=edition, user=secretary)
    return edition_approve(edition=edition, user=director)


@pytest.fixture
def in_force(organization, department, secretary, director):
    document = _document(organization, department, secretary, tthc_code="1.010814")
    _issue(document, secretary, director)
    document.refresh_from_db()
    return document


def test_a_new_edition_supersedes_the_old_one_only_when_approved(
    organization, department, secretary, director
):
    document = _document(organization, department, secretary)
    first = document.editions.get()
    with pytest.raises(DocumentError):  # nothing to read yet
        edition_submit(edition=first, user=secretary)
    _issue(document, secretary, director)
    document.refresh_from_db()
    assert (document.status, document.current_edition, first.number) == ("in_force", first, 1)

    second = edition_start(document=document, user=secretary)
    with pytest.raises(DocumentError):  # one edition in preparation at a time
        edition_start(document=document, user=secretary)
    edition_update(
        edition=second, expected_version=second.lock_version, user=secretary, files=[_pdf()]
    )
    with pytest.raises(DocumentError):  # a new edition says what it changes
        edition_submit(edition=second, user=secretary)
    second.changes = "Rút ngắn thời hạn thẩm định"
    second.save()
    edition_submit(edition=second, user=secretary)
    edition_return(edition=second, user=director, comment="Bổ sung căn cứ pháp lý")
    document.refresh_from_db()
    first.refresh_from_db()
    # Drafted, submitted, returned: the first edition is still the one in force.
    assert (document.current_edition, first.status, document.status) == (
        first,
        "approved",
        "in_force",
    )

    edition_submit(edition=second, user=secretary)
    edition_approve(edition=second, user=director, today=D(2023, 9, 4))
    for record in (document, first, second):
        record.refresh_from_db()
    assert (document.current_edition, first.status) == (second, "superseded")
    assert second.issued_on == D(2023, 9, 4)
    assert second.effective_on == D(2023, 9, 4)
    assert document.history.count() > 1
    assert second.history.exists()


def test_the_document_page_shows_every_edition_with_its_changes(
    client, in_force, secretary, director, make_member, department
):
    second = edition_start(document=in_force, user=secretary)
    second.changes = "Bổ sung biểu mẫu"
    second.save()
    staff = make_member(Role.STAFF, department=department)
    client.force_login(staff)
    content = client.get(in_force.get_absolute_url()).content.decode()
    assert "Lần ban hành 1" in content
    assert "Lần ban hành 2" not in content  # a draft is read by those who write it
    _issue(in_force, secretary, director, changes="Bổ sung biểu mẫu")
    content = client.get(in_force.get_absolute_url()).content.decode()
    assert "Lần ban hành 2" in content
    assert "Bổ sung biểu mẫu" in content
    assert "Đã được thay thế" in content  # the first edition, still readable


def test_approval_makes_the_periodic_review_a_work_item_of_the_owner_unit(
    organization, department, secretary, director
):
    document = _document(organization, department, secretary, review_months=3)
    _issue(document, secretary, director, issued=D(2023, 3, 1))
    document.refresh_from_db()
    assert document.next_review_on == D(2023, 6, 1)
    item = document.review_item
    assert (item.department, item.due_date, item.is_open) == (department, D(2023, 6, 1), True)
    assert item.title.startswith("QT-05")
    assert item.source_url == document.get_absolute_url()


def test_recording_a_review_closes_its_item_and_schedules_the_next(in_force, secretary, department):
    first_item = in_force.review_item
    document = document_review_record(
        document=in_force, user=secretary, reviewed_on=D(2023, 8, 10), note="Còn phù hợp"
    )
    first_item.refresh_from_db()
    assert (first_item.status, first_item.note) == ("done", "Còn phù hợp")
    assert document.next_review_on == D(2024, 2, 10)
    assert document.review_item != first_item
    assert document.review_item.due_date == load_calendar().next_working_day(D(2024, 2, 10))
    assert WorkItem.objects.filter(department=department).open().count() == 1


def test_a_review_item_is_closed_on_the_document_page_not_from_the_unit_work(
    client, in_force, make_member, department
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    response = client.get(reverse("plans:work_item_detail", args=[in_force.review_item.pk]))
    assert not response.context["can_complete"]
    assert in_force.get_absolute_url() in response.content.decode()
    response = client.post(
        in_force.get_absolute_url(), {"reviewed_on": "2023-08-10", "note": "Còn phù hợp"}
    )
    assert response.status_code == 302
    in_force.refresh_from_db()
    assert in_force.next_review_on == D(2024, 2, 10)


def test_withdrawing_keeps_the_document_and_drops_its_next_review(in_force, secretary):
    item = in_force.review_item
    document_withdraw(document=in_force, user=secretary)
    item.refresh_from_db()
    in_force.refresh_from_db()
    assert (in_force.status, item.status) == ("withdrawn", "not_applicable")
    assert in_force.editions.get().status == "approved"  # still readable
    with pytest.raises(DocumentError):
        document_withdraw(document=in_force, user=secretary)


def _external(organization, secretary, affects, **fields):
    fields = {
        "number": "55/2023/NĐ-CP",
        "issued_on": D(2023, 7, 21),
        "issuer": "Chính phủ",
        "title": "Sửa đổi Nghị định 75/2021/NĐ-CP",
        "effective_on": D(2023, 9, 5),
        "received_on": D(2023, 7, 28),
        **fields,
    }
    return external_document_record(
        organization=organization, user=secretary, affects=affects, **fields
    )


def test_a_new_external_text_gives_each_owner_unit_an_update_item_three_months_on(
    organization, department, secretary, director, in_force
):
    office = DepartmentFactory(organization=organization, name="Văn phòng Sở")
    form = _document(organization, department, secretary, code="BM-QT05-01")
    guide = _document(organization, office, secretary, code="HD-01")
    external = _external(organization, secretary, [in_force, form, guide])
    items = {item.department: item for item in external.update_items.all()}
    due = load_calendar().next_working_day(D(2023, 12, 5))
    assert {unit: item.due_date for unit, item in items.items()} == {department: due, office: due}
    assert items[department].title == "55/2023/NĐ-CP: Sửa đổi Nghị định 75/2021/NĐ-CP"

    organization.document_update_months = 1
    organization.save()
    other = _external(organization, secretary, [guide], number="02/2023/TT-BNV")
    assert other.update_items.get().due_date == load_calendar().next_working_day(D(2023, 10, 5))


def test_an_external_text_is_the_event_waiting_plan_tasks_are_dated_by(
    organization, plan, secretary, director, in_force
):
    """It dates the plan of the year it was received in (2023), not last year's (2022)."""
    this_year = PlanFactory(organization=organization, year=2023)
    for each in (plan, this_year):
        add_task(each, timing="Trong vòng 30 ngày sau khi nhận được văn bản hướng dẫn mới")
        plan_submit(plan=each, user=secretary)
        plan_approve(plan=each, user=director)
    _external(organization, secretary, [in_force])
    dated = WorkItem.objects.filter(task__isnull=False, event__isnull=False)
    assert [(i.task.plan.year, i.due_date) for i in dated] == [(2023, D(2023, 8, 28))]
    assert WorkItem.objects.get(task__plan=plan).due_date is None  # 2022's still waits
    assert set(Event.objects.values_list("kind", "occurred_on")) >= {
        ("new_guidance", D(2023, 7, 28)),
        ("legal_text_effective", D(2023, 9, 5)),
    }


def test_an_external_text_affecting_nothing_yet_is_the_secretarys_to_check(
    organization, secretary, department, in_force
):
    external = _external(organization, secretary, [])
    item = external.update_items.get()
    assert (item.department, item.party) == (None, "iso_secretary")
    # Once linked, the owner unit takes it over; the secretary's untouched item goes.
    external_document_update(
        external=external,
        affects=[in_force],
        expected_version=external.lock_version,
        user=secretary,
    )
    assert [i.department for i in external.update_items.all()] == [department]
    assert not WorkItem.objects.filter(party="iso_secretary").exists()


def test_the_register_finds_documents_in_force_by_code_title_or_tthc(
    client, organization, department, secretary, make_member, in_force
):
    _document(organization, department, secretary, code="QT-09", title="Quy trình đang soạn")
    client.force_login(make_member(Role.STAFF))
    url = reverse("plans:document_list")

    def codes(**params):
        return [d.code for d in client.get(url, params).context["page"]]

    assert codes() == ["QT-05"]  # in force unless asked otherwise
    assert codes(q="qt-05") == codes(q="người có công") == codes(q="1.010814") == ["QT-05"]
    assert codes(q="không có") == []
    assert codes(status="all") == ["QT-05", "QT-09"]
    assert codes(status="draft") == ["QT-09"]


def test_everyone_downloads_the_current_file_and_only_writers_a_draft(
    client, organization, department, secretary, make_member, in_force, other_organization
):
    current = in_force.current_edition.files.get()
    draft = edition_start(document=in_force, user=secretary)
    edition_update(edition=draft, expected_version=0, user=secretary, files=[_pdf("moi.pdf")])
    draft_file = draft.files.get()

    client.force_login(make_member(Role.STAFF))
    response = client.get(reverse("plans:document_file", args=[current.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 quy trinh"
    assert client.get(reverse("plans:document_file", args=[draft_file.pk])).status_code == 403

    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=department))
    assert client.get(reverse("plans:document_file", args=[draft_file.pk])).status_code == 200

    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(reverse("plans:document_file", args=[current.pk])).status_code == 404
    assert client.get(in_force.get_absolute_url()).status_code == 404


def test_only_the_secretary_and_the_owner_unit_change_the_register(
    client, organization, department, make_member, in_force, director
):
    other_unit = DepartmentFactory(organization=organization)
    edit = reverse("plans:document_edit", args=[in_force.pk])
    for user, status in [
        (make_member(Role.STAFF, department=department), 403),
        (make_member(Role.AUDITOR), 403),
        (make_member(Role.DEPARTMENT_HEAD, department=other_unit), 403),
        (director, 403),
        (make_member(Role.DEPARTMENT_HEAD, department=department), 200),
    ]:
        client.force_login(user)
        assert client.get(edit).status_code == status, user
    # A head adds documents of their own unit only.
    response = client.get(reverse("plans:document_create"))
    assert list(response.context["form"].fields["department"].queryset) == [department]
    client.force_login(make_member(Role.STAFF))
    assert client.get(reverse("plans:document_create")).status_code == 403


def test_the_leadership_approves_editions_and_nobody_else(
    client, organization, department, secretary, director, make_member
):
    document = _document(organization, department, secretary)
    edition = document.editions.get()
    edition_update(edition=edition, expected_version=0, user=secretary, files=[_pdf()])
    edition_submit(edition=edition, user=secretary)
    approve = reverse("plans:edition_approve", args=[edition.pk])
    for user in (secretary, make_member(Role.DEPARTMENT_HEAD, department=department)):
        client.force_login(user)
        assert client.post(approve).status_code == 403
    client.force_login(director)
    assert client.get(approve).status_code == 200  # the confirmation page
    assert client.post(approve).status_code == 302
    document.refresh_from_db()
    assert document.status == "in_force"


def test_only_the_secretary_records_external_texts(client, make_member, department):
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=department))
    url = reverse("plans:external_list")
    assert client.get(url).status_code == 200
    assert client.post(url, {"number": "1/2023/TT-BNV"}).status_code == 403


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("qt.exe", b"MZ....", "application/octet-stream"), "chỉ nhận tệp"),
        (SimpleUploadedFile("qt.xlsx", b"PK\x03\x04", ""), "chỉ nhận tệp"),
        (SimpleUploadedFile("qt.pdf", b"MZ....", "application/pdf"), "không thực sự là tệp PDF"),
        (SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), ""), "lớn hơn 10 MB"),
    ],
)
def test_edition_files_are_checked_and_what_was_typed_is_kept(
    client, organization, department, secretary, upload, message
):
    document = _document(organization, department, secretary)
    edition = document.editions.get()
    client.force_login(secretary)
    response = client.post(
        reverse("plans:edition_edit", args=[edition.pk]),
        {"changes": "Nội dung giữ lại", "lock_version": 0, "files": [upload]},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Nội dung giữ lại" in content
    assert not edition.files.exists()


def test_the_second_of_two_stale_edits_is_refused_and_keeps_what_was_typed(
    client, in_force, secretary, department
):
    client.force_login(secretary)
    url = reverse("plans:document_edit", args=[in_force.pk])
    data = {
        "code": "QT-05",
        "kind": "procedure",
        "department": department.pk,
        "review_months": 6,
        "next_review_on": "2023-10-02",
        "lock_version": in_force.lock_version,
    }
    assert client.post(url, {**data, "title": "Tên thứ nhất"}).status_code == 302
    response = client.post(url, {**data, "title": "Tên thứ hai"})
    assert response.status_code == 200
    assert response.context["conflict"].title == "Tên thứ nhất"
    assert "Tên thứ hai" in response.content.decode()
    in_force.refresh_from_db()
    assert in_force.title == "Tên thứ nhất"
    # Moving the next review by hand moves its work item.
    assert in_force.review_item.due_date == D(2023, 10, 2)


def test_a_code_is_used_once_per_organization(client, in_force, secretary, department):
    client.force_login(secretary)
    response = client.post(
        reverse("plans:document_create"),
        {"code": "qt-05", "title": "Trùng mã", "kind": "form", "department": department.pk},
    )
    assert "đã được dùng cho một tài liệu khác" in response.content.decode()
    assert Document.objects.count() == 1


def test_register_query_counts_do_not_grow_with_documents(
    client, organization, department, secretary, director, in_force, django_assert_max_num_queries
):
    client.force_login(secretary)
    pages = [reverse("plans:document_list"), reverse("plans:external_list")]

    def counts():
        result = []
        for url in pages:
            with django_assert_max_num_queries(12) as captured:
                assert client.get(url, {"status": "all"}).status_code == 200
            result.append(len(captured))
        return result

    _external(organization, secretary, [in_force])
    few = counts()
    for n in range(8):
        document = _document(organization, department, secretary, code=f"BM-{n:02d}")
        _issue(document, secretary, director)
        _external(organization, secretary, [document, in_force], number=f"{n}/2023/TT-BNV")
    assert counts() == few


def test_review_interval_reaches_the_next_review_from_the_effective_date(
    organization, department, secretary, director
):
    document = _document(organization, department, secretary, review_months=12)
    edition = document.editions.get()
    edition.issued_on, edition.effective_on = D(2023, 1, 10), D(2023, 2, 1)
    edition.save()
    _issue(document, secretary, director, issued=D(2023, 1, 10))
    document.refresh_from_db()
    assert document.next_review_on == D(2023, 2, 1) + relativedelta(months=12)
