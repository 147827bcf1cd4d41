"""Writing the dossier: every section's records printed, their evidence copied, an index that
says where each one is (pages of the combined PDF, files of the ZIP), all in one ZIP.

Files are written to a temporary folder as they come (a year of evidence can be large), so
memory does not grow with the dossier; ``progress(done, total, step)`` is told after each step.
"""

import dataclasses
import logging
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from plans.letterhead import letterhead

from ..pdf import render_pdf
from .registry import HEADINGS, Entry, Section, sections

log = logging.getLogger(__name__)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
INDEX_NAME = "00 Mục lục hồ sơ.pdf"
COMBINED_NAME = "00 Toàn bộ bản in (một tệp).pdf"
Progress = Callable[[int, int, str], None]


@dataclasses.dataclass
class Line:
    """A row of the index: a record, where its printouts start in the combined PDF and the
    files it has in the ZIP."""

    number: int
    entry: Entry
    pages: str = ""
    files: list[str] = dataclasses.field(default_factory=list)
    missing: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Part:
    section: Section
    folder: str
    lines: list[Line]


@dataclasses.dataclass
class Result:
    archive: Path
    combined: Path
    records: int
    pages: int


def clean(name: str, limit: int = 90) -> str:
    """A folder or file name every system unpacks: no path or reserved characters."""
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "-", name).strip(" .-")
    return name[:limit].rstrip(" .-") or "ho-so"


def collect(organization, year: int) -> list[Part]:
    parts, number = [], 0
    for section in sections():
        lines = []
        for entry in section.entries(organization, year):
            lines.append(Line(0, entry))
        if not lines:
            continue
        number += 1
        folder = clean(f"{number:02d} {section.clause} {section.title}")
        parts.append(Part(section, folder, lines))
    return parts


class _Writer:
    def __init__(self, organization, year: int, directory: Path, progress: Progress):
        self.organization, self.year, self.directory = organization, year, directory
        self.progress = progress
        self.root = clean(f"Hồ sơ kiểm tra HTQLCL năm {year} - {organization.document_symbol}")
        self.archive_path = directory / "dossier.zip"
        self.zip = zipfile.ZipFile(self.archive_path, "w", zipfile.ZIP_DEFLATED)
        self.names: set[str] = set()
        self.done = 0
        self.total = 0

    def step(self, text: str) -> None:
        self.done += 1
        self.progress(self.done, self.total, text)

    def unique(self, path: str) -> str:
        """Two evidence files of one record may share a name: the second gets " (2)"."""
        stem, dot, extension = path.rpartition(".")
        if not dot:
            stem, extension = path, ""
        candidate, n = path, 1
        while candidate.lower() in self.names:
            n += 1
            candidate = f"{stem} ({n}){dot}{extension}"
        self.names.add(candidate.lower())
        return candidate

    def add_bytes(self, path: str, body: bytes) -> str:
        path = self.unique(path)
        self.zip.writestr(f"{self.root}/{path}", body)
        return path

    def add_stored(self, path: str, stored) -> str | None:
        try:
            source = stored.file.open("rb")
        except (FileNotFoundError, ValueError):
            log.error(
                "dossier: stored file missing: %s (%s %s)",
                stored.file,
                stored._meta.label,
                stored.pk,
            )
            return None
        path = self.unique(path)
        with source, self.zip.open(f"{self.root}/{path}", "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        return path


def write_dossier(organization, year: int, directory: Path, progress: Progress) -> Result:
    """The dossier of ``organization`` for ``year`` in ``directory`` (a ZIP with the index,
    the combined PDF, the printouts and the evidence; the combined PDF beside it)."""
    with translation.override("vi"):
        return _write(organization, year, directory, progress)


def _write(organization, year: int, directory: Path, progress: Progress) -> Result:
    progress(0, 0, _("Listing the records of the year"))
    parts = collect(organization, year)
    writer = _Writer(organization, year, directory, progress)
    printed: dict[str, tuple[Path, int, str]] = {}  # printout key -> (file, pages, path in ZIP)
    seen: set[tuple[str, int]] = set()  # evidence already in the dossier
    printouts = {
        p.key or id(p) for part in parts for line in part.lines for p in line.entry.printouts
    }
    files = sum(len(line.entry.evidence) for part in parts for line in part.lines)
    writer.total = len(printouts) + files + 3  # index, combined PDF, ZIP closed
    order: list[tuple[Path, str]] = []  # the combined PDF's printouts and their bookmarks
    for part in parts:
        kept = []
        for line in part.lines:
            entry = line.entry
            line.number = len(kept) + 1
            prefix = f"{line.number:02d}"
            for printout in entry.printouts:
                key = printout.key or str(id(printout))
                if key not in printed:
                    writer.step(_("Printing: %(record)s") % {"record": entry.title[:120]})
                    body = printout.render()
                    file = directory / f"printout-{len(printed)}.pdf"
                    file.write_bytes(body)
                    path = writer.add_bytes(f"{part.folder}/{prefix} {clean(printout.name)}", body)
                    printed[key] = (file, len(PdfReader(file).pages), path)
                    order.append((file, f"{part.section.clause} {entry.title[:80]}"))
                line.files.append(printed[key][2])
            for stored in entry.evidence:
                mark = (stored._meta.label, stored.pk)
                if mark in seen:
                    writer.step("")
                    continue
                seen.add(mark)
                writer.step(
                    _("Copying the evidence: %(file)s") % {"file": stored.original_name[:120]}
                )
                # Beside its printouts, a record's evidence has a folder of its own; a record
                # that is its files (a document's edition) has them in the section's folder.
                if entry.printouts:
                    name = f"{prefix} Minh chứng/{clean(stored.original_name, 120)}"
                else:
                    name = f"{prefix} {clean(stored.original_name, 120)}"
                path = writer.add_stored(f"{part.folder}/{name}", stored)
                if path is None:
                    line.missing.append(stored.original_name)
                else:
                    line.files.append(path)
            if part.section.leftovers and not line.files and not line.missing:
                continue  # its files are in the dossier under another record
            kept.append(line)
        part.lines = kept
    parts = [part for part in parts if part.lines]

    writer.step(_("Writing the index"))
    index_file, index_pages = _index(organization, year, parts, printed, directory)
    writer.add_bytes(INDEX_NAME, index_file.read_bytes())

    writer.step(_("Merging the printouts into one PDF"))
    combined = directory / "combined.pdf"
    pdf = PdfWriter()
    pdf.append(str(index_file), outline_item="Mục lục")
    for file, title in order:
        pdf.append(str(file), outline_item=title)
    with combined.open("wb") as out:
        pdf.write(out)
    pages = index_pages + sum(pages for _file, pages, _path in printed.values())
    writer.zip.write(combined, f"{writer.root}/{writer.unique(COMBINED_NAME)}")

    writer.step(_("Closing the ZIP file"))
    writer.zip.close()
    records = sum(len(part.lines) for part in parts)
    return Result(writer.archive_path, combined, records, pages)


def _page_ranges(parts: list[Part], printed: dict, first: int) -> None:
    """Each record's pages in the combined PDF, the index being pages 1..first-1."""
    start, placed = first, {}
    for part in parts:
        for line in part.lines:
            spans = []
            for printout in line.entry.printouts:
                key = printout.key or str(id(printout))
                if key not in placed:
                    pages = printed[key][1]
                    placed[key] = (start, start + pages - 1)
                    start += pages
                spans.append(placed[key])
            line.pages = ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in spans)


def _index(organization, year: int, parts: list[Part], printed: dict, directory: Path):
    """The index is the first pages of the combined PDF: its own length moves every page number
    after it, so it is rendered again until that length is stable (twice, nearly always)."""
    doc = letterhead(
        organization,
        kind="MỤC LỤC",
        symbol="",
        title=f"Hồ sơ phục vụ kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất "
        f"lượng theo TCVN ISO 9001:2015 năm {year}",
        year=year,
    )
    doc.number, doc.date = "", ""
    headings = []
    for part in parts:
        label = HEADINGS[part.section.heading]
        if not headings or headings[-1]["key"] != part.section.heading:
            headings.append({"key": part.section.heading, "label": label, "parts": []})
        headings[-1]["parts"].append(part)
    for n, heading in enumerate(headings):
        heading["number"] = ROMAN[n] if n < len(ROMAN) else str(n + 1)
    file = directory / "index.pdf"
    index_pages = 1
    for _attempt in range(4):
        _page_ranges(parts, printed, index_pages + 1)
        context = {
            "doc": doc,
            "year": year,
            "organization": organization,
            "headings": headings,
            "combined_name": COMBINED_NAME,
            "made_on": timezone.localdate(),
            "records": sum(len(part.lines) for part in parts),
        }
        file.write_bytes(render_pdf("reports/dossier/index_print.html", context))
        pages = len(PdfReader(file).pages)
        if pages == index_pages:
            break
        index_pages = pages
    return file, index_pages
