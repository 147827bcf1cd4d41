"""The workflow tables (isoplan/workflow.py): buttons, refusals under the row lock."""

import pytest

from plans.choices import PlanStatus, Role
from plans.models import Plan, PlanTransition
from plans.planning.services.plan import PLAN_ACTIONS, PlanWorkflowError, plan_approve, plan_submit
from tests.factories import add_task

pytestmark = pytest.mark.django_db


def test_the_table_says_which_buttons_each_person_sees(plan, secretary, director, make_member):
    staff = make_member(Role.STAFF)
    add_task(plan)
    assert PLAN_ACTIONS.available(secretary, plan) == {"edit", "submit"}
    assert PLAN_ACTIONS.available(director, plan) == set()
    assert PLAN_ACTIONS.available(staff, plan) == set()
    plan_submit(plan=plan, user=secretary)
    assert PLAN_ACTIONS.available(secretary, plan) == set()
    assert PLAN_ACTIONS.available(director, plan) == {"approve", "return"}


def test_a_stale_second_approval_is_refused_and_recorded_once(plan, secretary, director):
    add_task(plan)
    plan_submit(plan=plan, user=secretary)
    first = Plan.objects.get(pk=plan.pk)
    stale = Plan.objects.get(pk=plan.pk)
    plan_approve(plan=first, user=director)
    with pytest.raises(PlanWorkflowError) as refused:
        plan_approve(plan=stale, user=director)
    assert (
        str(refused.value) == "Không thể thực hiện khi kế hoạch đang ở trạng thái “Đã phê duyệt”."
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert PlanTransition.objects.filter(plan=plan, to_status=PlanStatus.APPROVED).count() == 1
    assert plan.history.filter(status=PlanStatus.APPROVED).count() == 1


def test_a_step_is_in_the_history_with_its_author_and_makes_open_forms_stale(plan, secretary):
    add_task(plan)
    opened = plan.lock_version
    plan_submit(plan=plan, user=secretary)
    plan.refresh_from_db()
    assert plan.lock_version == opened + 1
    recorded = plan.history.first()
    assert (recorded.status, recorded.history_user) == (PlanStatus.SUBMITTED, secretary)
