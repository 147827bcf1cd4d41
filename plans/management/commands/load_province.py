"""manage.py load_province FILE --province "Đồng Tháp" [--apply]: the preview of a province's list
of agencies (CSV or XLSX), applied with --apply (as the admin's "Load a province's list")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.organizations.province_file import apply, compare, read


class Command(BaseCommand):
    help = "Preview (and with --apply, load) a province's list of agencies from CSV or XLSX."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--province", required=True)
        parser.add_argument("--apply", action="store_true", help="apply the changes previewed")

    def handle(self, *args, **options) -> None:
        path, province = options["file"], options["province"].strip()
        rows, errors = read(path.name, path.read_bytes())
        changes = compare(province, rows, errors)
        for error in changes.errors:
            self.stderr.write(error)
        self.stdout.write(
            f"{province}: {len(changes.added)} added, {len(changes.renamed)} renamed or changed, "
            f"{len(changes.merged)} merged into another, "
            f"{changes.unchanged} unchanged, {len(changes.absent)} no longer in the list"
        )
        for agency, row, counts in changes.merged:
            self.stdout.write(
                f"  {row.code}: {agency.name} merged into {row.merged_into} "
                f"({counts.get('people', 0)} people, {counts.get('work', 0)} open work items)"
            )
        for agency, row in changes.renamed:
            self.stdout.write(f"  {row.code}: {agency.name} → {row.name}")
        for agency in changes.absent:
            self.stdout.write(f"  not in the list: {agency.code} {agency.name}")
        if changes.errors:
            raise CommandError("the list has errors: nothing changed")
        if options["apply"]:
            added, changed, merged = apply(province, changes.rows)
            self.stdout.write(
                f"applied: {added} added, {changed} renamed or changed, {merged} merged"
            )
