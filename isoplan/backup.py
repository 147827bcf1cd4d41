"""Back up and restore the whole installation: one consistent snapshot of the database, the
uploaded files it refers to and a manifest, streamed into one .tar.gz; the restore checks the
archive before it touches anything and the result before it keeps it.

What "consistent" means here:
- PostgreSQL: a REPEATABLE READ transaction exports its snapshot (``pg_export_snapshot``); the row
  counts and the names of the referenced files are read in that transaction, and
  ``pg_dump --snapshot`` dumps that very state while the transaction stays open. People keep
  working meanwhile; a write committed after the snapshot is wholly absent, never half there.
- SQLite: the online backup API copies the database in one step (one read transaction); the counts
  and the file names are read from the copy.
- Uploaded files (MEDIA_ROOT) are not in the database. The archive holds every file a row of the
  snapshot refers to (every FileField), read after the snapshot: stored files are never rewritten
  or deleted (each upload gets a new name, isoplan/uploads.py), so it is the file that row meant. A
  file uploaded after the snapshot is left out, as no row of the backup refers to it; so are files
  no row refers to any more. A referenced file already missing on disk is listed in the manifest
  as missing (and reported) instead of failing every nightly backup.
- A backup restores on the engine it was made on: PostgreSQL's dump on PostgreSQL, SQLite's copy
  on SQLite. Nothing is held in memory: the dump goes to a file, files are copied in chunks.

Archive (format 2): ``database.pgdump`` (pg_dump's custom format) or ``database.sqlite3``, then
``media/<path>`` for each file, then ``manifest.json`` (engine, row count per table, SHA-256 of the
database file and of each media file, computed while they were written).

Restore: unpack next to MEDIA_ROOT, refuse a foreign-engine archive, check every SHA-256, then
- PostgreSQL: one transaction fed to psql drops the schema's tables, runs pg_restore's script,
  compares every table's row count with the manifest and only then commits; an error, a wrong
  count or an interruption (no COMMIT was sent) leaves the database as it was;
- SQLite: the copy is checked (integrity, row counts) and copied over the database with the
  backup API in one step, then counted again;
then the files are put in place (a different file of the same name is kept as
``<name>.before-restore-<time>``, files the backup does not know are left alone) and checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from django.utils._os import safe_join

FORMAT = 2
MANIFEST, MEDIA = "manifest.json", "media"
DATABASE_FILE = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ENGINE_NAME = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
CHUNK = 1 << 20
_TABLE_NAME = re.compile(r"^[A-Za-z0-9_]+$")  # Django's table names; anything else is not ours


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    engine: str  # connection.vendor of the installation that made it
    created_at: str  # the moment of the snapshot
    version: str  # ISOPLAN_VERSION
    database: str  # the archive member holding the database
    database_sha256: str
    tables: dict[str, int]  # table → rows, every table of the snapshot
    files: dict[str, str]  # path under MEDIA_ROOT → SHA-256
    missing: list[str] = field(default_factory=list)  # referenced by a row but not on disk
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("the manifest is not an object")
        if data.get("format") != FORMAT:
            raise BackupError(
                f"This archive is in another backup format ({data.get('format', 1)}, this version "
                f"reads {FORMAT}): restore it with the isoplan version that made it."
            )
        manifest = cls(**data)
        tables_ok = all(
            isinstance(name, str) and _TABLE_NAME.match(name) and isinstance(rows, int)
            for name, rows in manifest.tables.items()
        )
        if manifest.engine not in DATABASE_FILE or not tables_ok:
            raise ValueError("unexpected manifest content")
        return manifest

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, str]:
    """Every file under ``root`` → its SHA-256."""
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def row_counts() -> dict[str, int]:
    """Every table of the database → its number of rows (history and soft-deleted rows too)."""
    with connection.cursor() as cursor:
        tables = [t.name for t in connection.introspection.get_table_list(cursor) if t.type == "t"]
        return _count(cursor, tables, connection.ops.quote_name)


def _count(cursor: Any, tables: Iterable[str], quote: Callable[[str], str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _referenced_files(cursor: Any, tables: Iterable[str], quote: Callable[[str], str]) -> set[str]:
    """The names stored in every FileField of the snapshot."""
    present, names = set(tables), set()
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and model._meta.db_table in present:
                column, table = quote(model_field.column), quote(model._meta.db_table)
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
                names.update(name for (name,) in cursor.fetchall() if name)
    return names


@dataclass
class _Snapshot:
    database: Path
    taken_at: str
    tables: dict[str, int]
    files: set[str]


# --- backup -----------------------------------------------------------------------------------


def backup_create(destination: Path) -> Manifest:
    """Write the backup to ``destination`` (a .tar.gz) and return its manifest. The archive is
    written under a temporary name first: an interrupted backup never looks like a complete one."""
    engine = connection.vendor
    if engine not in DATABASE_FILE:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
    media_root = Path(settings.MEDIA_ROOT)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".isoplan-backup-") as work:
        database = Path(work) / DATABASE_FILE[engine]
        snapshot = _SNAPSHOT[engine](database)
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            database_sha256 = _add_file(archive, database, database.name)
            database.unlink()  # the disk holds one copy of the data at a time
            files, missing = {}, []
            for name in sorted(snapshot.files):
                path = Path(safe_join(media_root, name))
                if path.is_file():
                    files[name] = _add_file(archive, path, f"{MEDIA}/{name}")
                else:
                    missing.append(name)
            manifest = Manifest(
                engine=engine,
                created_at=snapshot.taken_at,
                version=settings.ISOPLAN_VERSION,
                database=database.name,
                database_sha256=database_sha256,
                tables=snapshot.tables,
                files=files,
                missing=missing,
            )
            content = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(content), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(content))
        partial.replace(destination)
    return manifest


class _Hashing:
    """Reads a file for tarfile and hashes what went through, so each file is read once."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def _add_file(archive: tarfile.TarFile, path: Path, name: str) -> str:
    info = archive.gettarinfo(str(path), arcname=name)
    with path.open("rb") as handle:
        reader = _Hashing(handle)
        archive.addfile(info, reader)
    return reader.digest.hexdigest()


def _snapshot_postgresql(target: Path) -> _Snapshot:
    pg_dump = _program("pg_dump")
    session = connection.copy()  # its own session: the caller's transaction plays no part
    try:
        session.set_autocommit(False)
        with session.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), now()")
            snapshot_id, taken_at = cursor.fetchone()
            tables = [t.name for t in session.introspection.get_table_list(cursor) if t.type == "t"]
            counts = _count(cursor, tables, session.ops.quote_name)
            files = _referenced_files(cursor, tables, session.ops.quote_name)
            # No compression here: the archive's gzip compresses once. The transaction stays
            # open until pg_dump has finished, as --snapshot requires.
            dumped = subprocess.run(  # noqa: S603 - a fixed program, no shell
                [
                    pg_dump,
                    f"--snapshot={snapshot_id}",
                    "--format=custom",
                    "--compress=0",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={target}",
                ],
                env=_pg_environment(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=False,
            )
            if dumped.returncode:
                error = dumped.stderr.decode(errors="replace").strip()
                raise BackupError(f"pg_dump failed: {error}")
        session.rollback()
    finally:
        session.close()
    return _Snapshot(target, taken_at.isoformat(), counts, files)


def _snapshot_sqlite(target: Path) -> _Snapshot:
    session = connection.copy()
    try:
        session.ensure_connection()
        taken_at = timezone.now().isoformat()
        with closing(sqlite3.connect(target)) as copy:
            session.connection.backup(copy)  # all pages in one step: one read transaction
            cursor = copy.cursor()
            tables = _sqlite_tables(cursor)
            counts = _count(cursor, tables, connection.ops.quote_name)
            files = _referenced_files(cursor, tables, connection.ops.quote_name)
    finally:
        session.close()
    return _Snapshot(target, taken_at, counts, files)


def _sqlite_tables(cursor: sqlite3.Cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in cursor.fetchall()]


_SNAPSHOT = {"postgresql": _snapshot_postgresql, "sqlite": _snapshot_sqlite}


def _pg_environment() -> dict[str, str]:
    """Where pg_dump/psql connect: the Django connection's settings, the password in the
    environment (never on a command line)."""
    settings_dict = connection.settings_dict
    _, extra = connection.client.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {}), "PGAPPNAME": "isoplan-backup"}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def _program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} was not found: install Debian's postgresql-client (make system-deps; the "
            "Docker image has it), of at least the PostgreSQL server's major version."
        )
    return path


# --- restore ----------------------------------------------------------------------------------


def backup_restore(source: Path) -> Manifest:
    """Replace the database with the backup's and put its files in place, after checking the
    archive; the database part is one transaction checked before it commits."""
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # Unpacked next to MEDIA_ROOT (on disk, not in memory), so the files are moved, not copied.
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".isoplan-restore-") as work:
        manifest = _unpack(source, Path(work))
        _RESTORE[manifest.engine](Path(work) / manifest.database, manifest)
        ContentType.objects.clear_cache()  # the ids may differ in the restored tables
        _put_files_in_place(Path(work) / MEDIA, media_root, manifest)
    wrong = [name for name, digest in manifest.files.items() if _digest(media_root, name) != digest]
    if wrong:
        raise BackupError(f"The database is restored but these files differ: {', '.join(wrong)}")
    return manifest


def _unpack(source: Path, work: Path) -> Manifest:
    try:
        with tarfile.open(source, "r:*") as archive:
            # filter="data": no absolute paths, no "..", no links out of the folder.
            archive.extractall(work, filter="data")
        manifest = Manifest.from_json((work / MANIFEST).read_bytes())
    except BackupError:
        raise
    except (OSError, EOFError, ValueError, TypeError, tarfile.TarError) as error:
        raise BackupError(
            f"{source} is not an isoplan backup, or it is damaged: {error}"
        ) from error
    if manifest.engine != connection.vendor:
        raise BackupError(
            f"This backup was made on {ENGINE_NAME[manifest.engine]}; it restores only on "
            f"{ENGINE_NAME[manifest.engine]}, and this installation uses "
            f"{ENGINE_NAME.get(connection.vendor, connection.vendor)}. Nothing was changed."
        )
    database = work / manifest.database
    damaged = manifest.database != DATABASE_FILE[manifest.engine] or not database.is_file()
    if damaged or sha256(database) != manifest.database_sha256:
        raise BackupError("The backup's database file does not match its manifest: it is damaged.")
    if media_files(work / MEDIA) != manifest.files:
        raise BackupError("The backup's files do not match its manifest: it is damaged.")
    return manifest


def _differences(expected: dict[str, int], found: dict[str, int]) -> str:
    names = sorted(set(expected) | set(found))
    return ", ".join(
        f"{name} {expected.get(name, '-')}≠{found.get(name, '-')}"
        for name in names
        if expected.get(name) != found.get(name)
    )


def _restore_postgresql(dump: Path, manifest: Manifest) -> None:
    """psql runs one transaction: drop the tables, pg_restore's script, the count check, COMMIT.
    COMMIT is sent only when all went well: if anything stops on the way, psql ends without it
    and PostgreSQL rolls everything back."""
    pg_restore, psql = _program("pg_restore"), _program("psql")
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        present = connection.introspection.get_table_list(cursor)
        # The schema's own functions (a trigger's, e.g. the work tally's): pg_restore's script
        # creates them again. Not those of an extension.
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND NOT EXISTS ("
            " SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
        )
        functions = [signature for (signature,) in cursor.fetchall()]
    if not _TABLE_NAME.match(schema):
        raise BackupError(f"Unexpected schema name {schema!r}.")
    # Every table goes, not only the backup's: a table added by a later migration would stay.
    drop = [
        f"DROP {'VIEW' if table.type == 'v' else 'TABLE'} IF EXISTS "
        f"{quote(schema)}.{quote(table.name)} CASCADE;"
        for table in sorted(present, key=lambda table: table.type != "v")  # views first
    ]
    # After the tables: their triggers go with them. A function's signature as PostgreSQL
    # writes it, already quoted where it must be.
    drop += [f"DROP FUNCTION IF EXISTS {signature} CASCADE;" for signature in functions]
    prologue = "\n".join(["SET client_min_messages = warning;", "BEGIN;", *drop, ""])
    with tempfile.TemporaryFile() as errors:
        script = subprocess.Popen(  # noqa: S603 - fixed programs, no shell
            [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(dump)],
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        loader = subprocess.Popen(  # noqa: S603
            [psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=_pg_environment(),
        )
        assert script.stdout  # noqa: S101 - a pipe
        assert loader.stdin  # noqa: S101 - a pipe
        try:
            loader.stdin.write(prologue.encode())
            shutil.copyfileobj(script.stdout, loader.stdin, CHUNK)
            if script.wait() == 0:
                loader.stdin.write(_count_check(schema, manifest.tables).encode())
                loader.stdin.write(b"\nCOMMIT;\n")
        except BrokenPipeError:
            pass  # psql stopped on an error: reported below
        finally:
            script.stdout.close()
            if script.poll() is None:
                script.kill()
            with contextlib.suppress(BrokenPipeError):
                loader.stdin.close()  # without COMMIT, psql ends and the transaction rolls back
            loader.wait()
        if script.wait() or loader.returncode:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()[-2000:]
            raise BackupError(f"The restore failed and the database is unchanged: {message}")


def _count_check(schema: str, tables: dict[str, int]) -> str:
    """A DO block that aborts the transaction unless every table holds the manifest's rows and
    no other table exists. The names matched _TABLE_NAME (Manifest.from_json), the counts are
    integers: nothing from the archive is pasted into the SQL unchecked."""
    lines = ["", "DO $check$", "DECLARE wrong text := ''; n bigint;", "BEGIN"]
    for table, rows in sorted(tables.items()):
        lines += [
            f'  SELECT count(*) INTO n FROM "{schema}"."{table}";',  # noqa: S608
            f"  IF n <> {rows} THEN wrong := wrong || ' {table} {rows}≠' || n; END IF;",
        ]
    expected = ", ".join(f"'{table}'" for table in sorted(tables)) or "''"
    lines += [
        "  SELECT wrong || coalesce(string_agg(' ' || tablename || ' not in the backup', ''), '')",
        f"    INTO wrong FROM pg_tables WHERE schemaname = '{schema}'",
        f"    AND tablename NOT IN ({expected});",
        "  IF wrong <> '' THEN",
        "    RAISE EXCEPTION 'Row counts differ after loading:%', wrong;",
        "  END IF;",
        "END $check$;",
    ]
    return "\n".join(lines)


def _restore_sqlite(copy_path: Path, manifest: Manifest) -> None:
    with closing(sqlite3.connect(copy_path)) as copy:
        cursor = copy.cursor()
        try:
            (integrity,) = cursor.execute("PRAGMA integrity_check").fetchone()
            counts = _count(cursor, _sqlite_tables(cursor), connection.ops.quote_name)
        except sqlite3.Error as error:
            integrity, counts = str(error), {}
        if integrity != "ok" or counts != manifest.tables:
            raise BackupError(
                "The backup's database does not match its manifest, nothing was changed: "
                + (integrity if integrity != "ok" else _differences(manifest.tables, counts))
            )
        connection.ensure_connection()
        try:
            copy.backup(connection.connection)  # one step: the database is replaced at once
        except sqlite3.Error as error:
            raise BackupError(
                f"The restore failed and the database is unchanged: {error}"
            ) from error
    restored = row_counts()
    if restored != manifest.tables:
        raise BackupError(
            f"Row counts differ after loading: {_differences(manifest.tables, restored)}"
        )


_RESTORE = {"postgresql": _restore_postgresql, "sqlite": _restore_sqlite}


def _digest(root: Path, name: str) -> str | None:
    path = root / name
    return sha256(path) if path.is_file() else None


def _put_files_in_place(unpacked: Path, media_root: Path, manifest: Manifest) -> None:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    for name, digest in manifest.files.items():
        target = Path(safe_join(media_root, name))
        if target.is_file():
            if sha256(target) == digest:
                continue
            target.rename(target.with_name(f"{target.name}.before-restore-{stamp}"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(unpacked / name, target)
