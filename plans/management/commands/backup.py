from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from isoplan.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (one consistent snapshot) and the uploaded files it refers to "
        "into one .tar.gz (see README: Backup and restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            help="The file to write (default: var/backups/isoplan-<date-time>.tar.gz).",
        )

    def handle(self, *args, out: Path | None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = out or Path(settings.VAR_DIR) / "backups" / f"isoplan-{stamp}.tar.gz"
        try:
            manifest = backup_create(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{destination}: {manifest.rows} rows as of {manifest.created_at}, "
            f"{len(manifest.files)} files"
        )
        if manifest.missing:
            # Referenced by a record but already gone from MEDIA_ROOT: the backup cannot hold them.
            self.stderr.write(
                f"{len(manifest.missing)} files referenced by records are missing on disk: "
                + ", ".join(manifest.missing)
            )
