"""Models loaded without ``__init__`` (isoplan/loading.py) behave as Django loads them."""

import pytest
from django.db.models import signals

from plans.models import Department, PlanTask, TaskAssignment
from tests.factories import DepartmentFactory, PlanFactory, add_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def task():
    plan = PlanFactory()
    return add_task(plan, content="Rà soát quy trình", timing="Tháng 03/2022")


def test_a_loaded_row_is_the_record_as_saved(task, monkeypatch):
    def no_init(*args, **kwargs):
        raise AssertionError("a full row is loaded without __init__")

    monkeypatch.setattr(PlanTask, "__init__", no_init)
    loaded = PlanTask.objects.get(pk=task.pk)
    monkeypatch.undo()
    assert type(loaded) is PlanTask
    assert not loaded._state.adding
    assert loaded._state.db == "default"
    assert {f.attname: getattr(loaded, f.attname) for f in PlanTask._meta.concrete_fields} == {
        f.attname: getattr(task, f.attname) for f in PlanTask._meta.concrete_fields
    }
    assert loaded.plan == task.plan  # a foreign key read through its descriptor
    assert loaded == task
    assert hash(loaded) == hash(task)


def test_it_saves_as_an_update_and_refreshes(task):
    loaded = PlanTask.objects.get(pk=task.pk)
    loaded.content = "Rà soát quy trình cấp phép"
    loaded.save()
    assert PlanTask.objects.count() == 1
    task.refresh_from_db()
    assert task.content == "Rà soát quy trình cấp phép"


def test_a_foreign_key_changed_after_loading_drops_the_object_it_held():
    unit, other = DepartmentFactory(), DepartmentFactory()
    assignment = TaskAssignment.objects.create(
        task=add_task(PlanFactory(organization=unit.organization)),
        responsibility="support",
        department=unit,
    )
    loaded = TaskAssignment.objects.select_related("department").get(pk=assignment.pk)
    assert loaded.department == unit
    loaded.department_id = other.pk
    assert loaded.department == other


def test_partial_rows_and_init_signals_take_djangos_path(task):
    loaded = PlanTask.objects.only("content").get(pk=task.pk)
    assert loaded.get_deferred_fields() >= {"timing_text"}
    assert loaded.timing_text == "Tháng 03/2022"
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    signals.post_init.connect(receiver, sender=Department)
    try:
        unit = Department.objects.get(pk=DepartmentFactory().pk)
    finally:
        signals.post_init.disconnect(receiver, sender=Department)
    assert seen[-1] is unit
