"""`manage.py backup` and `manage.py restore`: a round trip gives back every row (soft-deleted
ones and history too) and every uploaded file, byte for byte; a backup taken while people write is
one consistent snapshot that restores; a damaged, foreign or lying archive changes nothing."""

import datetime
import hashlib
import json
import tarfile
import threading
import time
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from isoplan.backup import media_files, row_counts
from plans.choices import Role
from plans.models import (
    Notification,
    Plan,
    PlanDuty,
    PlanTask,
    User,
    WorkItem,
    WorkItemEvidence,
    WorkTally,
)
from tests.factories import PlanFactory, corrective_action

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _evidence(name: str, content: bytes) -> WorkItemEvidence:
    item = WorkItem.objects.filter(department__isnull=False).first()
    evidence = WorkItemEvidence(
        item=item,
        original_name=name,
        size=len(content),
        uploaded_by=User.objects.filter(memberships__department=item.department).first(),
    )
    evidence.file.save(name, ContentFile(content), save=True)
    return evidence


def _agency_with_a_file() -> WorkItemEvidence:
    """The demo agencies, an evidence file and a soft-deleted task."""
    call_command("load_demo", stdout=StringIO())
    evidence = _evidence("bien-ban-hop.pdf", b"%PDF-1.4 bien ban hop")
    task = PlanTask.objects.filter(plan__status="draft").first()
    task.soft_delete()
    return evidence


@pytest.fixture
def small_agency(media, department, make_member):
    """Enough for the refusals: a few tables with rows, history rows, one evidence file."""
    make_member(Role.DEPARTMENT_HEAD, department=department)
    PlanFactory(organization=department.organization, status="draft")
    corrective_action(
        department, make_member(Role.ISO_SECRETARY), found_on=datetime.date(2024, 6, 1)
    )
    return _evidence("bien-ban-hop.pdf", b"%PDF-1.4 bien ban hop")


def _manifest(archive) -> dict:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def _rewrite(archive, target, change) -> None:
    """Copy the archive, passing each member's bytes through ``change(name, content, manifest)``."""
    manifest = _manifest(archive)
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            content = change(member.name, source.extractfile(member).read(), manifest)
            if member.name == "manifest.json":
                content = json.dumps(manifest).encode()
            member.size = len(content)
            copy.addfile(member, BytesIO(content))


def test_a_backup_restores_every_row_and_file_after_the_data_changed(media, tmp_path):
    evidence = _agency_with_a_file()
    counts, files = row_counts(), media_files(media)
    archive = tmp_path / "isoplan.tar.gz"
    out = StringIO()
    call_command("backup", out=archive, stdout=out)
    assert str(archive) in out.getvalue()

    # After the backup: a plan deleted, a file damaged, a new one uploaded.
    Plan.objects.filter(status="draft").delete()
    (media / evidence.file.name).write_bytes(b"damaged")
    (media / "evidence" / "new.pdf").write_bytes(b"%PDF new")
    assert row_counts() != counts

    call_command("restore", str(archive), "--noinput", stdout=StringIO())

    assert row_counts() == counts  # every table: the soft-deleted task, history, sessions…
    assert {name: media_files(media)[name] for name in files} == files  # same SHA-256
    assert (media / evidence.file.name).read_bytes() == b"%PDF-1.4 bien ban hop"
    assert PlanTask.all_objects.filter(deleted_at__isnull=False).count() == 1
    assert User.objects.get(username="thuky").check_password("isoplan-demo")
    # nothing that was there is destroyed: the damaged copy is kept aside, the new file left alone
    kept = list((media / evidence.file.name).parent.glob("bien-ban-hop.pdf.before-restore-*"))
    assert [path.read_bytes() for path in kept] == [b"damaged"]
    assert (media / "evidence" / "new.pdf").read_bytes() == b"%PDF new"
    # The work tally's triggers came back with the table, after its rows: it still counts right.
    item = WorkItem.objects.filter(status="not_started").first()
    WorkItem.objects.filter(pk=item.pk).update(status="done")
    assert _tally(item) == WorkItem.objects.filter(
        organization=item.organization, year=item.year
    ).aggregate(all=Count("pk"), done=Count("pk", filter=Q(status="done")))


def _tally(item) -> dict:
    rows = WorkTally.objects.filter(organization=item.organization, year=item.year)
    return rows.aggregate(all=Sum("items"), done=Sum("items", filter=Q(status="done")))


def test_the_archive_holds_the_files_the_records_refer_to_and_names_the_missing_ones(
    media, tmp_path
):
    kept = _agency_with_a_file()
    lost = _evidence("mat.pdf", b"%PDF lost")
    (media / lost.file.name).unlink()
    (media / "evidence" / "orphan.pdf").write_bytes(b"%PDF no record")
    archive = tmp_path / "isoplan.tar.gz"
    err = StringIO()

    call_command("backup", out=archive, stdout=StringIO(), stderr=err)

    manifest = _manifest(archive)
    referenced = set(media_files(media)) - {"evidence/orphan.pdf"}
    assert set(manifest["files"]) == referenced
    assert kept.file.name in manifest["files"]
    assert manifest["missing"] == [lost.file.name]
    assert lost.file.name in err.getvalue()
    with tarfile.open(archive) as tar:
        assert "media/evidence/orphan.pdf" not in tar.getnames()


@pytest.mark.parametrize("part", ["media/", "database."])
def test_a_damaged_backup_is_refused_and_nothing_changes(media, small_agency, tmp_path, part):
    archive = tmp_path / "isoplan.tar.gz"
    call_command("backup", out=archive, stdout=StringIO())
    damaged = tmp_path / "damaged.tar.gz"

    def damage(name, content, manifest):
        return content[:-3] + b"bad" if name.startswith(part) else content

    _rewrite(archive, damaged, damage)
    counts = row_counts()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--noinput")
    assert row_counts() == counts


def test_a_database_file_cut_short_is_refused_and_nothing_changes(media, small_agency, tmp_path):
    """Even with a manifest that agrees with the cut file (its SHA-256 recomputed), the restore
    fails before anything is committed."""
    archive = tmp_path / "isoplan.tar.gz"
    call_command("backup", out=archive, stdout=StringIO())
    cut = tmp_path / "cut.tar.gz"

    def cut_short(name, content, manifest):
        if name.startswith("database."):
            content = content[: len(content) // 2]
            manifest["database_sha256"] = hashlib.sha256(content).hexdigest()
        return content

    _rewrite(archive, cut, cut_short)
    counts = row_counts()
    with pytest.raises(CommandError, match=r"unchanged|does not match"):
        call_command("restore", str(cut), "--noinput")
    assert row_counts() == counts


def test_a_restore_whose_counts_differ_from_the_manifest_changes_nothing(
    media, small_agency, tmp_path
):
    """The counts are checked before the restore is kept (on PostgreSQL inside its transaction)."""
    archive = tmp_path / "isoplan.tar.gz"
    call_command("backup", out=archive, stdout=StringIO())
    lying = tmp_path / "lying.tar.gz"

    def one_plan_more(name, content, manifest):
        manifest["tables"]["plans_plan"] += 1
        return content

    _rewrite(archive, lying, one_plan_more)
    Plan.objects.filter(status="draft").delete()
    counts = row_counts()
    with pytest.raises(CommandError, match="plans_plan"):
        call_command("restore", str(lying), "--noinput")
    assert row_counts() == counts


def test_a_backup_from_the_other_engine_is_refused(media, small_agency, tmp_path):
    archive = tmp_path / "isoplan.tar.gz"
    call_command("backup", out=archive, stdout=StringIO())
    foreign = tmp_path / "foreign.tar.gz"
    other = {"postgresql": "sqlite", "sqlite": "postgresql"}[connection.vendor]

    def from_elsewhere(name, content, manifest):
        manifest["engine"] = other
        return content

    _rewrite(archive, foreign, from_elsewhere)
    counts = row_counts()
    with pytest.raises(CommandError, match="restores only on"):
        call_command("restore", str(foreign), "--noinput")
    assert row_counts() == counts


def test_a_file_that_is_not_a_backup_is_refused(media, tmp_path):
    not_a_backup = tmp_path / "ke-hoach.tar.gz"
    with tarfile.open(not_a_backup, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not an isoplan backup"):
        call_command("restore", str(not_a_backup), "--noinput")
    garbage = tmp_path / "anh.tar.gz"
    garbage.write_bytes(b"\x89PNG not a tar")
    with pytest.raises(CommandError, match="not an isoplan backup"):
        call_command("restore", str(garbage), "--noinput")


def _wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the writer stopped writing"
        time.sleep(0.01)


@pytest.mark.usefixtures("require_postgres")
def test_a_backup_taken_while_people_write_restores_exactly_its_snapshot(media, tmp_path):
    """Another connection commits, one after the other, a notification and a plan duty (with its
    history row) in one transaction, before, during and after the backup. The restore succeeds,
    matches the manifest, and holds the first k writes whole and none after: one snapshot."""
    _agency_with_a_file()
    user, plan = User.objects.get(username="thuky"), Plan.objects.first()
    stop, written = threading.Event(), []

    def write() -> None:
        try:
            while not stop.is_set():
                n = len(written)
                with transaction.atomic():
                    Notification.objects.create(user=user, title=f"ghi {n}", body="đang ghi")
                    PlanDuty.objects.create(plan=plan, unit=f"ghi {n}", duties="ghi")
                written.append(n)
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    archive = tmp_path / "isoplan.tar.gz"
    try:
        _wait_for(lambda: len(written) >= 5)
        before = len(written)
        call_command("backup", out=archive, stdout=StringIO())
        during = len(written) - before
        after = len(written)
        _wait_for(lambda: len(written) >= after + 5)
    finally:
        stop.set()
        writer.join()
    assert during > 0  # the writes went on while the backup ran
    manifest = _manifest(archive)
    assert manifest["tables"]["plans_notification"] < Notification.objects.count()

    out = StringIO()
    call_command("restore", str(archive), "--noinput", stdout=out)

    assert "all checked" in out.getvalue()
    assert row_counts() == manifest["tables"]
    numbers = {
        model: sorted(int(v.split()[1]) for v in values)
        for model, values in (
            (
                "notification",
                Notification.objects.filter(title__startswith="ghi ").values_list(
                    "title", flat=True
                ),
            ),
            (
                "duty",
                PlanDuty.objects.filter(unit__startswith="ghi ").values_list("unit", flat=True),
            ),
            (
                "history",
                PlanDuty.history.filter(unit__startswith="ghi ").values_list("unit", flat=True),
            ),
        )
    }
    first_k = list(range(len(numbers["notification"])))
    assert before <= len(first_k) < len(written)
    assert numbers == {"notification": first_k, "duty": first_k, "history": first_k}
