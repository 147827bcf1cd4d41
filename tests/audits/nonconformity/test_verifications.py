"""Each verification of a nonconformity is kept and shown; a closed one is reopened with a reason
that overturns the verification that closed it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from audits.models import Nonconformity, Verification
from audits.nonconformity.choices import NonconformitySource, NonconformityStatus
from audits.nonconformity.services import (
    NonconformityError,
    corrective_action_add,
    nonconformity_analyse,
    nonconformity_register,
    nonconformity_reopen,
    nonconformity_start_actions,
    nonconformity_verify,
)
from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.work.services import work_item_complete
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date
FOUND_ON = D(2023, 10, 5)
REASON = "Tháng 3/2024 lại có 4 hồ sơ trễ hạn không có phiếu xin lỗi"


def _register(organization, department, user, found_on=FOUND_ON):
    return nonconformity_register(
        organization=organization,
        user=user,
        source=NonconformitySource.INTERNAL_AUDIT,
        severity="minor",
        department=department,
        found_on=found_on,
        clause="8.5.1",
        description="Hồ sơ trễ hạn không có phiếu xin lỗi",
    )


def _actions_done(nonconformity, user, action="Ban hành mẫu phiếu xin lỗi"):
    """Cause, one action done, under way: ready for a verification."""
    nonconformity_analyse(
        nonconformity=nonconformity, correction="", root_cause="Chưa có mẫu phiếu", user=user
    )
    done = corrective_action_add(
        nonconformity=nonconformity,
        action=action,
        department=nonconformity.department,
        due_on=D(2023, 11, 15),
        user=user,
    )
    nonconformity_start_actions(nonconformity=nonconformity, user=user)
    work_item_complete(item=done.work_item, user=user, done_on=D(2023, 11, 10))


@pytest.fixture
def auditor(make_member):
    return make_member(Role.AUDITOR, full_name="Võ Thị Lan")


@pytest.fixture
def closed(organization, department, secretary, auditor):
    """Verified ineffective once, then effective: closed."""
    nonconformity = _register(organization, department, secretary)
    _actions_done(nonconformity, secretary)
    nonconformity_verify(
        nonconformity=nonconformity,
        effective=False,
        note="Vẫn còn 2 hồ sơ trễ không có phiếu",
        user=auditor,
        today=D(2023, 11, 20),
    )
    _actions_done(nonconformity, secretary, action="Tập huấn bộ phận một cửa")
    return nonconformity_verify(
        nonconformity=nonconformity,
        effective=True,
        note="Kiểm tra 20 hồ sơ: đủ phiếu",
        user=secretary,
        today=D(2024, 1, 10),
    )


def _verifications(nonconformity):
    return [
        (v.verified_on, v.verified_by.username, v.effective, v.note)
        for v in nonconformity.verifications.all()
    ]


def test_each_verification_is_kept_the_newest_first(closed, auditor):
    assert _verifications(closed) == [
        (D(2024, 1, 10), "thuky", True, "Kiểm tra 20 hồ sơ: đủ phiếu"),
        (D(2023, 11, 20), auditor.username, False, "Vẫn còn 2 hồ sơ trễ không có phiếu"),
    ]
    # The nonconformity's own fields still say the latest one.
    assert (closed.verified_on, closed.verification) == (
        D(2024, 1, 10),
        "Kiểm tra 20 hồ sơ: đủ phiếu",
    )


def test_a_refused_verification_keeps_nothing(organization, department, secretary):
    nonconformity = _register(organization, department, secretary)
    with pytest.raises(NonconformityError):
        nonconformity_verify(nonconformity=nonconformity, effective=True, note="x", user=secretary)
    assert not Verification.objects.exists()


def test_reopening_overturns_the_verification_that_closed_it(closed, auditor):
    reopened = nonconformity_reopen(nonconformity=closed, reason=f"  {REASON}\n", user=auditor)
    assert (reopened.status, reopened.closed_on) == (NonconformityStatus.OPEN, None)
    saved = Nonconformity.objects.get(pk=closed.pk)
    assert (saved.status, saved.closed_on) == (NonconformityStatus.OPEN, None)
    latest, failed = closed.verifications.all()
    assert (latest.overturned_by, latest.overturn_reason) == (auditor, REASON)
    assert latest.overturned_at is not None
    assert (failed.overturned_at, failed.overturn_reason) == (None, "")
    history = saved.history.first()
    assert (history.status, history.history_user, history.history_change_reason) == (
        NonconformityStatus.OPEN,
        auditor,
        REASON,
    )
    assert latest.history.first().history_change_reason == REASON
    # New actions, a new verification: the overturned one stays.
    _actions_done(saved, auditor, action="Giao ban hằng tuần về hồ sơ trễ")
    nonconformity_verify(
        nonconformity=saved, effective=True, note="Kiểm tra quý II: đủ", user=auditor
    )
    assert [v.effective for v in saved.verifications.all()] == [True, True, False]
    assert [bool(v.overturned_at) for v in saved.verifications.all()] == [False, True, False]


def test_reopening_needs_a_reason(closed, secretary):
    for reason in ("", "  \n "):
        with pytest.raises(
            NonconformityError,
            match=f"^{re.escape(gettext('Say why the nonconformity is reopened.'))}$",
        ):
            nonconformity_reopen(nonconformity=closed, reason=reason, user=secretary)
    closed.refresh_from_db()
    assert closed.status == NonconformityStatus.CLOSED
    assert not closed.verifications.exclude(overturned_at=None).exists()


def test_only_a_closed_nonconformity_is_reopened(organization, department, secretary):
    nonconformity = _register(organization, department, secretary)
    with pytest.raises(
        NonconformityError,
        match=f"^{re.escape(gettext('Only a closed nonconformity can be reopened.'))}$",
    ):
        nonconformity_reopen(nonconformity=nonconformity, reason=REASON, user=secretary)
    nonconformity.refresh_from_db()
    assert nonconformity.status == NonconformityStatus.OPEN
    assert nonconformity.history.count() == 1


@pytest.mark.parametrize("role", [Role.DEPARTMENT_HEAD, Role.DIRECTOR, Role.STAFF])
def test_only_who_verifies_reopens(closed, make_member, department, role):
    with pytest.raises(NonconformityError):
        nonconformity_reopen(
            nonconformity=closed, reason=REASON, user=make_member(role, department=department)
        )
    closed.refresh_from_db()
    assert closed.status == NonconformityStatus.CLOSED


def test_the_plans_findings_closed_opens_again_when_one_is_reopened(
    organization, department, secretary, director, auditor
):
    plan = PlanFactory(organization=organization, year=2023)
    add_task(plan, content="Khắc phục các điểm không phù hợp sau đánh giá", timing="Quý IV/2023")
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    item = WorkItem.objects.get(task__plan=plan)
    first, last = (
        _register(organization, department, secretary, found_on=D(2023, 10, d)) for d in (5, 6)
    )
    for nonconformity, on in ((first, D(2023, 11, 20)), (last, D(2023, 11, 25))):
        _actions_done(nonconformity, secretary)
        nonconformity_verify(
            nonconformity=nonconformity, effective=True, note="Đạt", user=auditor, today=on
        )
    item.refresh_from_db()
    assert (item.status, item.closed_by_record) == (WorkItemStatus.DONE, last)
    # The first one, not the one that completed the item, is reopened: it no longer holds.
    nonconformity_reopen(nonconformity=first, reason=REASON, user=auditor)
    item.refresh_from_db()
    assert item.is_open
    assert item.closed_by_record is None


# --- the pages -----------------------------------------------------------------------------------
def test_the_page_lists_every_verification_and_the_overturn(client, closed, secretary, auditor):
    nonconformity_reopen(nonconformity=closed, reason=REASON, user=auditor)
    client.force_login(secretary)
    page = client.get(closed.get_absolute_url()).content.decode()
    listed = page[page.index('id="verifications"') :]
    newest, failed = listed.index("10/01/2024"), listed.index("20/11/2023")
    assert newest < failed  # the newest first, the failed one still there
    assert "Vẫn còn 2 hồ sơ trễ không có phiếu" in listed
    overturned = gettext("Overturned on %(date)s by %(name)s: %(reason)s") % {
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "name": auditor.get_full_name(),
        "reason": REASON,
    }
    assert overturned in listed


def test_reopening_through_the_page_asks_for_the_reason(client, closed, secretary):
    client.force_login(secretary)
    url = reverse("audits:nonconformity_reopen", args=[closed.pk])
    assert url in client.get(closed.get_absolute_url()).content.decode()
    assert 'name="reason"' in client.get(url).content.decode()
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200  # the page again, with the error
    assert gettext("Say why the nonconformity is reopened.") in response.content.decode()
    closed.refresh_from_db()
    assert closed.status == NonconformityStatus.CLOSED
    response = client.post(url, {"reason": REASON})
    assert response["Location"] == closed.get_absolute_url()
    closed.refresh_from_db()
    assert closed.status == NonconformityStatus.OPEN
    page = client.get(closed.get_absolute_url()).content.decode()
    assert REASON in page
    assert url not in page  # open: nothing to reopen
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == closed.get_absolute_url()


def test_a_head_of_unit_neither_sees_nor_uses_the_reopen(client, closed, make_member, department):
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=department))
    url = reverse("audits:nonconformity_reopen", args=[closed.pk])
    assert url not in client.get(closed.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": REASON}).status_code == 403
    closed.refresh_from_db()
    assert closed.status == NonconformityStatus.CLOSED
