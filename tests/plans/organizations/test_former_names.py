"""Names in time: a renamed agency or unit keeps its former names with the day they lasted
until, and each paper prints the name in force on its day — a plan of 2022 still prints
"SỞ LAO ĐỘNG – TB&XH" after the department became part of another."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from plans.choices import PlanStatus
from plans.letterhead import letterhead
from plans.models import DepartmentName, OrganizationName, Plan
from plans.planning.layout import plan_layout
from plans.planning.selectors import plan_tasks
from plans.planning.services.task import UnitRef
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2025, 3, 1, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Việt Nam


def _pdf_text(client, plan) -> str:
    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_merged_agency_prints_its_past_plan_under_its_old_name(client):
    call_command("load_demo", "--seed-years-only", stdout=io.StringIO())
    client.post(reverse("login"), {"username": "thuky", "password": "isoplan-demo"})
    past = Plan.objects.get(organization__document_symbol="SLĐTBXH", year=2022)
    agency = past.organization
    with time_machine.travel(TODAY, tick=False):
        agency.name = "Sở Nội vụ"
        agency.header_name = "SỞ NỘI VỤ"
        agency.document_symbol = "SNV"
        agency.save()
    (former,) = OrganizationName.objects.filter(organization=agency)
    assert former.name == "Sở Lao động – Thương binh và Xã hội"
    assert former.document_symbol == "SLĐTBXH"
    assert former.until == datetime.date(2025, 2, 28)  # the new name is in force from today

    text = _pdf_text(client, past)
    assert "SỞ LAO ĐỘNG – TB&XH" in text
    assert "SỞ NỘI VỤ" not in text
    draft = PlanFactory(organization=agency, year=2026, status=PlanStatus.DRAFT, symbol="KH-SNV")
    assert "SỞ NỘI VỤ" in _pdf_text(client, draft)

    # A report prints the name of its year: the annual report of 2022 the old one.
    assert letterhead(agency, kind="BÁO CÁO", symbol="BC", title="", year=2022).agency == (
        former.header_name or former.name.upper()
    )
    this_year = letterhead(agency, kind="BÁO CÁO", symbol="BC", title="", year=2099)
    assert (this_year.agency, this_year.number) == ("SỞ NỘI VỤ", "Số:       /BC-SNV")


def test_a_renamed_unit_keeps_its_name_on_the_plans_signed_before(organization, department):
    signed = PlanFactory(organization=organization, issued_on=datetime.date(2022, 1, 5))
    draft = PlanFactory(organization=organization, year=2026)
    for plan in (signed, draft):
        add_task(plan, timing="", leads=[UnitRef(department_id=department.pk)])
    Plan.objects.filter(pk=signed.pk).update(status=PlanStatus.APPROVED)
    signed.refresh_from_db()
    with time_machine.travel(TODAY, tick=False):
        department.name = "Phòng Chính sách người có công"
        department.save()

    def lead(plan) -> str:
        layout = plan_layout(plan, list(plan_tasks(plan)), [])
        (row,) = layout.task_rows
        keys = [c.key for c in layout.columns]
        return row[1][keys.index("lead" if "lead" in keys else "units")]

    assert lead(signed) == "Phòng Người có công"
    assert lead(draft) == "Phòng Chính sách người có công"


def test_renamed_twice_in_a_day_keeps_the_name_that_was_in_force(department):
    with time_machine.travel(TODAY, tick=False):
        for name in ("Phòng A", "Phòng B"):
            department.name = name
            department.save()
        department.save()  # saved without a change: no name kept
    assert list(DepartmentName.objects.values_list("name", "until")) == [
        ("Phòng Người có công", datetime.date(2025, 2, 28))
    ]
    assert department.name_on(datetime.date(2025, 2, 28)) == "Phòng Người có công"
    assert department.name_on(datetime.date(2025, 3, 1)) == "Phòng B"
    assert department.name_on(None) == "Phòng B"


def test_a_unit_renamed_in_the_admin_lists_its_former_name(client, admin_user, department):
    client.force_login(admin_user)
    url = reverse("admin:plans_department_change", args=[department.pk])
    fields = {
        "organization": department.organization_id,
        "kind": department.kind,
        "order": department.order,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "former_names-TOTAL_FORMS": "0",
        "former_names-INITIAL_FORMS": "0",
    }
    with time_machine.travel(TODAY, tick=False):
        response = client.post(url, {**fields, "name": "Phòng Chính sách người có công"})
    assert response.status_code == 302, response.content.decode()[:2000]
    (former,) = department.former_names.all()
    assert (former.name, former.until) == ("Phòng Người có công", datetime.date(2025, 2, 28))
    # The page lists it, where the day can be corrected.
    assert 'value="Phòng Người có công"' in client.get(url).content.decode()
