"""Migration 0012 gives the items that existed before the protocol their kind and record."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0011_delivery_retry_schedule"), ("audits", "0004_lock_version")]
AFTER = [("plans", "0012_work_item_kinds")]


@pytest.mark.django_db(transaction=True)
def test_the_items_that_existed_get_their_kind_and_record():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organization = old.get_model("plans", "Organization").objects.create(name="Sở A")
    department = old.get_model("plans", "Department").objects.create(
        organization=organization, name="Phòng B"
    )
    plan = old.get_model("plans", "Plan").objects.create(organization=organization, year=2023)
    task = old.get_model("plans", "PlanTask").objects.create(plan=plan, order=1, content="Rà soát")
    WorkItem = old.get_model("plans", "WorkItem")

    def item(key, **fields):
        return WorkItem.objects.create(
            organization=organization,
            year=2023,
            period_key=key,
            due_date=datetime.date(2023, 6, 1),
            department=department,
            **fields,
        )

    item("q-1", task=task)
    item("doc-41-20230601", subject="QT-05 – Quy trình", link="/tai-lieu/41/")
    item("ext-7", subject="55/2023/NĐ-CP: Sửa đổi", link="/van-ban-ben-ngoai/7/")
    nonconformity = old.get_model("audits", "Nonconformity").objects.create(
        organization=organization,
        year=2023,
        number=1,
        source="internal_audit",
        description="Thiếu chữ ký",
        department=department,
        found_on=datetime.date(2023, 5, 2),
        recorded_by=old.get_model("plans", "User").objects.create(username="thuky"),
    )
    action = item("kph-1-1", subject="KPH-2023-01: Bổ sung chữ ký", link="/diem-khong-phu-hop/1/")
    old.get_model("audits", "CorrectiveAction").objects.create(
        nonconformity=nonconformity,
        action="Bổ sung chữ ký",
        department=department,
        due_on=datetime.date(2023, 6, 1),
        work_item=action,
    )

    executor = MigrationExecutor(connection)  # a fresh graph, as `migrate` would have
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    items = new.get_model("plans", "WorkItem").objects.order_by("pk")
    ContentType = new.get_model("contenttypes", "ContentType")
    document, external = (
        ContentType.objects.get(app_label="plans", model=m).pk
        for m in ("document", "externaldocument")
    )
    assert [(i.kind, i.source_type_id, i.source_id) for i in items] == [
        ("plan_task", None, None),
        ("document_review", document, 41),
        ("document_update", external, 7),
        ("corrective_action", None, None),
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # the database as the other tests expect
