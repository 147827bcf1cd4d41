"""The secretary creates the plan (blank or from last year) and edits every part of it."""

import pytest
from django.urls import reverse

from plans.choices import PlanStatus, Role
from plans.models import Plan
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from tests.factories import DepartmentFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db


def test_the_secretary_creates_a_blank_plan(client, secretary, organization):
    client.force_login(secretary)
    response = client.post(reverse("plans:plan_create"), {"year": 2024, "start_from": "blank"})
    plan = Plan.objects.get(organization=organization, year=2024)
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.status == PlanStatus.DRAFT
    assert plan.symbol == f"KH-{organization.document_symbol}"
    assert "năm 2024" in plan.title
    assert "19/2014/QĐ-TTg" in plan.legal_bases


def test_copy_from_last_year_moves_dates_and_carries_nothing_done(
    client, secretary, director, organization, department
):
    last = PlanFactory(
        organization=organization,
        year=2022,
        number="04",
        legal_bases="Căn cứ Kế hoạch số 326/KH-UBND ngày 09/11/2021 của UBND tỉnh;",
    )
    last.duties.create(order=1, unit="Văn phòng Sở", duties="- Tổng hợp báo cáo năm 2022")
    add_task(
        last,
        content="Báo cáo kết quả thực hiện MTCL năm 2022",
        timing="Trước ngày 20/10/2022",
        output="Báo cáo năm 2022",
        supports=[UnitRef(department_id=department.pk)],
    )
    add_task(last, content="Họp xem xét của lãnh đạo", timing="Quý III/2022")
    plan_submit(plan=last, user=secretary)
    plan_approve(plan=last, user=director)

    client.force_login(secretary)
    client.post(reverse("plans:plan_create"), {"year": 2023, "start_from": "copy"})
    new = Plan.objects.get(organization=organization, year=2023)
    assert new.status == PlanStatus.DRAFT
    assert new.transitions.count() == 0
    assert new.number == ""
    assert new.issued_on is None
    assert new.title.endswith("năm 2023")
    assert new.legal_bases == last.legal_bases  # legal bases cite fixed documents
    assert new.duties.get().duties == "- Tổng hợp báo cáo năm 2023"
    tasks = list(new.tasks.order_by("order"))
    assert [t.timing_text for t in tasks] == ["Trước ngày 20/10/2023", "Quý III/2023"]
    assert tasks[0].content == "Báo cáo kết quả thực hiện MTCL năm 2023"
    assert tasks[0].output == "Báo cáo năm 2023"
    assert [a.label for a in tasks[0].leads] == ["Thư ký ISO"]
    assert [a.department for a in tasks[0].supports] == [department]
    # Last year's plan is untouched.
    last.refresh_from_db()
    assert last.status == PlanStatus.APPROVED
    assert last.tasks.first().timing_text == "Trước ngày 20/10/2022"


def test_copy_without_last_years_plan_says_so(client, secretary):
    client.force_login(secretary)
    response = client.post(reverse("plans:plan_create"), {"year": 2030, "start_from": "copy"})
    assert "Không có kế hoạch năm 2029 để sao chép" in response.content.decode()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1999", "Hãy nhập năm từ 2000 đến 2100"),
        ("2101", "Hãy nhập năm từ 2000 đến 2100"),
        ("hai không", "Hãy nhập năm từ 2000 đến 2100"),
        ("", "Trường này là bắt buộc"),
        ("2022", "Đã có kế hoạch năm 2022"),
    ],
)
def test_a_bad_year_is_refused_next_to_the_field(client, secretary, plan, year, message):
    client.force_login(secretary)
    response = client.post(reverse("plans:plan_create"), {"year": year, "start_from": "blank"})
    assert message in response.content.decode()
    assert Plan.objects.count() == 1


def test_only_the_secretary_creates_plans(client, director):
    client.force_login(director)
    assert client.get(reverse("plans:plan_create")).status_code == 403


def _document_data(plan, **overrides):
    data = {
        "lock_version": plan.lock_version,
        "number": "",
        "symbol": plan.symbol,
        "place": plan.place,
        "issued_on": "",
        "title": plan.title,
        "legal_bases": "Căn cứ A;\nCăn cứ B.",
        "introduction": "",
        "purposes": "- Mục đích 1",
        "requirements": "- Yêu cầu 1",
        "scope": "Toàn bộ các phòng",
        "closing": "Trên đây là kế hoạch./.",
        "recipients": "- Các phòng;\n- Lưu: VT.",
        "signing_authority": "KT.",
        "signer_title": "GIÁM ĐỐC",
        "signer_deputy_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Lê Thị Hoa Nàng",
        "table_layout": "split",
        "table_labels": "",
        "number_style": "1",
        "duties-TOTAL_FORMS": "1",
        "duties-INITIAL_FORMS": "0",
        "duties-MIN_NUM_FORMS": "0",
        "duties-MAX_NUM_FORMS": "1000",
        "duties-0-order": "1",
        "duties-0-unit": "Ban Chỉ đạo ISO",
        "duties-0-duties": "- Theo dõi, đôn đốc",
    }
    data.update(overrides)
    return data


def test_the_secretary_edits_every_part_of_the_document(client, secretary, plan):
    client.force_login(secretary)
    response = client.post(reverse("plans:plan_edit", args=[plan.pk]), _document_data(plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.legal_basis_list == ["Căn cứ A;", "Căn cứ B."]
    assert plan.recipient_list == ["- Các phòng;", "- Lưu: VT."]
    assert plan.duties.get().unit == "Ban Chỉ đạo ISO"
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    for text in ["Căn cứ B.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Hoa Nàng", "Ban Chỉ đạo ISO"]:
        assert text in page


def test_a_duplicate_number_is_refused_and_the_typing_kept(client, secretary, plan):
    PlanFactory(organization=plan.organization, year=plan.year, version=2, number="04")
    client.force_login(secretary)
    response = client.post(
        reverse("plans:plan_edit", args=[plan.pk]),
        _document_data(plan, number="04", scope="Phạm vi mới gõ"),
    )
    content = response.content.decode()
    assert "Số 04 đã được dùng cho một kế hoạch khác năm 2022" in content
    assert "Phạm vi mới gõ" in content
    plan.refresh_from_db()
    assert plan.scope == ""


def test_the_second_of_two_concurrent_saves_is_refused(client, secretary, make_member, plan):
    other = make_member(Role.ISO_SECRETARY, username="thuky2")
    url = reverse("plans:plan_edit", args=[plan.pk])
    client.force_login(other)
    assert client.post(url, _document_data(plan, scope="Bản của người thứ nhất")).status_code == 302

    client.force_login(secretary)  # opened the form before the first save: same lock_version
    response = client.post(url, _document_data(plan, scope="Bản của người thứ hai"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Người khác đã lưu kế hoạch này" in content
    assert "Bản của người thứ hai" in content  # what they typed is kept
    plan.refresh_from_db()
    assert plan.scope == "Bản của người thứ nhất"

    # Saving again is a deliberate overwrite.
    response = client.post(url, _document_data(plan, scope="Bản của người thứ hai"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.scope == "Bản của người thứ hai"


def test_a_unit_list_offers_only_the_organizations_units(client, secretary, plan, department):
    foreign = DepartmentFactory(name="Phòng của Sở khác")
    client.force_login(secretary)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert department.name in page
    assert foreign.name not in page


def test_the_layout_form_helps_with_the_agencys_own_symbol_and_a_place_name(
    client, make_member, other_organization
):
    """The symbol's example is the agency's own ("KH-STNMT"), the place's a place ("Đồng Tháp",
    "TP. Cao Lãnh"), never a unit such as "Văn phòng Sở"."""
    secretary = make_member(Role.ISO_SECRETARY, org=other_organization)
    plan = PlanFactory(organization=other_organization, year=2024)
    client.force_login(secretary)
    response = client.get(reverse("plans:plan_edit", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    form = response.context["form"]
    assert "“KH-STNMT” trong “Số: 04/KH-STNMT”" in form["symbol"].help_text
    assert "Đồng Tháp" in form["place"].help_text
    assert "TP. Cao Lãnh" in form["place"].help_text
    assert "Văn phòng Sở" not in form["place"].help_text
    page = response.content.decode()
    assert "KH-STNMT” trong" in page
