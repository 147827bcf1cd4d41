import factory
from factory.django import DjangoModelFactory

from plans.choices import DepartmentKind, Role
from plans.models import Department, Membership, Organization, User


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    parent_authority = "UBND TỈNH ĐỒNG THÁP"
    document_symbol = factory.Sequence(lambda n: f"STN{n}")
    place_name = "Đồng Tháp"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Phòng {n}")
    kind = DepartmentKind.DIVISION
    order = factory.Sequence(int)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    password = factory.django.Password("secret-pass-123")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.STAFF
    department = None
