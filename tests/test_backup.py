"""`manage.py backup` and `manage.py restore`: a round trip gives back every row (soft-deleted
ones too) and every uploaded file, byte for byte."""

import tarfile
from io import BytesIO, StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from plans.backup import media_files, row_counts
from plans.models import Plan, PlanTask, User, WorkItem, WorkItemEvidence

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _agency_with_a_file():
    call_command("load_demo", stdout=StringIO())
    item = WorkItem.objects.filter(department__isnull=False).first()
    evidence = WorkItemEvidence(
        item=item,
        original_name="biên bản họp.pdf",
        size=20,
        uploaded_by=User.objects.get(username="truongphong"),
    )
    evidence.file.save("bien-ban-hop.pdf", ContentFile(b"%PDF-1.4 bien ban hop"), save=True)
    task = PlanTask.objects.filter(plan__status="draft").first()
    task.soft_delete()
    return evidence


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

    assert row_counts() == counts  # includes the soft-deleted task and the history tables
    assert media_files(media) == files  # same paths, same SHA-256
    assert (media / evidence.file.name).read_bytes() == b"%PDF-1.4 bien ban hop"
    assert PlanTask.all_objects.filter(deleted_at__isnull=False).count() == 1
    assert User.objects.get(username="thuky").check_password("isoplan-demo")
    # what was there before the restore is kept aside, not destroyed
    assert list(media.parent.glob("media.before-restore-*"))


def test_a_damaged_backup_is_refused_and_nothing_changes(media, tmp_path):
    _agency_with_a_file()
    archive = tmp_path / "isoplan.tar.gz"
    call_command("backup", out=archive, stdout=StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member)
            if member.name.startswith("media/"):  # an uploaded file's bytes changed
                member.size, content = 3, BytesIO(b"bad")
            target.addfile(member, content)
    counts = row_counts()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--noinput")
    assert row_counts() == counts


def test_a_file_that_is_not_a_backup_is_refused(media, tmp_path):
    not_a_backup = tmp_path / "ke-hoach.tar.gz"
    with tarfile.open(not_a_backup, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not an isoplan backup"):
        call_command("restore", str(not_a_backup), "--noinput")
