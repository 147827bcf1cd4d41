"""The nonconformity register: state machine, actions on the work-item spine, who sees what."""

import datetime

import pytest
from django.urls import reverse

from audits.models import Nonconformity
from audits.nonconformity.choices import NonconformitySource
from audits.nonconformity.services import (
    NonconformityError,
    corrective_action_add,
    nonconformity_analyse,
    nonconformity_register,
    nonconformity_start_actions,
    nonconformity_verify,
    register_ageing,
)
from plans.choices import Role
from plans.models import WorkItem
from plans.work.reminders import plan_reminders
from plans.work.services import work_item_complete
from tests.factories import DepartmentFactory

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


ACTION_DUE = D(2023, 11, 15)


def _act(nonconformity, department, user, due=ACTION_DUE):
    return corrective_action_add(
        nonconformity=nonconformity,
        action="Ban hành mẫu phiếu xin lỗi",
        department=department,
        due_on=due,
        user=user,
    )


def test_numbered_from_one_each_year(nonconformity, organization, department, secretary):
    second = nonconformity_register(
        organization=organization,
        user=secretary,
        source="complaint",
        severity="minor",
        department=department,
        found_on=D(2023, 12, 1),
        description="Phản ánh của công dân",
    )
    next_year = nonconformity_register(
        organization=organization,
        user=secretary,
        source="complaint",
        severity="minor",
        department=department,
        found_on=D(2024, 1, 3),
        description="Phản ánh của công dân",
    )
    assert [nonconformity.code, second.code, next_year.code] == [
        "KPH-2023-01",
        "KPH-2023-02",
        "KPH-2024-01",
    ]


def test_the_whole_life_and_every_refused_shortcut(nonconformity, department, secretary):
    with pytest.raises(NonconformityError):  # no cause yet
        nonconformity_start_actions(nonconformity=nonconformity, user=secretary)
    nonconformity_analyse(
        nonconformity=nonconformity,
        correction="Gọi điện xin lỗi công dân",
        root_cause="Chưa có mẫu phiếu trong quy trình",
        user=secretary,
    )
    with pytest.raises(NonconformityError):  # no action yet
        nonconformity_start_actions(nonconformity=nonconformity, user=secretary)
    action = _act(nonconformity, department, secretary)
    with pytest.raises(NonconformityError):  # not under way yet
        nonconformity_verify(nonconformity=nonconformity, effective=True, note="x", user=secretary)
    nonconformity_start_actions(nonconformity=nonconformity, user=secretary)
    with pytest.raises(NonconformityError):  # the action is still open
        nonconformity_verify(nonconformity=nonconformity, effective=True, note="x", user=secretary)
    work_item_complete(item=action.work_item, user=secretary, note="Đã ban hành")
    with pytest.raises(NonconformityError):  # a verification says what was checked
        nonconformity_verify(nonconformity=nonconformity, effective=True, note=" ", user=secretary)

    # Not effective: back to open, new actions needed.
    nonconformity = nonconformity_verify(
        nonconformity=nonconformity,
        effective=False,
        note="Vẫn còn hồ sơ trễ không có phiếu",
        user=secretary,
        today=D(2023, 11, 20),
    )
    assert nonconformity.status == "open"
    with pytest.raises(NonconformityError):  # the old, done action does not count
        nonconformity_start_actions(nonconformity=nonconformity, user=secretary)
    second = _act(nonconformity, department, secretary, due=D(2023, 12, 15))
    nonconformity_start_actions(nonconformity=nonconformity, user=secretary)
    work_item_complete(item=second.work_item, user=secretary)
    nonconformity = nonconformity_verify(
        nonconformity=nonconformity,
        effective=True,
        note="Kiểm tra 20 hồ sơ: đủ phiếu",
        user=secretary,
        today=D(2024, 1, 10),
    )
    assert (nonconformity.status, nonconformity.closed_on) == ("closed", D(2024, 1, 10))
    with pytest.raises(NonconformityError):  # closed is final
        _act(nonconformity, department, secretary)


def test_an_action_is_a_work_item_of_the_unit_with_reminders(
    nonconformity, department, secretary, make_member, organization
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    # A stated date on a Saturday: due the Friday before, never after the date set.
    action = _act(nonconformity, department, secretary, due=D(2023, 11, 18))
    item = action.work_item
    assert (item.department, item.due_date, item.title) == (
        department,
        D(2023, 11, 17),
        "KPH-2023-01: Ban hành mẫu phiếu xin lỗi",
    )
    assert item.source_url == nonconformity.get_absolute_url()
    planned = plan_reminders(today=D(2023, 11, 14), organizations=[organization])  # 3 days before
    assert [(p.recipient_id, p.item_ids) for p in planned] == [(head.pk, [item.pk])]


def test_a_department_head_sees_and_edits_only_their_units(
    client, nonconformity, organization, make_member, secretary
):
    other_unit = DepartmentFactory(organization=organization)
    other = nonconformity_register(
        organization=organization,
        user=secretary,
        source="other",
        severity="minor",
        department=other_unit,
        found_on=D(2023, 10, 6),
        description="Của phòng khác",
    )
    client.force_login(make_member(Role.DEPARTMENT_HEAD, department=nonconformity.department))
    register = client.get(reverse("audits:nonconformity_list"))
    assert list(register.context["page"].object_list) == [nonconformity]
    assert register.context["ageing"] is None
    assert client.get(reverse("audits:nonconformity_detail", args=[other.pk])).status_code == 403
    response = client.post(
        reverse("audits:nonconformity_detail", args=[nonconformity.pk]),
        {"step": "analyse", "correction": "", "root_cause": "Thiếu mẫu phiếu"},
    )
    assert response.status_code == 302
    nonconformity.refresh_from_db()
    assert nonconformity.root_cause == "Thiếu mẫu phiếu"
    # A head cannot verify their own unit's actions.
    response = client.post(
        reverse("audits:nonconformity_detail", args=[nonconformity.pk]),
        {"step": "verify", "effective": "yes", "note": "ok"},
    )
    assert response.status_code == 403


def test_staff_and_other_organizations_are_kept_out(
    client, nonconformity, make_member, other_organization, department
):
    client.force_login(make_member(Role.STAFF, department=department))
    assert (
        client.get(reverse("audits:nonconformity_detail", args=[nonconformity.pk])).status_code
        == 403
    )
    client.force_login(make_member(Role.ISO_SECRETARY, org=other_organization))
    assert (
        client.get(reverse("audits:nonconformity_detail", args=[nonconformity.pk])).status_code
        == 404
    )


def test_the_secretary_records_one_with_a_clear_message_for_bad_input(
    client, secretary, department
):
    client.force_login(secretary)
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()  # noqa: DTZ011
    response = client.post(
        reverse("audits:nonconformity_list"),
        {
            "source": "complaint",
            "severity": "minor",
            "department": department.pk,
            "found_on": future,
            "clause": "",
            "description": "Phản ánh về thái độ",
        },
    )
    assert "Ngày phát hiện không thể ở tương lai" in response.content.decode()
    assert "Phản ánh về thái độ" in response.content.decode()
    response = client.post(
        reverse("audits:nonconformity_list"),
        {
            "source": "complaint",
            "severity": "minor",
            "department": department.pk,
            "found_on": "2023-05-02",
            "clause": "",
            "description": "Phản ánh về thái độ",
        },
    )
    assert response["Location"] == Nonconformity.objects.get().get_absolute_url()


def test_the_director_sees_the_ageing(client, organization, department, secretary, director):
    today = datetime.date.today()  # noqa: DTZ011
    for days in (3, 40, 100, 200):
        nonconformity_register(
            organization=organization,
            user=secretary,
            source="other",
            severity="minor",
            department=department,
            found_on=today - datetime.timedelta(days=days),
            description="x",
        )
    assert [b["count"] for b in register_ageing(organization, today)] == [1, 1, 2]
    client.force_login(director)
    assert client.get(reverse("audits:nonconformity_list")).context["ageing"][2]["count"] == 2


def test_register_and_page_queries_do_not_grow(
    client, nonconformity, secretary, department, organization, django_assert_max_num_queries
):
    client.force_login(secretary)

    def count(url):
        with django_assert_max_num_queries(16) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    register = reverse("audits:nonconformity_list")
    detail = reverse("audits:nonconformity_detail", args=[nonconformity.pk])
    _act(nonconformity, department, secretary)
    few = (count(register), count(detail))
    for n in range(6):
        nonconformity_register(
            organization=organization,
            user=secretary,
            source="other",
            severity="minor",
            department=department,
            found_on=D(2023, 10, 7),
            description=f"KPH {n}",
        )
        _act(nonconformity, department, secretary, due=D(2023, 12, 1 + n))
    assert (count(register), count(detail)) == few
    assert WorkItem.objects.filter(period_key__startswith="kph-").count() == 7


def test_starting_the_actions_twice_from_a_stale_page_is_refused(
    nonconformity, department, secretary
):
    """Two people (or a double click) start the actions from the same page: the second one
    sees the saved status under the row lock and is refused; nothing is recorded twice."""
    nonconformity_analyse(
        nonconformity=nonconformity,
        correction="Gọi điện xin lỗi công dân",
        root_cause="Chưa có mẫu phiếu trong quy trình",
        user=secretary,
    )
    _act(nonconformity, department, secretary)
    first = Nonconformity.objects.get(pk=nonconformity.pk)
    stale = Nonconformity.objects.get(pk=nonconformity.pk)
    nonconformity_start_actions(nonconformity=first, user=secretary)
    with pytest.raises(NonconformityError) as refused:
        nonconformity_start_actions(nonconformity=stale, user=secretary)
    assert str(refused.value) == (
        "Không thể thực hiện khi điểm không phù hợp đang ở trạng thái "
        "“Đang thực hiện hành động khắc phục”."
    )
    nonconformity.refresh_from_db()
    assert nonconformity.status == "in_progress"
    assert nonconformity.history.filter(status="in_progress").count() == 1
