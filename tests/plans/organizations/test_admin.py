import pytest
from django.urls import reverse

from plans.choices import DepartmentKind, Role
from plans.models import Department, Membership, Organization
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["organization", "department", "membership", "user", "historicalorganization"]
)
def test_the_administrator_lists_searches_and_filters(client, admin_user, department, model):
    if model.startswith("historical"):
        url = reverse("admin:plans_organization_history", args=[department.organization_id])
        client.force_login(admin_user)
        assert client.get(url).status_code == 200
        return
    client.force_login(admin_user)
    url = reverse(f"admin:plans_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "Người"}).status_code == 200


def test_the_admin_speaks_vietnamese(client, admin_user):
    client.force_login(admin_user)
    content = client.get(reverse("admin:index")).content.decode()
    assert "Cơ quan" in content
    assert "Đơn vị" in content


def test_the_administrator_creates_an_organization_with_its_units(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:plans_organization_add"),
        {
            "name": "Sở Nội vụ",
            "kind": "department",
            "province": "Đồng Tháp",
            "is_active": "on",
            "parent_authority": "UBND TỈNH TRÀ VINH",
            "header_name": "",
            "document_symbol": "SNV",
            "place_name": "Trà Vinh",
            "address": "",
            "reminder_time": "07:30",
            "reminder_offsets": "7,3,1,0",
            "escalation_days": "3",
            "critical_days": "14",
            "measurement_due_days": "10",
            "document_update_months": "3",
            "risk_likelihood_levels": "5",
            "risk_impact_levels": "5",
            "risk_medium_from": "5",
            "risk_high_from": "10",
            "onboarding_days": "10",
            "certificate_notice_days": "60",
            "departments-TOTAL_FORMS": "1",
            "departments-INITIAL_FORMS": "0",
            "departments-0-name": "Văn phòng Sở",
            "departments-0-kind": DepartmentKind.OFFICE,
            "departments-0-order": "1",
            "departments-0-is_active": "on",
            "former_names-TOTAL_FORMS": "0",
            "former_names-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organization = Organization.objects.get(name="Sở Nội vụ")
    assert organization.header_line == "SỞ NỘI VỤ"
    assert list(organization.departments.values_list("name", flat=True)) == ["Văn phòng Sở"]
    assert organization.history.count() == 1


def test_a_head_added_on_the_department_page_belongs_to_its_organization(
    client, admin_user, department
):
    person = UserFactory(username="hung")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:plans_department_change", args=[department.pk]),
        {
            "organization": department.organization_id,
            "name": department.name,
            "kind": department.kind,
            "order": department.order,
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": person.pk,
            "memberships-0-role": Role.DEPARTMENT_HEAD,
            "former_names-TOTAL_FORMS": "0",
            "former_names-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=person)
    assert membership.organization_id == department.organization_id
    assert membership.department == department
    changelist = client.get(reverse("admin:plans_department_changelist")).content.decode()
    assert person.full_name in changelist


@pytest.mark.parametrize("role", [Role.ISO_SECRETARY, Role.DIRECTOR, Role.STAFF])
def test_the_admin_is_refused_to_everyone_else(client, make_member, role):
    client.force_login(make_member(role))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    response = client.get(reverse("admin:plans_organization_changelist"))
    assert response.status_code == 302


def test_the_department_list_does_not_query_per_row(
    client, admin_user, organization, django_assert_max_num_queries
):
    for _ in range(20):
        DepartmentFactory(organization=organization)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        client.get(reverse("admin:plans_department_changelist"))
    assert Department.objects.count() == 20


def test_the_people_list_shows_roles_without_a_query_per_person(
    client, admin_user, make_member, department, django_assert_max_num_queries
):
    for _ in range(15):
        make_member(Role.DEPARTMENT_HEAD, department=department)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:plans_user_changelist"))
    assert response.content.decode().count("Trưởng đơn vị – Phòng Người có công") == 15


def test_the_administrator_sets_an_organizations_reminders(client, admin_user, organization):
    client.force_login(admin_user)
    page = client.get(reverse("admin:plans_organization_change", args=[organization.pk]))
    content = page.content.decode()
    for field in (
        "reminder_time",
        "reminder_offsets",
        "escalation_days",
        "measurement_due_days",
        "onboarding_days",
    ):
        assert f'name="{field}"' in content
