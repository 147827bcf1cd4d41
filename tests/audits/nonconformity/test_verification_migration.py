"""Migration 0007 keeps the verifications written before each one had its row: read back from
the nonconformity's history, or its latest one where the history has none."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

AUDITS_BEFORE = ("audits", "0006_history_reasons_whole")
AUDITS_AFTER = ("audits", "0007_verifications_kept")
D = datetime.date


@pytest.mark.django_db(transaction=True)
def test_the_verifications_written_over_are_kept():
    executor = MigrationExecutor(connection)
    # The other apps as they are now: only this migration is undone and done again.
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "audits"]
    before, after = [*others, AUDITS_BEFORE], [*others, AUDITS_AFTER]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    organization = old.get_model("plans", "Organization").objects.create(name="Sở A")
    department = old.get_model("plans", "Department").objects.create(
        organization=organization, name="Phòng B"
    )
    User = old.get_model("plans", "User")
    secretary, auditor = (User.objects.create(username=name) for name in ("thuky", "danhgia"))
    Nonconformity = old.get_model("audits", "Nonconformity")
    historical = old.get_model("audits", "HistoricalNonconformity")

    def nonconformity(number, **fields):
        return Nonconformity.objects.create(
            organization=organization,
            year=2023,
            number=number,
            source="internal_audit",
            description="Thiếu phiếu xin lỗi",
            department=department,
            found_on=D(2023, 5, 2),
            recorded_by=secretary,
            **fields,
        )

    def history(record, day, **fields):
        state = {
            field.attname: getattr(record, field.attname)
            for field in Nonconformity._meta.concrete_fields
            if field.attname != "lock_version"
        }
        historical.objects.create(
            **{**state, **fields},
            history_date=datetime.datetime(2023, 11, day, 2, tzinfo=datetime.UTC),
            history_type="~",
        )

    # Verified ineffective, analysed again (the same verification), then verified effective.
    twice = nonconformity(
        1,
        status="closed",
        closed_on=D(2023, 11, 28),
        verified_by=secretary,
        verified_on=D(2023, 11, 28),
        verification="Đủ phiếu",
    )
    history(twice, 1, status="in_progress", verified_by_id=None, verified_on=None, verification="")
    ineffective = {"verified_by_id": auditor.pk, "verified_on": D(2023, 11, 10)}
    history(twice, 10, status="open", verification="Còn thiếu", **ineffective)
    history(
        twice, 12, status="open", root_cause="Chưa có mẫu", verification="Còn thiếu", **ineffective
    )
    history(twice, 28)
    # Verified before any history was kept; and one never verified.
    nonconformity(
        2, status="open", verified_by=auditor, verified_on=D(2023, 6, 1), verification="Chưa đạt"
    )
    nonconformity(3)

    executor = MigrationExecutor(connection)  # a fresh graph, as `migrate` would have
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    kept = new.get_model("audits", "Verification").objects.order_by("nonconformity__number", "pk")
    assert [
        (v.nonconformity.number, v.verified_by.username, v.verified_on, v.effective, v.note)
        for v in kept
    ] == [
        (1, "danhgia", D(2023, 11, 10), False, "Còn thiếu"),
        (1, "thuky", D(2023, 11, 28), True, "Đủ phiếu"),
        (2, "danhgia", D(2023, 6, 1), False, "Chưa đạt"),
    ]
    assert timezone.localdate(kept[0].created_at) == D(2023, 11, 10)  # when it was written
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # the database as the other tests expect
