"""Organization scoping and roles, decided in plans.organizations.access and plans.rules for every
view."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from plans.choices import Role
from plans.models import Department, Membership, Organization
from plans.organizations.access import get_object_for_user, has_role, visible_to
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_a_person_of_organization_a_gets_404_for_b(client, secretary, other_organization):
    client.force_login(secretary)
    url = reverse("plans:organization_detail", kwargs={"pk": other_organization.pk})
    assert client.get(url).status_code == 404


def test_a_member_sees_their_organization_units_and_people(
    client, make_member, organization, department, django_assert_max_num_queries
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department, full_name="Phạm Văn Hùng")
    for _ in range(5):
        DepartmentFactory(organization=organization)
        make_member(Role.STAFF, department=department)
    client.force_login(head)
    url = reverse("plans:organization_detail", kwargs={"pk": organization.pk})
    # Session, user, memberships, unread notifications, organization, leadership, units, their
    # people: none per unit (+2 for the savepoint of ATOMIC_REQUESTS).
    with django_assert_max_num_queries(10):
        response = client.get(url)
    content = response.content.decode()
    assert "Phòng Người có công" in content
    assert "Phạm Văn Hùng" in content


def test_visible_to_keeps_only_the_persons_organizations(
    secretary, organization, other_organization
):
    DepartmentFactory(organization=organization, name="A")
    DepartmentFactory(organization=other_organization, name="B")
    names = set(visible_to(Department.objects.all(), secretary).values_list("name", flat=True))
    assert names == {"A"}
    assert list(visible_to(Organization.objects.all(), secretary)) == [organization]


def test_get_object_for_user_raises_404_for_another_organizations_object(
    secretary, other_organization
):
    foreign = DepartmentFactory(organization=other_organization)
    with pytest.raises(Http404):
        get_object_for_user(Department, secretary, pk=foreign.pk)


def test_an_inactive_person_has_no_organization(secretary, organization):
    secretary.is_active = False
    assert visible_to(Organization.objects.all(), secretary).count() == 0
    assert not has_role(secretary, organization, {Role.ISO_SECRETARY})


def test_roles_are_answered_per_organization(make_member, organization, other_organization):
    director = make_member(Role.DIRECTOR)
    assert director.has_perm("plans.view_organization", organization)
    assert not director.has_perm("plans.view_organization", other_organization)
    assert has_role(director, organization, {Role.DIRECTOR, Role.DEPUTY_DIRECTOR})
    assert not has_role(director, other_organization, {Role.DIRECTOR})


def test_rules_predicates_know_department_heads(make_member, department, organization):
    from plans.rules import heads_department, is_iso_secretary, is_leader

    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    other_unit = DepartmentFactory(organization=organization)
    assert heads_department(head, department)
    assert not heads_department(head, other_unit)
    assert not is_leader(head, organization)
    assert not is_iso_secretary(head, organization)


def test_a_department_head_needs_a_department(secretary, organization):
    membership = Membership(user=secretary, organization=organization, role=Role.DEPARTMENT_HEAD)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "department" in error.value.message_dict


def test_a_role_cannot_name_another_organizations_department(
    secretary, organization, other_organization
):
    foreign = DepartmentFactory(organization=other_organization)
    membership = Membership(
        user=secretary, organization=organization, role=Role.STAFF, department=foreign
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "department" in error.value.message_dict


def test_the_same_role_cannot_be_given_twice(secretary, organization):
    duplicate = Membership(user=secretary, organization=organization, role=Role.ISO_SECRETARY)
    with pytest.raises(ValidationError):
        duplicate.full_clean()
