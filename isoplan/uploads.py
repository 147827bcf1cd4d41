"""Checks every uploaded file goes through: type by content (not only by name), size, a safe name.

A form field (`UploadField`) runs the checks; services store the file under a generated path and
keep the sanitised original name for the download (`safe_name`). Files are never served from a
public folder: each download view checks that the person may see the record first.

A .docx/.xlsx is a zip archive that a few hundred kilobytes can unpack to gigabytes. Before
anything reads one, `unpack_office_file` unpacks it within `OFFICE_ARCHIVE_LIMITS`.
"""

import logging
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]
    signatures: tuple[bytes, ...]
    # For Office Open XML files (zip archives): a member only that kind of document has.
    zip_member: str = ""


PDF = FileKind("PDF", (".pdf",), (b"%PDF",))
DOCX = FileKind("Word", (".docx",), (b"PK\x03\x04",), zip_member="word/document.xml")
XLSX = FileKind("Excel", (".xlsx",), (b"PK\x03\x04",), zip_member="xl/workbook.xml")
DOC = FileKind("Word 97-2003", (".doc",), (b"\xd0\xcf\x11\xe0",))
XLS = FileKind("Excel 97-2003", (".xls",), (b"\xd0\xcf\x11\xe0",))
JPEG = FileKind("JPEG", (".jpg", ".jpeg"), (b"\xff\xd8\xff",))
PNG = FileKind("PNG", (".png",), (b"\x89PNG\r\n\x1a\n",))

# What agencies scan or export as records.
EVIDENCE_KINDS = (PDF, DOCX, XLSX, DOC, XLS, JPEG, PNG)

MAX_UPLOAD_BYTES: int = settings.MAX_UPLOAD_BYTES


def safe_name(name: str, *, max_length: int = 120) -> str:
    """The file name without folders or control/shell characters; Vietnamese letters kept."""
    name = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"/|?*;$`\'&]+', "_", name).strip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension.lower()[:10]
    stem = stem[: max_length - len(extension) - 1] or "tep"
    return f"{stem}.{extension}" if extension else stem


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower()


def _matches(upload: UploadedFile, kind: FileKind) -> bool:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in kind.signatures):
        return False
    if not kind.zip_member:
        return True
    try:
        with zipfile.ZipFile(upload) as archive:
            return kind.zip_member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def check_upload(
    upload: UploadedFile, *, kinds: tuple[FileKind, ...], max_bytes: int = MAX_UPLOAD_BYTES
) -> FileKind:
    """The kind of an acceptable upload, or a ValidationError naming the file and the problem."""
    extension = _extension(upload.name or "")
    kind = next((k for k in kinds if extension in k.extensions), None)
    if kind is None:
        raise forms.ValidationError(
            _("“%(name)s”: only %(kinds)s files are accepted."),
            code="file_type",
            params={"name": upload.name, "kinds": ", ".join(k.label for k in kinds)},
        )
    if upload.size is None or upload.size > max_bytes:
        raise forms.ValidationError(
            _("“%(name)s” is larger than %(limit)s MB."),
            code="file_size",
            params={"name": upload.name, "limit": max_bytes // (1024 * 1024)},
        )
    if not _matches(upload, kind):
        raise forms.ValidationError(
            _("“%(name)s” is not really a %(type)s file (its content does not match its name)."),
            code="file_content",
            params={"name": upload.name, "type": kind.label},
        )
    upload.name = safe_name(upload.name)
    return kind


# --- Office files as archives ---------------------------------------------------------------
MB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """How far an uploaded Office file may unpack. A plan's .docx or .xlsx holds a few dozen parts
    and unpacks to a few MB, most of it the document or a sheet (read element by element after,
    never as a whole tree: plans.planning.importing.stream)."""

    members: int = 1000
    member_bytes: int = 10 * MB
    total_bytes: int = 30 * MB
    # Unpacked / packed size of a part over ratio_floor: Word and Excel XML packs 5 to 30 times.
    ratio: int = 100
    ratio_floor: int = 1 * MB


OFFICE_ARCHIVE_LIMITS = ArchiveLimits()
# Word and Excel store or deflate every part; bzip2 and LZMA (which unpack far more for each byte
# read, and which zipfile unpacks without a bound on its output) only come from a hand-made file.
OFFICE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 64 * 1024


def _unreadable(name: str) -> forms.ValidationError:
    return forms.ValidationError(
        _("“%(name)s” could not be read: the file is damaged or not a real Office file."),
        code="file_damaged",
        params={"name": name},
    )


def _not_office_packing(name: str) -> forms.ValidationError:
    return forms.ValidationError(
        _(
            "“%(name)s” is not packed the way Word and Excel save files, so it was not opened. "
            "Open it in Word or Excel, save it again as .docx / .xlsx and upload it again."
        ),
        code="file_packing",
        params={"name": name},
    )


def _too_large_unpacked(name: str, limit: int) -> forms.ValidationError:
    return forms.ValidationError(
        _(
            "“%(name)s” is too large once unpacked (more than %(limit)s MB). Keep only the plan "
            "in the file (without large pictures or other sheets), or paste the table's rows."
        ),
        code="file_unpacked_size",
        params={"name": name, "limit": limit // MB},
    )


def _check_directory(members: list[zipfile.ZipInfo], name: str, limits: ArchiveLimits) -> None:
    """What the archive's directory declares: cheap to check before anything is unpacked."""
    if len(members) > limits.members:
        raise forms.ValidationError(
            _(
                "“%(name)s” holds %(count)s parts, more than a Word or Excel file has (at most "
                "%(limit)s). Save it again from Word or Excel, or paste the table's rows."
            ),
            code="file_members",
            params={"name": name, "count": len(members), "limit": limits.members},
        )
    names = {info.filename for info in members}
    if len(names) != len(members) or any(
        info.compress_type not in OFFICE_COMPRESSION or info.flag_bits & 0x1  # encrypted
        for info in members
    ):
        raise _not_office_packing(name)
    for info in members:
        if info.file_size > limits.member_bytes:
            raise _too_large_unpacked(name, limits.member_bytes)
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise _not_office_packing(name)
    if sum(info.file_size for info in members) > limits.total_bytes:
        raise _too_large_unpacked(name, limits.total_bytes)


def unpack_office_file(
    file: IO[bytes],
    *,
    name: str,
    limits: ArchiveLimits = OFFICE_ARCHIVE_LIMITS,
    tick: Callable[[], None] | None = None,
) -> dict[str, bytes]:
    """The parts of an uploaded .docx/.xlsx (name → content), unpacked within `limits`, or a
    ValidationError for the person who uploaded it. The archive's directory is checked first, then
    every part again while it is unpacked: a directory that understates a part's size does not get
    more than it declared through. `tick` is called between chunks (a time limit raises there)."""
    file.seek(0)
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            _check_directory(members, name, limits)
            for info in members:
                chunks, size = [], 0
                # In small reads: zipfile's read() of a whole part unpacks all of its compressed
                # data before cutting it at the size the directory declares.
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        size += len(chunk)
                        if size > info.file_size:  # checked above against the limits
                            raise _unreadable(name)
                        chunks.append(chunk)
                        if tick:
                            tick()
                if size != info.file_size:
                    raise _unreadable(name)
                parts[info.filename] = b"".join(chunks)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        # zipfile raises these for a broken archive, a bad checksum or a part cut short
        raise _unreadable(name) from error
    finally:
        file.seek(0)
    return parts


def download(request, stored) -> HttpResponse:
    """A stored file (plans.models.StoredFile) as an attachment under its original name. Call
    only after checking that the person may see the record it belongs to. A file gone from the
    disk (a restore without its files, a disk error) is a 404 that says so, not a server error."""
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        log.error("stored file missing: %s (%s %s)", stored.file, stored._meta.label, stored.pk)
        return render(request, "file_missing.html", {"name": stored.original_name}, status=404)
    return FileResponse(handle, as_attachment=True, filename=stored.original_name)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadField(forms.FileField):
    """One file checked with `check_upload`; `multiple=True` takes several and returns a list."""

    def __init__(
        self,
        *,
        kinds: tuple[FileKind, ...] = EVIDENCE_KINDS,
        max_bytes: int = MAX_UPLOAD_BYTES,
        multiple: bool = False,
        **kwargs,
    ):
        self.kinds, self.max_bytes, self.multiple = kinds, max_bytes, multiple
        if multiple:
            kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(**kwargs)
        accept = ",".join(ext for kind in kinds for ext in kind.extensions)
        self.widget.attrs.setdefault("accept", accept)

    def clean(self, data, initial=None):
        if not self.multiple:
            upload = super().clean(data, initial)
            if upload:
                check_upload(upload, kinds=self.kinds, max_bytes=self.max_bytes)
            return upload
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        cleaned = [super(UploadField, self).clean(f, initial) for f in files]
        for upload in cleaned:
            check_upload(upload, kinds=self.kinds, max_bytes=self.max_bytes)
        total_limit = settings.MAX_REQUEST_UPLOAD_BYTES
        if sum(upload.size for upload in cleaned) > total_limit:
            raise forms.ValidationError(
                _(
                    "These %(count)s files are larger than %(limit)s MB in all: "
                    "send fewer at a time."
                ),
                code="files_size",
                params={"count": len(cleaned), "limit": total_limit // (1024 * 1024)},
            )
        return cleaned
