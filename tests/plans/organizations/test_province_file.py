"""A province's agencies loaded from a file and kept in step with a later one (issue 28, point
3): departments and communes, a preview first, renames keeping the former names."""

import csv
import io

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from plans.choices import OrganizationKind
from plans.models import Organization, OrganizationName
from tests.factories import DepartmentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
URL = "admin:plans_organization_province_file"
HEADINGS = ["Mã", "Tên cơ quan", "Loại", "Cơ quan chủ quản", "Ký hiệu", "Địa danh"]


def province_rows(departments=20, communes=280) -> list[list[str]]:
    rows = [
        [
            f"S{n:02d}",
            f"Sở Thử nghiệm số {n}",
            "Sở, ban, ngành",
            "UBND TỈNH ĐỒNG THÁP",
            f"ST{n}",
            "",
        ]
        for n in range(1, departments + 1)
    ]
    rows += [
        [f"{30000 + n}", f"UBND xã Thử nghiệm {n}", "Xã" if n % 3 else "Phường", "", f"X{n}", ""]
        for n in range(1, communes + 1)
    ]
    return rows


def as_csv(rows, headings=HEADINGS) -> SimpleUploadedFile:
    text = io.StringIO()
    csv.writer(text).writerows([headings, *rows])
    return SimpleUploadedFile("danh-sach.csv", text.getvalue().encode("utf-8-sig"), "text/csv")


def as_xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in [HEADINGS, *rows]:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    return SimpleUploadedFile("danh-sach.xlsx", content.getvalue())


def preview(client, upload, province="Đồng Tháp"):
    return client.post(reverse(URL), {"province": province, "file": upload})


def confirm(client, page):
    return client.post(reverse(URL), {"confirmed": page.context["confirmed"]})


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def test_a_province_of_300_agencies_loads_then_follows_a_later_list(admin):
    rows = province_rows()
    page = preview(admin, as_csv(rows))
    changes = page.context["changes"]
    assert (len(changes.added), len(changes.renamed), changes.errors) == (300, 0, [])
    assert Organization.objects.count() == 0  # nothing before the confirmation
    response = confirm(admin, page)
    assert response.status_code == 302
    agencies = Organization.objects.filter(province="Đồng Tháp")
    assert agencies.count() == 300
    assert agencies.filter(kind=OrganizationKind.COMMUNE).count() == 280
    assert agencies.get(code="S01").place_name == "Đồng Tháp"  # the province when not given

    # The list of the next year: two departments merged under a new name, one commune renamed,
    # two communes added, one no longer in it.
    later = [list(r) for r in rows if r[0] != "30280"]
    later[0][1:5] = ["Sở Nội vụ", "Sở, ban, ngành", "UBND TỈNH ĐỒNG THÁP", "SNV"]
    later[25][1] = "UBND phường Thử nghiệm 6"
    later += [
        ["40001", "UBND xã Mới 1", "Xã", "", "XM1", ""],
        ["40002", "UBND xã Mới 2", "", "", "XM2", ""],
    ]
    page = preview(admin, as_xlsx(later))
    changes = page.context["changes"]
    assert len(changes.added) == 2
    assert len(changes.renamed) == 2
    assert changes.unchanged == 297
    assert [a.code for a in changes.absent] == ["30280"]
    text = page.content.decode()
    assert "Sở Thử nghiệm số 1 (ST1)" in text
    assert "Sở Nội vụ (SNV)" in text
    confirm(admin, page)
    renamed = Organization.objects.get(code="S01")
    assert (renamed.name, renamed.document_symbol) == ("Sở Nội vụ", "SNV")
    (former,) = OrganizationName.objects.filter(organization=renamed)
    assert (former.name, former.document_symbol) == ("Sở Thử nghiệm số 1", "ST1")
    assert Organization.objects.get(code="40002").kind == OrganizationKind.COMMUNE  # by its name
    assert Organization.objects.get(code="30280").is_active  # left for the administrator
    assert Organization.objects.count() == 302


def test_a_list_with_errors_changes_nothing_and_says_where(admin):
    rows = [
        *province_rows(2, 2),
        ["S01", "Sở trùng mã", "Sở", "", "TM", ""],
        ["S09", "", "Sở", "", "K", ""],
        ["S10", "Trung tâm X", "Hợp tác xã?", "", "TTX", ""],
    ]
    page = preview(admin, as_csv(rows))
    errors = page.context["changes"].errors
    assert errors == [
        "Dòng 6: mã S01 đã có ở dòng 2.",
        "Dòng 7: Tên cơ quan để trống.",
        "Dòng 8: không hiểu loại “Hợp tác xã?” (Sở/ban/ngành, xã/phường, khác).",
    ]
    assert "confirmed" not in page.context
    assert 'id="province-errors"' in page.content.decode()
    assert Organization.objects.count() == 0
    page = preview(admin, as_csv(province_rows(1, 0), headings=["Mã", "Tên", "Loại"]))
    assert page.context["changes"].errors == ["Thiếu cột: Ký hiệu (dòng đầu tiên ghi tên các cột)."]


def test_communes_share_names_across_provinces_never_within_one(admin):
    OrganizationFactory(name="UBND xã An Bình", province="Vĩnh Long", code="1", document_symbol="A")
    page = preview(admin, as_csv([["2", "UBND xã An Bình", "Xã", "", "AB", ""]]))
    assert page.context["changes"].errors == []
    confirm(admin, page)
    assert Organization.objects.filter(name="UBND xã An Bình").count() == 2
    page = preview(admin, as_csv([["3", "UBND xã An Bình", "Xã", "", "AB2", ""]]))
    assert page.context["changes"].errors == [
        "Dòng 2: một cơ quan khác của tỉnh đã mang tên “UBND xã An Bình”."
    ]


def test_a_tampered_confirmation_is_refused(admin):
    forged = signing.dumps({"province": "Đồng Tháp", "rows": []}, salt="other")
    response = admin.post(reverse(URL), {"confirmed": forged}, follow=True)
    assert "Bản xem trước đã quá cũ" in response.content.decode()


def test_only_the_administrator_loads_a_list(client, make_member):
    from plans.choices import Role

    client.force_login(make_member(Role.PROVINCE_COORDINATOR))
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


def test_the_command_previews_then_applies(tmp_path):
    path = tmp_path / "tinh.csv"
    path.write_bytes(as_csv(province_rows(3, 3)).read())
    out = io.StringIO()
    call_command("load_province", str(path), "--province", "Đồng Tháp", stdout=out)
    assert "6 added" in out.getvalue()
    assert Organization.objects.count() == 0
    call_command("load_province", str(path), "--province", "Đồng Tháp", "--apply", stdout=out)
    assert Organization.objects.count() == 6
    path.write_bytes(as_csv([["S01", "", "Sở", "", "X", ""]]).read())
    with pytest.raises(CommandError):
        call_command("load_province", str(path), "--province", "Đồng Tháp", stdout=out)


def test_a_later_list_merges_agencies_after_a_preview(admin):
    rows = province_rows(departments=4, communes=3)
    confirm(admin, preview(admin, as_csv(rows)))
    labour = Organization.objects.get(code="S01")
    DepartmentFactory(organization=labour, name="Văn phòng")
    headings = [*HEADINGS, "Sáp nhập vào"]
    later = [[*row, ""] for row in rows]
    later[0][-1] = "S02"  # S01 merges into S02
    later[1][1] = "Sở Thử nghiệm hợp nhất"  # and S02 is renamed
    later[4][-1] = "30002"  # a commune merges into another (xã hợp nhất)
    page = preview(admin, as_csv(later, headings))
    changes = page.context["changes"]
    assert changes.errors == []
    assert [(a.code, r.merged_into) for a, r, _c in changes.merged] == [
        ("S01", "S02"),
        ("30001", "30002"),
    ]
    assert changes.merged[0][2]["units_new"] == 1  # the preview of each merge, as counted
    assert Organization.objects.get(code="S01").is_active  # nothing before the confirmation

    confirm(admin, page)
    merged = Organization.objects.get(code="S02")
    assert merged.name == "Sở Thử nghiệm hợp nhất"
    assert Organization.objects.get(code="S01").merged_into == merged
    assert Organization.objects.get(code="30001").merged_into.code == "30002"
    assert merged.departments.filter(name="Văn phòng").exists()
    # The same list again changes nothing.
    again = preview(admin, as_csv(later, headings)).context["changes"]
    assert (again.merged, again.renamed, again.added, again.errors) == ([], [], [], [])


def test_a_merge_into_an_agency_not_in_the_list_is_refused(admin):
    rows = province_rows(departments=2, communes=0)
    confirm(admin, preview(admin, as_csv(rows)))
    later = [[*rows[0], "S99"], [*rows[1], ""]]
    changes = preview(admin, as_csv(later, [*HEADINGS, "Sáp nhập vào"])).context["changes"]
    assert len(changes.errors) == 1
    assert "confirmed" not in preview(admin, as_csv(later, [*HEADINGS, "Sáp nhập vào"])).context
