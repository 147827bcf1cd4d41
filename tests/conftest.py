import pytest

from plans.choices import Role
from tests.factories import (
    DepartmentFactory,
    MembershipFactory,
    OrganizationFactory,
    PlanFactory,
    UserFactory,
)


@pytest.fixture(scope="session", autouse=True)
def _no_rows_left_from_an_interrupted_run(django_db_setup, django_db_blocker):
    """tests/security commits its world for a module and removes it after; a run interrupted in
    between would leave it in the reused test database, where every other test expects none."""
    from django.core.management import call_command

    from plans.models import Organization

    with django_db_blocker.unblock():
        if Organization.objects.exists():
            call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def organization():
    return OrganizationFactory(
        name="Sở Lao động – Thương binh và Xã hội", document_symbol="SLĐTBXH"
    )


@pytest.fixture
def other_organization():
    return OrganizationFactory(name="Sở Tài nguyên và Môi trường", document_symbol="STNMT")


@pytest.fixture
def department(organization):
    return DepartmentFactory(organization=organization, name="Phòng Người có công")


@pytest.fixture
def make_member(organization):
    """A person holding ``role`` in the organization (or another one)."""

    def make(role=Role.STAFF, *, department=None, org=None, **user_fields):
        user = UserFactory(**user_fields)
        MembershipFactory(
            user=user, organization=org or organization, role=role, department=department
        )
        return user

    return make


@pytest.fixture
def secretary(make_member):
    return make_member(Role.ISO_SECRETARY, username="thuky")


@pytest.fixture
def admin_user():
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


@pytest.fixture
def director(make_member):
    return make_member(Role.DIRECTOR, username="giamdoc")


@pytest.fixture
def plan(organization):
    return PlanFactory(organization=organization)


@pytest.fixture
def require_postgres(django_db_blocker):
    """Concurrency tests need a real database server. CI (CI=true) always has PostgreSQL: there a
    missing one is a failure, never a skip; a laptop running `make test` on SQLite skips them."""
    import os

    from django.db import connection

    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("This test needs PostgreSQL (DATABASE_URL) and CI must provide it.")
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… (as .ci/run does)")
