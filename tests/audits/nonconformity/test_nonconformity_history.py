"""The history screen of a nonconformity: the record, its corrective actions and the work on them,
field by field with readable values; seen by those who see the nonconformity."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.models import CorrectiveAction, Nonconformity
from audits.nonconformity.choices import NonconformitySource, NonconformityStatus
from audits.nonconformity.models import Verification
from audits.nonconformity.services import (
    corrective_action_add,
    nonconformity_analyse,
    nonconformity_register,
    nonconformity_reopen,
    nonconformity_start_actions,
    nonconformity_verify,
)
from plans.choices import Role, WorkItemStatus
from plans.models import WorkItem
from plans.work.services import work_item_complete, work_item_reopen
from tests.factories import DepartmentFactory
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def nonconformity(organization, department, secretary):
    return nonconformity_register(
        organization=organization,
        user=secretary,
        source=NonconformitySource.INTERNAL_AUDIT,
        severity="minor",
        department=department,
        found_on=D(2023, 10, 5),
        clause="8.5.1",
        description="Hồ sơ TTHC trả kết quả trễ hạn không có phiếu xin lỗi",
    )


def _url(nonconformity):
    return reverse("audits:nonconformity_history", args=[nonconformity.pk])


def _act(nonconformity, department, user, action="Ban hành mẫu phiếu xin lỗi"):
    return corrective_action_add(
        nonconformity=nonconformity,
        action=action,
        department=department,
        due_on=D(2023, 11, 15),
        user=user,
    )


def test_the_status_the_actions_and_the_verification_are_in_the_history(
    client, nonconformity, department, secretary
):
    nonconformity_analyse(
        nonconformity=nonconformity,
        user=secretary,
        correction="Gửi phiếu xin lỗi ngay",
        root_cause="Chưa có mẫu phiếu",
        expected_version=nonconformity.lock_version,
    )
    action = _act(nonconformity, department, secretary)
    nonconformity_start_actions(nonconformity=nonconformity, user=secretary)
    work_item_complete(
        item=action.work_item, user=secretary, note="Đã ban hành", done_on=D(2023, 11, 10)
    )
    nonconformity_verify(
        nonconformity=nonconformity, effective=True, note="Không tái diễn", user=secretary
    )
    client.force_login(secretary)

    shown = entries(client, _url(nonconformity))
    record = [e for e in shown if e.subject == nonconformity.code]
    statuses = changes(record, label(Nonconformity, "status"))
    open_, under_way, closed = (
        str(NonconformityStatus.OPEN.label),
        str(NonconformityStatus.IN_PROGRESS.label),
        str(NonconformityStatus.CLOSED.label),
    )
    assert statuses == [("~", under_way, closed), ("~", open_, under_way), ("+", "", open_)]
    assert changes(shown, label(Nonconformity, "root_cause")) == [("~", "", "Chưa có mẫu phiếu")]
    assert (
        changes(shown, label(Nonconformity, "closed_on"))[0][2]
        == f"{timezone.localdate():%d/%m/%Y}"
    )
    # the action: its unit by name, its deadline as a date; its work: done, on which day
    (added,) = [e for e in shown if e.action == "+" and "Ban hành mẫu" in e.subject]  # once
    fields = {c.field: c.new for c in added.changes}
    assert fields[label(CorrectiveAction, "department")] == "Phòng Người có công"
    assert fields[label(CorrectiveAction, "due_on")] == "15/11/2023"
    work = [e for e in shown if e.action == "~" and "Ban hành mẫu" in e.subject]
    assert changes(work, label(WorkItem, "done_on")) == [("~", "", "10/11/2023")]
    assert changes(work, label(WorkItem, "status"))[0][2] == str(WorkItemStatus.DONE.label)


def test_each_verification_and_the_reason_one_was_overturned_are_in_the_history(
    client, nonconformity, department, secretary
):
    def verify(effective, note):
        action = _act(nonconformity, department, secretary, action=note)
        nonconformity_start_actions(
            nonconformity=Nonconformity.objects.get(pk=nonconformity.pk), user=secretary
        )
        work_item_complete(item=action.work_item, user=secretary, note="Xong")
        nonconformity_verify(
            nonconformity=Nonconformity.objects.get(pk=nonconformity.pk),
            effective=effective,
            note=note,
            user=secretary,
        )

    nonconformity_analyse(
        nonconformity=nonconformity,
        user=secretary,
        correction="Gửi phiếu xin lỗi ngay",
        root_cause="Chưa có mẫu phiếu",
        expected_version=nonconformity.lock_version,
    )
    verify(False, "Vẫn còn hồ sơ trễ hạn không có phiếu")  # failed: kept, not written over
    verify(True, "Ba tháng không tái diễn")
    nonconformity_reopen(
        nonconformity=Nonconformity.objects.get(pk=nonconformity.pk),
        reason="Tháng 3 lại có hồ sơ trễ hạn không xin lỗi",
        user=secretary,
    )
    client.force_login(secretary)
    shown = entries(client, _url(nonconformity))
    notes = changes(shown, label(Verification, "note"))
    assert ("+", "", "Vẫn còn hồ sơ trễ hạn không có phiếu") in notes
    assert ("+", "", "Ba tháng không tái diễn") in notes
    assert changes(shown, label(Verification, "overturn_reason")) == [
        ("~", "", "Tháng 3 lại có hồ sơ trễ hạn không xin lỗi")
    ]
    assert "Tháng 3 lại có hồ sơ trễ hạn không xin lỗi" in {e.reason for e in shown}


def test_the_reason_an_action_was_reopened_shows_with_its_entry(
    client, nonconformity, department, secretary, make_member
):
    action = _act(nonconformity, department, secretary)
    work_item_complete(item=action.work_item, user=secretary, note="Xong")
    work_item_reopen(
        item=action.work_item, user=secretary, is_secretary=True, reason="Chưa có chữ ký"
    )
    client.force_login(secretary)
    shown = entries(client, _url(nonconformity))
    assert shown[0].reason == "Chưa có chữ ký"
    assert "Ban hành mẫu" in shown[0].subject


def test_seen_by_those_who_see_the_nonconformity(
    client, nonconformity, make_member, other_organization
):
    other_unit = DepartmentFactory(organization=nonconformity.organization, name="Phòng khác")
    head = make_member(Role.DEPARTMENT_HEAD, department=nonconformity.department)
    client.force_login(head)
    assert client.get(_url(nonconformity)).status_code == 200
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=other_unit))
    assert client.get(_url(nonconformity)).status_code == 403
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert client.get(_url(nonconformity)).status_code == 404


def test_the_history_does_not_grow_in_queries(
    client, nonconformity, department, secretary, django_assert_max_num_queries
):
    _act(nonconformity, department, secretary)
    client.force_login(secretary)

    def more():
        for number in range(6):
            action = _act(nonconformity, department, secretary, action=f"Hành động {number}")
            work_item_complete(item=action.work_item, user=secretary, note=f"Xong {number}")
        nonconformity_analyse(
            nonconformity=nonconformity,
            user=secretary,
            correction="Sửa ngay",
            root_cause="Thiếu mẫu",
            expected_version=Nonconformity.objects.get(pk=nonconformity.pk).lock_version,
        )

    assert_queries_do_not_grow(client, _url(nonconformity), more, django_assert_max_num_queries)
