"""Guiding a person on the QMS after a new role or unit: opened where memberships change (the
admin), for the right person, due after the organization's working days, once per change; its
record closes the item and the plan's task of the unit."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.choices import Role, TaskParty, WorkItemStatus
from plans.models import Membership, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from plans.training.models import Onboarding
from plans.training.services import ONBOARDED, TrainingError, onboarding_open, onboarding_record
from plans.work.responsibility import answers_for
from tests.factories import DepartmentFactory, MembershipFactory, PlanFactory, UserFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date
THURSDAY = D(2023, 10, 5)


def _newcomer(organization, department, role=Role.STAFF):
    return MembershipFactory(
        user=UserFactory(full_name="Bùi Thị Ngọc"),
        organization=organization,
        role=role,
        department=department,
    )


def test_a_new_staff_member_is_guided_by_the_head_of_the_unit_within_ten_working_days(
    organization, department, make_member
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    onboarding = onboarding_open(membership=_newcomer(organization, department), on=THURSDAY)
    item = onboarding.work_item
    # Thursday 5/10 + 10 working days (two weekends skipped) = Thursday 19/10.
    assert item.due_date == D(2023, 10, 19)
    assert (item.department, item.party, item.kind) == (department, "", "onboarding")
    assert item.title == "Hướng dẫn HTQLCL cho Bùi Thị Ngọc"
    assert answers_for(head, item)


def test_the_organization_sets_the_working_days_and_a_day_off_moves_the_due_date(
    organization, department
):
    organization.onboarding_days = 3
    organization.save()
    # Wed 26/4/2023 + 3 working days: 27/4, 28/4, then 29/4–3/5 are days off → Thursday 4/5.
    onboarding = onboarding_open(membership=_newcomer(organization, department), on=D(2023, 4, 26))
    assert onboarding.work_item.due_date == D(2023, 5, 4)


def test_a_unit_without_a_head_is_the_secretarys_and_a_new_head_is_guided_by_the_secretary(
    organization, department, secretary
):
    headless = onboarding_open(membership=_newcomer(organization, department), on=THURSDAY)
    assert answers_for(secretary, headless.work_item)
    new_head = onboarding_open(
        membership=_newcomer(organization, department, Role.DEPARTMENT_HEAD), on=THURSDAY
    )
    director = onboarding_open(membership=_newcomer(organization, None, Role.DIRECTOR), on=THURSDAY)
    for onboarding in (new_head, director):
        item = onboarding.work_item
        assert (item.department, item.party) == (None, TaskParty.ISO_SECRETARY)
        assert answers_for(secretary, item)


def test_the_same_change_opens_one_guidance_and_a_new_unit_replaces_an_unguided_one(
    organization, department
):
    membership = _newcomer(organization, department)
    first = onboarding_open(membership=membership, on=THURSDAY)
    assert onboarding_open(membership=membership, on=THURSDAY) is None
    assert Onboarding.objects.count() == 1
    other_unit = DepartmentFactory(organization=organization, name="Văn phòng Sở")
    membership.department = other_unit
    membership.save()
    second = onboarding_open(membership=membership, on=D(2023, 10, 9))
    first.work_item.refresh_from_db()
    assert first.work_item.status == WorkItemStatus.NOT_APPLICABLE
    assert (second.department, second.work_item.department) == (other_unit, other_unit)
    assert second.work_item.is_open


def test_the_province_coordinator_is_not_guided_here(organization):
    coordinator = _newcomer(organization, None, Role.PROVINCE_COORDINATOR)
    assert onboarding_open(membership=coordinator) is None


# --- where memberships change: the admin ------------------------------------------------------
@time_machine.travel(datetime.datetime(2023, 10, 5, 3, tzinfo=datetime.UTC))
def test_a_role_added_in_the_admin_opens_the_guidance_and_saving_it_again_does_not(
    client, admin_user, organization, department
):
    person = UserFactory(full_name="Ngô Văn Khoa")
    client.force_login(admin_user)
    data = {
        "user": person.pk,
        "organization": organization.pk,
        "role": Role.STAFF,
        "department": department.pk,
    }
    response = client.post(reverse("admin:plans_membership_add"), data)
    assert response.status_code == 302, response.content
    [onboarding] = Onboarding.objects.all()
    assert (onboarding.person, onboarding.assigned_on) == (person, THURSDAY)
    assert onboarding.work_item.due_date == D(2023, 10, 19)
    membership = Membership.objects.get(user=person)
    change = reverse("admin:plans_membership_change", args=[membership.pk])
    assert client.post(change, data).status_code == 302
    assert Onboarding.objects.count() == 1
    other_unit = DepartmentFactory(organization=organization)
    assert client.post(change, {**data, "department": other_unit.pk}).status_code == 302
    assert Onboarding.objects.count() == 2


@time_machine.travel(datetime.datetime(2023, 10, 5, 3, tzinfo=datetime.UTC))
def test_a_person_added_to_a_unit_on_the_units_admin_page_is_guided(
    client, admin_user, organization, department
):
    person = UserFactory(full_name="Ngô Văn Khoa")
    client.force_login(admin_user)
    prefix = "memberships"
    data = {
        "organization": organization.pk,
        "name": department.name,
        "kind": department.kind,
        "order": department.order,
        "is_active": "on",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-user": person.pk,
        f"{prefix}-0-role": Role.STAFF,
        "former_names-TOTAL_FORMS": "0",
        "former_names-INITIAL_FORMS": "0",
    }
    url = reverse("admin:plans_department_change", args=[department.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    [onboarding] = Onboarding.objects.all()
    assert (onboarding.person, onboarding.department) == (person, department)


# --- recording it ------------------------------------------------------------------------------
@pytest.fixture
def plan_with_onboarding_task(organization, department, secretary, director):
    plan = PlanFactory(organization=organization, year=2023)
    task = add_task(
        plan,
        content=(
            "Hướng dẫn thực hiện các quy định của HTQLCL khi có công chức, viên chức được bố "
            "trí công việc mới"
        ),
        timing="Thường xuyên",
        leads=[UnitRef(department_id=department.pk)],
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    task.refresh_from_db()
    assert task.fulfilled_by == ONBOARDED  # proposed from the task's words
    return task


def test_recording_the_guidance_closes_its_item_and_the_plans_task_of_the_unit(
    organization, department, make_member, plan_with_onboarding_task
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    onboarding = onboarding_open(membership=_newcomer(organization, department), on=THURSDAY)
    onboarding_record(
        onboarding=onboarding,
        user=head,
        guided_on=D(2023, 10, 12),
        guided_by=head,
        covered_procedures=True,
        covered_policy=True,
        files=[SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 guidance", "application/pdf")],
    )
    onboarding.refresh_from_db()
    item = onboarding.work_item
    assert (onboarding.guided_on, onboarding.guided_by) == (D(2023, 10, 12), head)
    assert (item.status, item.done_on, item.evidence.count()) == ("done", D(2023, 10, 12), 1)
    [task_item] = plan_with_onboarding_task.work_items.all()
    assert (task_item.status, task_item.done_on) == ("done", D(2023, 10, 12))
    assert task_item.closed_by_record == onboarding


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"guided_on": D(2023, 10, 2)}, "trước ngày được bố trí"),
        ({"covered_procedures": False}, "nội dung đã hướng dẫn"),
    ],
)
def test_a_guidance_is_refused_before_the_assignment_or_with_nothing_covered(
    organization, department, secretary, fields, message
):
    onboarding = onboarding_open(membership=_newcomer(organization, department), on=THURSDAY)
    data = {
        "guided_on": D(2023, 10, 6),
        "guided_by": secretary,
        "covered_procedures": True,
        **fields,
    }
    with pytest.raises(TrainingError, match=message):
        onboarding_record(onboarding=onboarding, user=secretary, **data)
    assert WorkItem.objects.get(pk=onboarding.work_item_id).is_open


def test_the_head_records_it_on_its_page_and_the_newcomer_only_reads_it(
    client, organization, department, make_member
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    membership = _newcomer(organization, department)
    onboarding = onboarding_open(membership=membership, on=THURSDAY)
    url = onboarding.get_absolute_url()
    data = {
        "guided_on": "12/10/2023",
        "guided_by": head.pk,
        "covered_objectives": "on",
        "notes": "Sổ tay chất lượng",
    }
    client.force_login(membership.user)
    assert "Ghi nhận việc hướng dẫn" not in client.get(url).content.decode()
    assert client.post(url, data).status_code == 403
    client.force_login(head)
    page = client.post(url, {**data, "guided_on": "31/12/2999"})
    assert page.status_code == 200
    assert "Sổ tay chất lượng" in page.content.decode()  # what was typed is kept
    assert client.post(url, data).status_code == 302
    onboarding.refresh_from_db()
    assert (onboarding.is_done, onboarding.covered_objectives) == (True, True)


def test_the_list_shows_a_head_their_units_guidance_in_a_fixed_number_of_queries(
    client, organization, department, make_member, django_assert_max_num_queries
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    other = DepartmentFactory(organization=organization)
    for _n in range(3):
        onboarding_open(membership=_newcomer(organization, department), on=THURSDAY)
    onboarding_open(membership=_newcomer(organization, other), on=THURSDAY)
    client.force_login(head)
    url = reverse("plans:onboarding_list")
    with django_assert_max_num_queries(12) as few:
        response = client.get(url)
    assert len(response.context["page"].object_list) == 3
    for _n in range(20):
        onboarding_open(membership=_newcomer(organization, department), on=THURSDAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["page"].object_list) == 23
