"""Controlled records keep their history, whether changed on a page or by a service, and a
deletion is a soft delete: the row stays, marked, and its history says who deleted it."""

import pytest
from django.test import Client
from django.urls import reverse

from audits.internal_audit.choices import AuditStatus, FindingResult
from audits.internal_audit.services import finding_record
from audits.models import Audit, AuditSession
from plans.choices import WorkItemStatus
from plans.models import Objective, ObjectiveSet, PlanTask, User, WorkItem
from plans.objectives.services import objectives_return, objectives_submit

pytestmark = pytest.mark.django_db


def _as(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_deleting_a_task_keeps_the_row_and_records_who_deleted_it(world):
    secretary = _as("thuky")
    task = PlanTask.objects.get(pk=world.ids["task"])
    rows_before = PlanTask.all_objects.count()
    assert secretary.post(reverse("plans:task_delete", args=[task.pk])).status_code == 302

    assert PlanTask.all_objects.count() == rows_before  # nothing removed from the table
    deleted = PlanTask.all_objects.get(pk=task.pk)
    assert deleted.deleted_at is not None
    assert not task.plan.tasks.filter(pk=task.pk).exists()  # gone from the plan and its print
    assert list(task.plan.tasks.values_list("order", flat=True)) == list(
        range(1, task.plan.tasks.count() + 1)
    )
    assert deleted.history.first().history_user.username == "thuky"
    page = secretary.get(reverse("plans:plan_history", args=[task.plan_id])).context["page"]
    assert any(e.action == "-" and e.user.username == "thuky" for e in page)
    # Its address is now a 404, as for any record the person cannot see.
    assert secretary.get(reverse("plans:task_edit", args=[task.pk])).status_code == 404


def test_deleting_an_objective_keeps_the_row_in_its_history(world):
    ObjectiveSet.objects.filter(pk=world.ids["objective_set"]).update(status="draft")
    objective = Objective.objects.get(pk=world.ids["objective"])
    url = reverse("plans:objective_delete", args=[world.ids["objective_set"], objective.pk])
    assert _as("thuky").post(url).status_code == 302
    kept = Objective.all_objects.get(pk=objective.pk)
    assert kept.deleted_at is not None
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert kept.history.first().history_user.username == "thuky"


def test_closing_and_reopening_a_work_item_is_in_its_history(world):
    item = WorkItem.objects.get(pk=world.ids["work_item"])
    WorkItem.objects.filter(pk=item.pk).update(status=WorkItemStatus.IN_PROGRESS)
    before = item.history.count()
    head = _as("truongphong")
    url = reverse("plans:work_item_detail", args=[item.pk])
    assert head.post(url, {"note": "Đã gửi báo cáo"}).status_code == 302
    assert (
        head.post(reverse("plans:work_item_reopen", args=[item.pk]), {"reason": "Sai"}).status_code
        == 302
    )
    recorded = item.history.order_by("history_id")[before:]
    statuses = [(h.status, h.history_user.username) for h in recorded]
    assert statuses == [
        (WorkItemStatus.DONE, "truongphong"),
        (WorkItemStatus.IN_PROGRESS, "truongphong"),
    ]


def test_changes_made_by_services_are_in_the_history(world):
    secretary = User.objects.get(username="thuky")
    director = User.objects.get(username="giamdoc")
    objective_set = ObjectiveSet.objects.get(pk=world.ids["objective_set"])
    ObjectiveSet.objects.filter(pk=objective_set.pk).update(status="draft")
    objective_set.refresh_from_db()
    objectives_submit(objective_set=objective_set, user=secretary)
    objectives_return(objective_set=objective_set, user=director, comment="Bổ sung chỉ tiêu")
    latest = objective_set.history.first()
    assert (latest.return_comment, latest.history_user) == ("Bổ sung chỉ tiêu", director)

    audit = Audit.objects.get(pk=world.ids["audit"])
    Audit.objects.filter(pk=audit.pk).update(status=AuditStatus.PLANNED)
    finding_record(
        session=AuditSession.objects.get(pk=world.ids["session"]),
        clause="7.5",
        question="Hồ sơ có được kiểm soát không?",
        result=FindingResult.CONFORMING,
        evidence="Sổ theo dõi",
        user=secretary,
    )
    assert audit.history.first().status == AuditStatus.IN_PROGRESS
