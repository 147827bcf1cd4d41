"""Trainings held: recorded by the secretary (any unit or the agency) or a head (their unit), seen
by whoever they concern, listed per year, unit and person in a fixed number of queries; a
training completes the plan's task on training and its deletion reopens it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.choices import Role
from plans.planning.services.plan import plan_approve, plan_submit
from plans.training.models import Training
from plans.training.services import TRAINING_HELD, TrainingError, training_delete, training_record
from tests.factories import DepartmentFactory, PlanFactory, add_task
from tests.histories import assert_queries_do_not_grow, changes, entries, label

pytestmark = pytest.mark.django_db
D = datetime.date
HELD = D(2023, 5, 10)


def _training(organization, user, attendees=(), department=None, held_on=HELD, **kw):
    fields = {
        "title": "Tập huấn TCVN ISO 9001:2015",
        "trainer_name": "Chi cục TC-ĐL-CL",
        **kw,
    }
    return training_record(
        organization=organization,
        user=user,
        attendees=attendees,
        department=department,
        held_on=held_on,
        **fields,
    )


def test_the_secretary_records_a_training_with_attendees_and_evidence(
    client, organization, department, secretary, make_member
):
    staff = make_member(Role.STAFF, department=department)
    client.force_login(secretary)
    url = reverse("plans:training_create")
    data = {
        "held_on": "10/05/2023",
        "department": "",  # the whole agency
        "title": "Tập huấn nhận thức TCVN ISO 9001:2015",
        "trainer": secretary.pk,
        "attendees": [staff.pk, secretary.pk],
        "hours": "4",
        "evidence": SimpleUploadedFile("diem-danh.pdf", b"%PDF-1.4 list", "application/pdf"),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    training = Training.objects.get()
    assert (training.department, training.trainer, training.recorded_by) == (
        None,
        secretary,
        secretary,
    )
    assert set(training.attendees.all()) == {staff, secretary}
    assert [f.original_name for f in training.files.all()] == ["diem-danh.pdf"]
    download = client.get(reverse("plans:training_file", args=[training.files.get().pk]))
    assert download.status_code == 200


def test_a_bad_training_is_refused_with_what_was_typed_kept(
    client, organization, department, secretary
):
    client.force_login(secretary)
    response = client.post(
        reverse("plans:training_create"),
        {"held_on": "31/12/2999", "title": "Tập huấn quy trình mới", "trainer_name": ""},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"held_on", "trainer_name", "attendees"}
    assert "Tập huấn quy trình mới" in response.content.decode()
    assert not Training.objects.exists()


def test_the_service_refuses_attendees_of_another_agency(
    organization, other_organization, secretary, make_member
):
    outsider = make_member(Role.STAFF, org=other_organization)
    with pytest.raises(TrainingError):
        _training(organization, secretary, attendees=[outsider])


def test_a_head_records_their_units_training_only_and_staff_record_none(
    client, organization, department, make_member
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    other = DepartmentFactory(organization=organization)
    staff = make_member(Role.STAFF, department=department)
    client.force_login(head)
    form = client.get(reverse("plans:training_create")).context["form"]
    assert list(form.fields["department"].queryset) == [department]
    assert form.fields["department"].required  # not the whole agency
    data = {
        "held_on": "10/05/2023",
        "title": "Hướng dẫn quy trình",
        "trainer": head.pk,
        "attendees": [staff.pk],
    }
    assert (
        client.post(reverse("plans:training_create"), {**data, "department": other.pk}).status_code
        == 200
    )
    assert (
        client.post(
            reverse("plans:training_create"), {**data, "department": department.pk}
        ).status_code
        == 302
    )
    client.force_login(staff)
    assert client.get(reverse("plans:training_create")).status_code == 403


def test_each_person_sees_the_trainings_that_concern_them(
    client, organization, department, secretary, director, make_member
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    staff = make_member(Role.STAFF, department=department)
    other_unit = DepartmentFactory(organization=organization)
    other_staff = make_member(Role.STAFF, department=other_unit)
    attended = _training(organization, secretary, attendees=[staff], title="Đào tạo A")
    of_unit = _training(organization, head, department=department, title="Đào tạo B")
    elsewhere = _training(organization, secretary, attendees=[other_staff], title="Đào tạo C")
    url = reverse("plans:training_list") + "?year=2023"

    def listed(user):
        client.force_login(user)
        return {t.title for t in client.get(url).context["page"].object_list}

    assert listed(director) == listed(secretary) == {"Đào tạo A", "Đào tạo B", "Đào tạo C"}
    assert listed(head) == {"Đào tạo A", "Đào tạo B"}  # their unit's, and one their staff attended
    assert listed(staff) == {"Đào tạo A"}
    client.force_login(staff)
    assert client.get(elsewhere.get_absolute_url()).status_code == 403
    assert client.get(attended.get_absolute_url()).status_code == 200
    assert client.get(reverse("plans:training_edit", args=[of_unit.pk])).status_code == 403


def test_the_list_filters_by_year_unit_and_person(
    client, organization, department, secretary, make_member
):
    staff = make_member(Role.STAFF, department=department)
    _training(
        organization, secretary, attendees=[staff], title="2023 của phòng", department=department
    )
    _training(organization, secretary, title="2023 toàn cơ quan")
    _training(organization, secretary, title="2022", held_on=D(2022, 3, 1))
    client.force_login(secretary)

    def titles(query):
        page = client.get(reverse("plans:training_list") + query).context["page"]
        return {t.title for t in page.object_list}

    assert titles("?year=2022") == {"2022"}
    assert titles(f"?year=2023&unit={department.pk}") == {"2023 của phòng"}
    assert titles("?year=2023&unit=agency") == {"2023 toàn cơ quan"}
    assert titles(f"?year=2023&person={staff.pk}") == {"2023 của phòng"}
    assert titles("?year=abc") == set()  # this year's: none


def test_the_training_list_reads_a_fixed_number_of_queries(
    client, organization, department, secretary, make_member, django_assert_max_num_queries
):
    people = [make_member(Role.STAFF, department=department) for _n in range(5)]
    _training(organization, secretary, attendees=people, department=department)
    client.force_login(secretary)
    url = reverse("plans:training_list") + "?year=2023"
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(40):
        _training(organization, secretary, attendees=people, title=f"Tập huấn {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 30  # a page
    assert response.context["page"].paginator.count == 41


def test_a_training_completes_the_years_training_task_and_its_deletion_reopens_it(
    organization, department, secretary, director
):
    plan = PlanFactory(organization=organization, year=2023)
    task = add_task(
        plan, content="Tổ chức đào tạo, tập huấn về HTQLCL cho công chức", timing="Quý II/2023"
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    task.refresh_from_db()
    assert task.fulfilled_by == TRAINING_HELD
    training = _training(organization, secretary)
    [item] = task.work_items.all()
    assert (item.status, item.done_on, item.closed_by_record) == ("done", D(2023, 5, 10), training)
    training_delete(training=training, user=secretary)
    item.refresh_from_db()
    assert item.is_open
    assert not Training.objects.exists()


def test_a_stale_edit_is_refused_and_an_edit_is_in_the_history(
    client, organization, department, secretary, django_assert_max_num_queries
):
    training = _training(organization, secretary, attendees=[secretary])
    client.force_login(secretary)
    url = reverse("plans:training_edit", args=[training.pk])
    data = {
        "held_on": "10/05/2023",
        "department": "",
        "attendees": [secretary.pk],
        "title": "Tập huấn lần 2",
        "trainer_name": "Chi cục TC-ĐL-CL",
        "lock_version": training.lock_version,
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "title": "Tập huấn lần 3"})
    assert stale.status_code == 200
    assert stale.context["conflict"]
    training.refresh_from_db()
    assert training.title == "Tập huấn lần 2"
    history = reverse("plans:training_history", args=[training.pk])
    found = changes(entries(client, history), label(Training, "title"))
    assert found == [
        ("~", "Tập huấn TCVN ISO 9001:2015", "Tập huấn lần 2"),
        ("+", "", "Tập huấn TCVN ISO 9001:2015"),
    ]

    def more():
        for n in range(5):
            training.refresh_from_db()
            client.post(url, {**data, "title": f"Sửa {n}", "lock_version": training.lock_version})

    assert_queries_do_not_grow(client, history, more, django_assert_max_num_queries)


def test_deleting_a_training_asks_first(client, organization, secretary):
    training = _training(organization, secretary)
    client.force_login(secretary)
    url = reverse("plans:training_delete", args=[training.pk])
    assert "Xóa khóa đào tạo này?" in client.get(url).content.decode()
    assert Training.objects.exists()
    assert client.post(url).status_code == 302
    assert not Training.objects.exists()


def test_a_persons_training_record_is_theirs_their_heads_and_the_secretarys(
    client, organization, department, secretary, make_member
):
    head = make_member(Role.DEPARTMENT_HEAD, department=department)
    staff = make_member(Role.STAFF, department=department)
    colleague = make_member(Role.STAFF, department=department)
    _training(organization, secretary, attendees=[staff], title="Tập huấn nhận thức")
    url = reverse("plans:person_training", args=[staff.pk])
    for user in (staff, head, secretary):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert "Tập huấn nhận thức" in response.content.decode()
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert url in client.get(reverse("plans:profile")).content.decode()
