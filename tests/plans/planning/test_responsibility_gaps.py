"""Submit and approve show, before confirming, the tasks nobody would answer for and the units
without a head (issue 21, point 4): a warning, not a refusal."""

import pytest
from django.urls import reverse

from plans.choices import Role
from plans.planning.services.task import UnitRef
from tests.factories import DepartmentFactory, add_task

pytestmark = pytest.mark.django_db


def test_submit_and_approve_warn_of_gaps_but_do_not_block(
    client, plan, secretary, organization, make_member
):
    headed = DepartmentFactory(organization=organization, name="Phòng có trưởng")
    make_member(Role.DEPARTMENT_HEAD, department=headed)
    headless = DepartmentFactory(organization=organization, name="Phòng chưa có trưởng")
    DepartmentFactory(organization=organization, name="Phòng đã giải thể", is_active=False)
    add_task(
        plan, content="Việc có chủ", timing="Tháng 3/2022", leads=[UnitRef(department_id=headed.pk)]
    )
    add_task(plan, content="Việc không ai nhận", timing="Tháng 3/2022", leads=[])
    add_task(
        plan,
        content="Lãnh đạo phê duyệt",  # no director or deputy in the agency yet
        timing="Tháng 3/2022",
        leads=[UnitRef(party="leadership")],
    )
    add_task(
        plan,
        content="Phòng chưa có trưởng làm",  # the secretary answers for it: not a gap
        timing="Tháng 3/2022",
        leads=[UnitRef(department_id=headless.pk)],
    )
    client.force_login(secretary)
    confirm = client.get(reverse("plans:plan_submit", args=[plan.pk]))
    gaps = confirm.context["gaps"]
    assert [t.content for t in gaps.tasks] == ["Việc không ai nhận", "Lãnh đạo phê duyệt"]
    assert [d.name for d in gaps.headless] == ["Phòng chưa có trưởng"]
    page = confirm.content.decode()
    assert "Nhiệm vụ chưa có ai chịu trách nhiệm" in page
    assert "Phòng chưa có trưởng" in page
    assert "Phòng đã giải thể" not in page

    client.post(reverse("plans:plan_submit", args=[plan.pk]))  # a warning, not a refusal
    plan.refresh_from_db()
    assert plan.status == "submitted"

    director = make_member(Role.DIRECTOR)
    client.force_login(director)
    approve = client.get(reverse("plans:plan_approve", args=[plan.pk]))
    # Now a director holds the leadership's items; the rest stays.
    assert [t.content for t in approve.context["gaps"].tasks] == ["Việc không ai nhận"]
    assert "Nhiệm vụ chưa có ai chịu trách nhiệm" in approve.content.decode()


def test_no_warning_when_everyone_is_there(client, plan, secretary, department, make_member):
    make_member(Role.DEPARTMENT_HEAD, department=department)
    add_task(plan, leads=[UnitRef(department_id=department.pk)])
    client.force_login(secretary)
    response = client.get(reverse("plans:plan_submit", args=[plan.pk]))
    assert not response.context["gaps"]
    assert "responsibility-gaps" not in response.content.decode()
