"""The task table is edited in place (htmx) and, without JavaScript, with plain form posts."""

import re

import pytest
from django.urls import reverse

from plans.choices import Role
from plans.models import PlanTask
from tests.factories import DepartmentFactory, add_task

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _task_data(task=None, **overrides):
    data = {
        "content": "Rà soát quy trình",
        "leads": ["p:iso_secretary"],
        "supports": [],
        "responsibility_note": "",
        "timing_text": "Hàng quý",
        "output": "Báo cáo",
        "lock_version": task.lock_version if task else "",
    }
    data.update(overrides)
    return data


def _orders(plan):
    return list(plan.tasks.order_by("order").values_list("order", "content"))


def test_add_a_row_without_javascript(client, secretary, plan, department):
    client.force_login(secretary)
    response = client.post(
        reverse("plans:task_create", args=[plan.pk]),
        _task_data(leads=[f"d:{department.pk}", "p:all_departments"]),
    )
    task = PlanTask.objects.get()
    assert response["Location"].endswith(f"#task-{task.pk}")
    assert task.order == 1
    assert [a.label for a in task.leads] == ["Phòng Người có công", "Các phòng, đơn vị"]


def test_add_a_row_with_htmx_returns_the_table(client, secretary, plan):
    add_task(plan)
    client.force_login(secretary)
    response = client.post(reverse("plans:task_create", args=[plan.pk]), _task_data(), **HTMX)
    content = response.content.decode()
    assert content.startswith('<tbody id="task-rows">')
    assert "Rà soát quy trình" in content
    assert _orders(plan) == [(1, "Xây dựng Kế hoạch đánh giá nội bộ"), (2, "Rà soát quy trình")]


def test_a_row_with_errors_keeps_what_was_typed(client, secretary, plan):
    client.force_login(secretary)
    response = client.post(
        reverse("plans:task_create", args=[plan.pk]),
        _task_data(content="", leads=[], timing_text="Trước ngày 20/10/2022"),
        **HTMX,
    )
    content = response.content.decode()
    assert response["HX-Retarget"] == "#new-task"
    assert "Trường này là bắt buộc" in content
    assert "Hãy chọn ít nhất một đơn vị chủ trì" in content
    assert ">\nTrước ngày 20/10/2022</textarea>" in content  # the timing as typed
    assert PlanTask.objects.count() == 0


def test_after_a_refused_row_a_successful_one_resets_the_form_without_script(
    client, secretary, plan
):
    """The form (with the red errors of the refused attempt) comes back empty, by an htmx
    out-of-band swap: the content security policy refuses inline handlers (hx-on)."""
    client.force_login(secretary)
    url = reverse("plans:task_create", args=[plan.pk])
    client.post(url, _task_data(content="", timing_text="Tháng 3"), **HTMX)
    response = client.post(url, _task_data(content="Rà soát quy trình"), **HTMX)
    content = response.content.decode()
    assert content.startswith('<tbody id="task-rows">')  # the table, with the new row
    assert "Rà soát quy trình" in content
    fresh = content[content.index('<details id="new-task"') :]
    assert 'hx-swap-oob="true"' in fresh
    assert "Trường này là bắt buộc" not in fresh
    assert re.search(r'<textarea name="content"[^>]*>\s*</textarea>', fresh)  # empty again
    assert "hx-on" not in fresh
    assert PlanTask.objects.count() == 1


def test_a_unit_of_another_organization_is_refused(client, secretary, plan):
    foreign = DepartmentFactory(name="Phòng của Sở khác")
    client.force_login(secretary)
    response = client.post(
        reverse("plans:task_create", args=[plan.pk]), _task_data(leads=[f"d:{foreign.pk}"])
    )
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert PlanTask.objects.count() == 0


def test_edit_a_row_in_place(client, secretary, plan, department):
    task = add_task(plan)
    client.force_login(secretary)
    form = client.get(reverse("plans:task_edit", args=[task.pk]), **HTMX).content.decode()
    assert form.startswith(f'<tr id="task-{task.pk}"')
    assert 'name="content"' in form

    response = client.post(
        reverse("plans:task_edit", args=[task.pk]),
        _task_data(task, content="Nội dung đã sửa", supports=[f"d:{department.pk}"]),
        **HTMX,
    )
    row = response.content.decode()
    assert row.startswith(f'<tr id="task-{task.pk}"')
    assert "Nội dung đã sửa" in row
    assert "Phòng Người có công" in row
    task.refresh_from_db()
    assert (task.content, task.lock_version) == ("Nội dung đã sửa", 1)


def test_edit_a_row_without_javascript(client, secretary, plan):
    task = add_task(plan)
    client.force_login(secretary)
    page = client.get(reverse("plans:task_edit", args=[task.pk])).content.decode()
    assert "<html" in page
    response = client.post(
        reverse("plans:task_edit", args=[task.pk]), _task_data(task, timing_text="Tháng 6")
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.timing_text == "Tháng 6"


def test_two_people_editing_the_same_row(client, secretary, make_member, plan):
    task = add_task(plan)
    opened = _task_data(task)
    client.force_login(make_member(Role.ISO_SECRETARY, username="thuky2"))
    client.post(reverse("plans:task_edit", args=[task.pk]), {**opened, "content": "Bản thứ nhất"})

    client.force_login(secretary)
    response = client.post(
        reverse("plans:task_edit", args=[task.pk]), {**opened, "content": "Bản thứ hai"}, **HTMX
    )
    content = response.content.decode()
    assert "Người khác đã lưu nội dung công việc này" in content
    assert "Bản thứ nhất" in content  # what is saved now
    assert "Bản thứ hai" in content  # what they typed
    task.refresh_from_db()
    assert task.content == "Bản thứ nhất"


def test_move_rows_and_the_numbers_follow(client, secretary, plan):
    first, _second, third = (add_task(plan, content=c) for c in ("A", "B", "C"))
    client.force_login(secretary)
    client.post(reverse("plans:task_move", args=[third.pk]), {"direction": "up"})
    assert _orders(plan) == [(1, "A"), (2, "C"), (3, "B")]
    response = client.post(
        reverse("plans:task_move", args=[first.pk]), {"direction": "down"}, **HTMX
    )
    assert response.content.decode().startswith('<tbody id="task-rows">')
    assert _orders(plan) == [(1, "C"), (2, "A"), (3, "B")]
    client.post(reverse("plans:task_move", args=[first.pk]), {"direction": "up"})
    client.post(reverse("plans:task_move", args=[first.pk]), {"direction": "up"})  # stays first
    assert _orders(plan) == [(1, "A"), (2, "C"), (3, "B")]


def test_delete_a_row_after_confirmation(client, secretary, plan):
    first, _second = add_task(plan, content="A"), add_task(plan, content="B")
    client.force_login(secretary)
    page = client.get(reverse("plans:task_delete", args=[first.pk])).content.decode()
    assert "Xóa nội dung công việc 1?" in page
    assert PlanTask.objects.count() == 2

    client.post(reverse("plans:task_delete", args=[first.pk]))
    assert _orders(plan) == [(1, "B")]


def test_the_plan_page_shows_the_table_in_a_constant_number_of_queries(
    client, secretary, plan, department, django_assert_max_num_queries
):
    client.force_login(secretary)

    def load():
        with django_assert_max_num_queries(16) as captured:
            assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 200
        return len(captured)

    for n in range(5):
        add_task(plan, content=f"Việc {n}", supports=[_department_ref(department)])
    with_5 = load()
    for n in range(55):
        add_task(plan, content=f"Việc {n + 5}", supports=[_department_ref(department)])
    assert load() == with_5


def _department_ref(department):
    from plans.planning.services.task import UnitRef

    return UnitRef(department_id=department.pk)


def test_the_form_says_what_the_timing_text_means_as_it_is_typed(client, secretary, plan):
    client.force_login(secretary)
    url = reverse("plans:timing_explain", args=[plan.pk])
    content = client.get(url, {"timing_text": "Hàng quý"}, **HTMX).content.decode()
    assert "Đã hiểu:" in content
    assert "4 lần: hạn cuối mỗi quý" in content
    # A written date on a day off: the due date before it, and why.
    content = client.get(url, {"timing_text": "Trước ngày 30/4/2022"}, **HTMX).content.decode()
    assert "Hạn 29/04/2022 — 30/04 là ngày nghỉ lễ (Ngày Chiến thắng)" in content
    content = client.get(url, {"timing_text": "Khi nào rảnh"}, **HTMX).content.decode()
    assert "hãy chọn lịch bằng tay" in content


def test_text_it_cannot_read_keeps_the_task_valid(client, secretary, plan):
    client.force_login(secretary)
    client.post(reverse("plans:task_create", args=[plan.pk]), _task_data(timing_text="Khi rảnh"))
    task = PlanTask.objects.get()
    assert task.timing_text == "Khi rảnh"
    assert not task.schedule_understood
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Chưa hiểu được thời gian này" in page


def test_the_secretary_overrides_the_schedule_by_hand(client, secretary, plan):
    task = add_task(plan, timing="Khi rảnh")
    client.force_login(secretary)
    response = client.post(
        reverse("plans:task_edit", args=[task.pk]),
        _task_data(
            task, timing_text="Khi rảnh", schedule_mode="dates", schedule_dates="32/13/2022"
        ),
    )
    assert "không phải ngày dạng dd/mm/yyyy" in response.content.decode()

    client.post(
        reverse("plans:task_edit", args=[task.pk]),
        _task_data(
            task,
            timing_text="Khi rảnh",
            schedule_mode="dates",
            schedule_dates="15/04/2022, 15/10/2022",
        ),
    )
    task.refresh_from_db()
    assert task.schedule_manual
    assert [o["due"] for o in task.schedule["occurrences"]] == ["2022-04-15", "2022-10-15"]
    form = client.get(reverse("plans:task_edit", args=[task.pk])).context["form"]
    assert form.initial["schedule_mode"] == "dates"
    assert form.initial["schedule_dates"] == "15/04/2022, 15/10/2022"

    # Back to what the text says.
    client.post(
        reverse("plans:task_edit", args=[task.pk]),
        _task_data(
            task.__class__.objects.get(pk=task.pk), timing_text="Hàng quý", schedule_mode=""
        ),
    )
    task.refresh_from_db()
    assert not task.schedule_manual
    assert len(task.schedule["occurrences"]) == 4


@pytest.mark.django_db(transaction=True)
def test_two_people_adding_a_task_at_once_get_two_numbers(require_postgres, organization):
    """Ten rounds of two simultaneous "add task" on PostgreSQL: every row its own number."""
    import threading

    from django.db import connection

    from plans.planning.services.task import TaskData, task_create
    from tests.factories import PlanFactory

    plan = PlanFactory(organization=organization)
    errors = []

    def add(barrier, number):
        try:
            barrier.wait()
            task_create(plan=plan, data=TaskData(content=f"Việc {number}", timing_text="Tháng 3"))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    for round_ in range(10):
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=add, args=(barrier, 2 * round_ + n)) for n in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    numbers = list(PlanTask.objects.filter(plan=plan).values_list("order", flat=True))
    assert sorted(numbers) == list(range(1, 21))


def test_the_database_refuses_two_live_tasks_with_one_number(plan):
    from django.db import IntegrityError, transaction

    first = add_task(plan, content="Một")
    first.soft_delete()  # a deleted row keeps its number and may share it
    PlanTask.objects.create(plan=plan, content="Hai", timing_text="Tháng 3", order=first.order)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanTask.objects.create(plan=plan, content="Ba", timing_text="Tháng 3", order=first.order)
