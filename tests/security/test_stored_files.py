"""Uploaded files: never served by their path, missing ones are a clear 404, and what one
request may carry is limited (per file, per form, per request)."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

from plans.choices import Role
from plans.models import WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from tests.factories import add_task

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def unit_item(plan, secretary, director, department):
    add_task(plan, timing="Trước ngày 20/10/2022", leads=[UnitRef(department_id=department.pk)])
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    return WorkItem.objects.get()


@pytest.fixture
def head(make_member, department):
    return make_member(Role.DEPARTMENT_HEAD, department=department)


def _pdf(name="bien-ban.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * (size - 9), "application/pdf")


def _close_with(client, item, files):
    url = reverse("plans:work_item_detail", args=[item.pk])
    return client.post(url, {"note": "Đã xong", "files": files})


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def quick_start_urls(settings, media):
    """The URL table as the quick start (DEBUG on) builds it."""
    settings.DEBUG = True
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    yield
    settings.DEBUG = False
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))


def test_evidence_is_not_served_by_its_path_even_in_the_quick_start(
    client, unit_item, head, make_member, other_organization, quick_start_urls, settings, media
):
    client.force_login(head)
    assert _close_with(client, unit_item, [_pdf()]).status_code == 302
    evidence = unit_item.evidence.get()
    assert (media / evidence.file.name).exists()
    outsider = make_member(Role.ISO_SECRETARY, org=other_organization)
    client.force_login(outsider)
    assert client.get(f"{settings.MEDIA_URL}{evidence.file.name}").status_code == 404
    assert client.get(reverse("plans:evidence_download", args=[evidence.pk])).status_code == 404
    client.force_login(head)
    assert client.get(reverse("plans:evidence_download", args=[evidence.pk])).status_code == 200


def test_a_file_missing_on_disk_is_a_404_that_says_so(client, unit_item, head, media):
    client.force_login(head)
    _close_with(client, unit_item, [_pdf("Biên bản họp.pdf")])
    evidence = unit_item.evidence.get()
    (media / evidence.file.name).unlink()
    response = client.get(reverse("plans:evidence_download", args=[evidence.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy tệp" in page
    assert "Biên bản họp.pdf" in page


def test_many_files_in_one_form_are_limited_in_all(client, unit_item, head, settings, media):
    """Each under the per-file limit, together over the form's limit: refused with a message,
    the note kept, nothing stored, the item still open."""
    settings.MAX_REQUEST_BYTES = 100 * MB  # the form's own limit is what this test is about
    client.force_login(head)
    files = [_pdf(f"tep-{n}.pdf", 9 * MB) for n in range(3)]
    response = _close_with(client, unit_item, files)
    assert response.status_code == 200
    page = response.content.decode()
    assert "lớn hơn 20 MB" in page
    assert "Đã xong" in page
    unit_item.refresh_from_db()
    assert unit_item.status != "done"
    assert not unit_item.evidence.exists()
    assert not any(media.rglob("*.pdf"))


def test_a_request_over_the_limit_is_refused_before_it_is_read(client, unit_item, head, media):
    client.force_login(head)
    files = [_pdf(f"tep-{n}.pdf", 9 * MB) for n in range(3)]  # 27 MB > 25 MB
    response = _close_with(client, unit_item, files)
    assert response.status_code == 413
    assert "Yêu cầu quá lớn" in response.content.decode()
    unit_item.refresh_from_db()
    assert unit_item.status != "done"
