import pytest
from django.urls import reverse

from isoplan.concurrency import save_if_unchanged
from plans.planning.services.task import TaskData, UnitRef, task_update
from tests.factories import add_task

pytestmark = pytest.mark.django_db


def test_the_history_shows_who_changed_what_field_by_field(
    client, secretary, plan, department, django_assert_max_num_queries
):
    client.force_login(secretary)
    # Changes made through the pages carry the person (simple-history's request middleware).
    client.post(
        reverse("plans:task_create", args=[plan.pk]),
        {"content": "Họp xem xét", "leads": ["p:iso_secretary"], "timing_text": "Tháng 12/2022"},
    )
    task = plan.tasks.get()
    client.post(
        reverse("plans:task_edit", args=[task.pk]),
        {
            "content": "Họp xem xét của lãnh đạo",
            "leads": ["p:iso_secretary"],
            "supports": [f"d:{department.pk}"],
            "timing_text": "Tháng 11/2022",
            "lock_version": 0,
        },
    )
    plan.scope = "Toàn Sở"
    save_if_unchanged(plan, expected_version=plan.lock_version)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("plans:plan_history", args=[plan.pk]))
    entries = response.context["page"].object_list
    content = response.content.decode()
    assert "Tháng 12/2022" in content
    assert "Tháng 11/2022" in content
    assert "Phòng Người có công" in content
    change = next(e for e in entries if e.action == "~" and e.subject.startswith("Nội dung 1"))
    assert change.user == secretary
    assert {c.field for c in change.changes} == {"nội dung công việc", "thời gian thực hiện"}
    scope = next(c for e in entries for c in e.changes if c.field == "phạm vi áp dụng")
    assert (scope.old, scope.new) == ("", "Toàn Sở")


def test_a_deleted_task_stays_in_the_history(client, secretary, plan):
    task = add_task(plan, content="Việc sẽ bị xóa")
    client.force_login(secretary)
    client.post(reverse("plans:task_delete", args=[task.pk]))
    entries = client.get(reverse("plans:plan_history", args=[plan.pk])).context["page"]
    assert any(e.action == "-" and "Việc sẽ bị xóa" in e.subject for e in entries)


def test_unchanged_units_make_no_history_noise(plan, department):
    task = add_task(plan, supports=[UnitRef(department_id=department.pk)])
    before = task.assignments.model.history.count()
    task_update(
        task=task,
        data=TaskData(
            content="Đổi nội dung",
            timing_text=task.timing_text,
            leads=[UnitRef(party="iso_secretary")],
            supports=[UnitRef(department_id=department.pk)],
        ),
        expected_version=0,
    )
    assert task.assignments.model.history.count() == before


def test_the_history_shows_readable_values_and_no_line_ending_noise(client, secretary, plan):
    """A text saved again with other line endings is not a change; a yes/no reads "Có"/"Không"."""
    task = add_task(plan, content="Dòng một\nDòng hai", timing="Tháng 3")
    task.content = "Dòng một\r\nDòng hai  "  # as an older form or an import may have saved it
    task.schedule_manual = True
    task.save()
    client.force_login(secretary)
    entries = client.get(reverse("plans:plan_history", args=[plan.pk])).context["page"]
    changed = [c for e in entries if e.action == "~" for c in e.changes]
    assert [(c.field, c.old, c.new) for c in changed] == [("lịch chọn bằng tay", "Không", "Có")]
