from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from isoplan.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with a backup made by `manage.py backup`. "
        "Everything entered since that backup is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)
        parser.add_argument(
            "--noinput", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, backup: Path, interactive: bool, **options):
        if not backup.is_file():
            raise CommandError(f"No such file: {backup}")
        if interactive:
            answer = input(
                f"This replaces ALL data and uploaded files with {backup}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled: nothing changed.")
        try:
            manifest = backup_restore(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest.created_at}: "
            f"{manifest.rows} rows and {len(manifest.files)} files, all checked."
        )
