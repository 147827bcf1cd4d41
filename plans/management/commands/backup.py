from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one .tar.gz (see README: Backup)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            help="The file to write (default: var/backups/isoplan-<date-time>.tar.gz).",
        )

    def handle(self, *args, out: Path | None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = out or Path(settings.VAR_DIR) / "backups" / f"isoplan-{stamp}.tar.gz"
        manifest = backup_create(destination)
        self.stdout.write(
            f"{destination}: {sum(manifest.rows.values())} rows, {len(manifest.files)} files"
        )
