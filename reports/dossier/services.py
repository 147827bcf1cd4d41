"""Asking for the dossier of a year and building it (in a Celery worker: reports/tasks.py)."""

import datetime
import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import DOSSIER_IN_PROGRESS, DossierBuild, DossierStatus
from .build import write_dossier

log = logging.getLogger(__name__)
# A build still "queued" or "being built" after this long lost its worker (the task's hard
# time limit is far shorter): it may be asked for again.
STALE_AFTER = datetime.timedelta(hours=2)


class DossierBusyError(Exception):
    """A build of that year is queued or under way."""


def dossier_is_busy(build: DossierBuild | None, now: datetime.datetime | None = None) -> bool:
    if build is None or build.status not in DOSSIER_IN_PROGRESS:
        return False
    return (now or timezone.now()) - build.requested_at < STALE_AFTER


def dossier_request(*, organization, year: int, user) -> DossierBuild:
    """Queue the dossier of ``year``: one build at a time per agency and year (the row is
    locked while it is checked); a rebuild keeps the old files until the new ones replace them."""
    from ..tasks import build_dossier

    with transaction.atomic():
        build = (
            DossierBuild.objects.select_for_update()
            .filter(organization=organization, year=year)
            .first()
        )
        if dossier_is_busy(build):
            raise DossierBusyError
        if build is None:
            build = DossierBuild(organization=organization, year=year)
        build.status = DossierStatus.QUEUED
        build.requested_by = user
        build.requested_at = timezone.now()
        build.started_at = build.finished_at = None
        build.done = build.total = 0
        build.step = _("Waiting for a worker")
        build.error = ""
        build.save()
        # After commit: the worker never looks for a row that is not saved yet.
        transaction.on_commit(lambda pk=build.pk: build_dossier.delay(pk))
    return build


def dossier_build(*, build_id: int) -> str:
    """Run by the worker. Claims the queued build (a second delivery of the task finds it
    claimed and stops), writes the files, replaces the old ones; a failure is kept on the row
    with its message, and the build may be asked for again."""
    claimed = DossierBuild.objects.filter(pk=build_id, status=DossierStatus.QUEUED).update(
        status=DossierStatus.BUILDING, started_at=timezone.now(), step=_("Starting")
    )
    if not claimed:
        return "not queued"
    build = DossierBuild.objects.select_related("organization").get(pk=build_id)
    steps = {"total": 0}

    def progress(done: int, total: int, step: str) -> None:
        steps["total"] = total
        DossierBuild.objects.filter(pk=build_id).update(done=done, total=total, step=step[:300])

    try:
        with tempfile.TemporaryDirectory(prefix="dossier-") as directory:
            result = write_dossier(build.organization, build.year, Path(directory), progress)
            _replace_files(build, result, steps["total"])
    except Exception as error:  # any failure must reach the page, not only the worker's log
        log.exception("dossier %s of %s failed", build.year, build.organization_id)
        DossierBuild.objects.filter(pk=build_id).update(
            status=DossierStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:2000],
        )
        return "failed"
    return "ready"


def _replace_files(build: DossierBuild, result, steps: int) -> None:
    old = [field.name for field in (build.archive, build.combined) if field]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    with result.archive.open("rb") as archive, result.combined.open("rb") as combined:
        build.archive.save(f"ho-so-kiem-tra-{build.year}-{stamp}.zip", File(archive), save=False)
        build.combined.save(f"ho-so-kiem-tra-{build.year}-{stamp}.pdf", File(combined), save=False)
    build.status = DossierStatus.READY
    build.finished_at = timezone.now()
    build.records, build.pages = result.records, result.pages
    build.size = result.archive.stat().st_size
    build.done = build.total = max(steps, 1)
    build.step = ""
    build.save(
        update_fields=[
            "archive",
            "combined",
            "status",
            "finished_at",
            "records",
            "pages",
            "size",
            "done",
            "total",
            "step",
        ]
    )
    storage = build.archive.storage
    for name in old:
        if name not in (build.archive.name, build.combined.name):
            storage.delete(name)


def build_now(organization, year: int, directory: str | Path | None = None) -> Path:
    """The dossier written at once, in this process (no Celery, no row): for measuring one
    build (``python manage.py shell``) or a look at it. Returns the ZIP's path; the combined
    PDF is beside it."""
    directory = Path(directory or tempfile.mkdtemp(prefix="dossier-"))
    directory.mkdir(parents=True, exist_ok=True)
    return write_dossier(organization, year, directory, lambda *_: None).archive
