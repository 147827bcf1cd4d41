"""Context of the organization: issues and interested parties per year, copied from last year."""

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.choices import Role
from plans.risks.choices import ContextKind
from plans.risks.models import ContextEntry
from plans.risks.services import RiskError, context_copy

pytestmark = pytest.mark.django_db


def _entry(organization, year=2022, kind=ContextKind.EXTERNAL, **fields):
    fields = {
        "subject": f"Nghị định mới năm {year} về thủ tục hành chính",
        "detail": "Quy trình phải cập nhật",
        **fields,
    }
    return ContextEntry.objects.create(organization=organization, year=year, kind=kind, **fields)


def test_the_secretary_copies_last_years_context_with_years_moved(organization, secretary):
    _entry(organization, response="Theo dõi đến hết năm 2022")
    _entry(organization, kind=ContextKind.PARTY, subject="Người dân, doanh nghiệp")
    removed = _entry(organization, subject="Đã bỏ")
    removed.deleted_at = timezone.now()
    removed.save()
    assert context_copy(organization=organization, year=2023, user=secretary) == 2
    copied = ContextEntry.objects.filter(year=2023).order_by("kind")
    assert [(e.kind, e.subject) for e in copied] == [
        ("external", "Nghị định mới năm 2023 về thủ tục hành chính"),
        ("party", "Người dân, doanh nghiệp"),
    ]
    assert copied[0].response == "Theo dõi đến hết năm 2023"
    assert copied[0].history.first().history_user == secretary
    with pytest.raises(RiskError):  # once only
        context_copy(organization=organization, year=2023, user=secretary)
    with pytest.raises(RiskError):  # nothing to copy
        context_copy(organization=organization, year=2030, user=secretary)


def test_the_page_offers_the_copy_and_copies_on_post(client, organization, secretary):
    _entry(organization)
    client.force_login(secretary)
    url = reverse("plans:context_detail", args=[2023])
    assert reverse("plans:context_copy", args=[2023]) in client.get(url).content.decode()
    response = client.post(reverse("plans:context_copy", args=[2023]))
    assert response.status_code == 302
    assert "Nghị định mới năm 2023" in client.get(url).content.decode()


def test_only_the_secretary_writes_the_context(
    client, organization, other_organization, department, make_member
):
    entry = _entry(organization)
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(head)
    assert client.get(reverse("plans:context_detail", args=[2022])).status_code == 200
    add = reverse("plans:context_entry_add", args=[2022, "internal"])
    assert client.get(add).status_code == 403
    assert client.post(add, {"subject": "x", "detail": "y"}).status_code == 403
    assert client.get(reverse("plans:context_entry_edit", args=[entry.pk])).status_code == 403
    assert client.post(reverse("plans:context_entry_remove", args=[entry.pk])).status_code == 403
    assert client.post(reverse("plans:context_copy", args=[2023])).status_code == 403
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(reverse("plans:context_entry_edit", args=[entry.pk])).status_code == 404
    assert (
        entry.subject
        not in client.get(reverse("plans:context_detail", args=[2022])).content.decode()
    )


def test_adding_editing_and_removing_an_entry(client, organization, secretary):
    client.force_login(secretary)
    add = reverse("plans:context_entry_add", args=[2022, "party"])
    assert client.post(add, {"subject": "UBND tỉnh", "detail": ""}).status_code == 200  # needed
    response = client.post(add, {"subject": "UBND tỉnh", "detail": "Báo cáo đúng hạn"})
    assert response.status_code == 302
    entry = ContextEntry.objects.get()
    edit = reverse("plans:context_entry_edit", args=[entry.pk])
    client.post(edit, {"subject": "UBND tỉnh", "detail": "Báo cáo 6 tháng", "lock_version": 0})
    stale = client.post(edit, {"subject": "UBND tỉnh", "detail": "Bản cũ", "lock_version": 0})
    assert stale.status_code == 200
    assert "Bản cũ" in stale.content.decode()  # what was typed is kept
    assert "Báo cáo 6 tháng" in stale.content.decode()  # what is saved is shown
    remove = reverse("plans:context_entry_remove", args=[entry.pk])
    assert client.get(remove).status_code == 200  # asks first
    client.post(remove)
    entry.refresh_from_db()
    assert entry.deleted_at is not None  # kept in the records
    page = client.get(reverse("plans:context_detail", args=[2022])).content.decode()
    assert "Báo cáo 6 tháng" not in page
