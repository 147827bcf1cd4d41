"""Back up and restore the whole installation: the database (as Django fixtures, so a backup made
on PostgreSQL restores on PostgreSQL or SQLite) and the uploaded files, in one .tar.gz with a
manifest of row counts and file checksums that the restore checks."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

# Rebuilt by migrate/flush (content types, permissions) or meaningless after a restore (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
MANIFEST, DATA, MEDIA = "manifest.json", "data.json", "media"


class BackupError(Exception):
    pass


@dataclass
class Manifest:
    created_at: str
    version: str
    rows: dict[str, int]
    files: dict[str, str]  # path under MEDIA_ROOT → sha256

    @classmethod
    def read(cls, raw: bytes) -> Manifest:
        return cls(**json.loads(raw))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Every model's rows, soft-deleted ones included (the base manager)."""
    excluded = {"contenttypes", "sessions"}
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in excluded and model._meta.label != "auth.Permission"
    }


def media_files(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup_create(destination: Path) -> Manifest:
    """Write the backup to ``destination`` (a .tar.gz) and return its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    data = io.StringIO()
    with transaction.atomic():  # one consistent snapshot of every table
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            natural_foreign=True,
            use_base_manager=True,  # soft-deleted rows are part of the history
            stdout=data,
        )
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            version=settings.ISOPLAN_VERSION,
            rows=row_counts(),
            files=media_files(media_root),
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(destination, "w:gz") as archive:
        _add_bytes(archive, MANIFEST, json.dumps(manifest.__dict__, indent=1).encode())
        _add_bytes(archive, DATA, data.getvalue().encode())
        for relative in manifest.files:
            archive.add(media_root / relative, arcname=f"{MEDIA}/{relative}")
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


@contextmanager
def _history_paused():
    """The backup holds the history rows already; loading must not add any (django-simple-history
    records many-to-many sets even during loaddata)."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


def backup_restore(source: Path) -> Manifest:
    """Replace the database and the uploaded files with the backup's, then check both against
    its manifest. The database part is one transaction: if loading fails, nothing changed. The
    files that were there before are kept next to MEDIA_ROOT as ``<name>.before-restore-<time>``."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work, tarfile.open(source, "r:gz") as archive:
        try:
            # filter="data": no absolute paths, no "..", no links out of the folder.
            archive.extractall(work, filter="data")
            manifest = Manifest.read((Path(work) / MANIFEST).read_bytes())
        except (KeyError, FileNotFoundError, ValueError, TypeError, tarfile.TarError) as error:
            raise BackupError(f"{source} is not an isoplan backup: {error}") from error
        unpacked = Path(work) / MEDIA
        if media_files(unpacked) != manifest.files:
            raise BackupError("The backup's files do not match its manifest: it is damaged.")
        with transaction.atomic(), _history_paused():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(Path(work) / DATA), verbosity=0)
            restored = row_counts()
            if restored != manifest.rows:
                different = {k: (v, restored.get(k)) for k, v in manifest.rows.items()}
                raise BackupError(
                    "Row counts differ after loading: "
                    + ", ".join(f"{k} {a}≠{b}" for k, (a, b) in different.items() if a != b)
                )
        if media_root.exists():
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{stamp}"))
        if unpacked.exists():
            shutil.copytree(unpacked, media_root)
        else:
            media_root.mkdir(parents=True)
    if media_files(media_root) != manifest.files:
        raise BackupError("The restored files differ from the backup's manifest.")
    return manifest
