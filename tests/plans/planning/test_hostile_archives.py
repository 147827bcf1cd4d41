"""A Word or Excel file is a zip archive: a few hundred kilobytes can unpack to gigabytes, or to a
table of millions of cells. The task import refuses such files with a message, imports nothing,
keeps its memory bounded and keeps answering. The attack files are built here, streamed into the
archive (the bombs unpack to 128 MB here; the ones measured for issue 19 unpacked to 1 GB)."""

import io
import random
import struct
import zipfile
from collections.abc import Iterable, Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook

from isoplan.uploads import OFFICE_ARCHIVE_LIMITS
from plans.models import TaskImport

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
BOMB_BYTES = 128 * MB
# What a refused or bounded import may add to the process's peak memory (before the fix, each
# file below took hundreds of MB to GBs).
MEMORY_BOUND = 100 * MB

W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCUMENT_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + W + b"><w:body>"
DOCUMENT_TAIL = b"</w:body></w:document>"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"
HEADER = ["TT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian"]

TOO_LARGE_UNPACKED = "quá lớn sau khi giải nén"
NOT_OFFICE_PACKING = "không được nén theo cách Word và Excel lưu tệp"
DAMAGED = "tệp bị hỏng"
TOO_MANY_ROWS = "quá lớn để nhập"


# --- building the files ---------------------------------------------------------------------------
def _parts(kind: str) -> dict[str, bytes]:
    """The parts of a new, ordinary Word or Excel file."""
    buffer = io.BytesIO()
    (Document() if kind == "docx" else Workbook()).save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml"}


def _office_file(
    kind: str,
    main: Iterable[bytes] | None = None,
    *,
    method: int = zipfile.ZIP_DEFLATED,
    extra_parts: int = 0,
) -> bytes:
    """An ordinary .docx/.xlsx whose document (or first sheet) is streamed from ``main`` and packed
    with ``method``: nothing is held whole in memory, however far it unpacks."""
    buffer = io.BytesIO()
    level = 1 if method == zipfile.ZIP_BZIP2 else None  # bzip2 at its fastest
    with zipfile.ZipFile(buffer, "w", method, compresslevel=level) as archive:
        for name, content in _parts(kind).items():
            if name == MAIN_PART[kind] and main is not None:
                with archive.open(name, "w") as part:
                    for chunk in main:
                        part.write(chunk)
            else:
                archive.writestr(name, content)
        for number in range(extra_parts):
            archive.writestr(f"customXml/extra{number}.xml", b"<x/>")
    return buffer.getvalue()


def _zeros(total: int) -> Iterator[bytes]:
    chunk = bytes(MB)
    for _ in range(total // MB):
        yield chunk


def _text(value) -> bytes:
    return str(value).encode()


def _docx_table(rows: Iterable[list], span: int = 1) -> Iterator[bytes]:
    """document.xml with one table; the first cell of each row spans ``span`` grid columns."""
    yield DOCUMENT_HEAD + b"<w:tbl>"
    for row in rows:
        cells = [
            b"<w:tc>"
            + (b'<w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>' % span if index == 0 else b"")
            + b"<w:p><w:r><w:t>"
            + _text(value)
            + b"</w:t></w:r></w:p></w:tc>"
            for index, value in enumerate(row)
        ]
        yield b"<w:tr>" + b"".join(cells) + b"</w:tr>"
    yield b"</w:tbl>" + DOCUMENT_TAIL


def _task_rows(count: int, noise: random.Random | None = None) -> Iterator[list]:
    yield HEADER
    for number in range(1, count + 1):
        detail = f" {noise.getrandbits(64):x}" if noise else ""
        yield [number, f"Rà soát tài liệu{detail}", "Văn phòng Sở", "Tháng 5"]


def _sheet(rows: Iterable[list]) -> Iterator[bytes]:
    yield SHEET_HEAD
    for number, row in enumerate(rows, 1):
        cells = b"".join(
            b'<c t="inlineStr"><is><t>' + _text(value) + b"</t></is></c>" for value in row
        )
        yield b'<row r="%d">' % number + cells + b"</row>"
    yield SHEET_TAIL


def _understated(content: bytes, member: str, where: str, size: int = 1000) -> bytes:
    """The archive with ``member``'s unpacked size given as ``size`` in its local header and/or in
    the central directory, as a hand-made file can."""
    data = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        local = archive.getinfo(member).header_offset
    central = data.find(b"PK\x01\x02", local)
    while data[central + 46 : central + 46 + len(member)] != member.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    if where in ("local", "both"):
        struct.pack_into("<I", data, local + 22, size)
    if where in ("central", "both"):
        struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


# --- the import, as the secretary does it -----------------------------------------------------
def _peak_growth(run) -> tuple[object, int]:
    """What ``run`` returns, and how far it raised the process's peak memory (resident set)."""

    def status(field: str) -> int:
        with open("/proc/self/status") as lines:
            line = next(line for line in lines if line.startswith(field))
        return int(line.split()[1]) * 1024

    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # the peak restarts from the memory in use now
    before = status("VmRSS:")
    result = run()
    return result, status("VmHWM:") - before


def _refused(
    client, plan, message: str, content: bytes | None = None, name="ke-hoach.docx", **data
):
    """The import refuses with ``message``, imports nothing, stays within MEMORY_BOUND and the
    page still answers."""
    url = reverse("plans:task_import_start", args=[plan.pk])
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content)
    response, growth = _peak_growth(lambda: client.post(url, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TaskImport.objects.exists()
    assert plan.tasks.count() == 0
    assert growth < MEMORY_BOUND, f"peak memory grew by {growth // MB} MB"
    assert client.get(url).status_code == 200
    return response


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


# --- the archive: what it unpacks to ------------------------------------------------------------
@pytest.fixture(scope="module")
def bzip2_bomb() -> bytes:
    return _office_file("docx", _zeros(BOMB_BYTES), method=zipfile.ZIP_BZIP2)


@pytest.fixture(scope="module")
def deflate_bomb() -> bytes:
    return _office_file("docx", _zeros(BOMB_BYTES))


def test_a_word_file_packed_with_bzip2_to_unpack_far_is_refused_unopened(
    secretary_client, plan, bzip2_bomb
):
    assert len(bzip2_bomb) < 100 * 1024
    _refused(secretary_client, plan, NOT_OFFICE_PACKING, bzip2_bomb)


@pytest.mark.parametrize(
    ("kind", "method"),
    [("docx", zipfile.ZIP_BZIP2), ("docx", zipfile.ZIP_LZMA), ("xlsx", zipfile.ZIP_BZIP2)],
)
def test_an_ordinary_file_packed_with_a_method_office_never_uses_is_refused(
    secretary_client, plan, kind, method
):
    rows = _docx_table(_task_rows(3)) if kind == "docx" else _sheet(_task_rows(3))
    content = _office_file(kind, rows, method=method)
    _refused(secretary_client, plan, NOT_OFFICE_PACKING, content, name=f"ke-hoach.{kind}")


def test_a_deflate_bomb_is_refused_from_the_archive_directory(secretary_client, plan, deflate_bomb):
    assert len(deflate_bomb) < 1 * MB
    _refused(secretary_client, plan, TOO_LARGE_UNPACKED, deflate_bomb)


@pytest.mark.parametrize(
    ("where", "message"),
    [
        # zipfile believes the central directory and cuts the part there, so the checksum fails;
        # but a library's read() unpacks the whole compressed stream before cutting it
        ("central", DAMAGED),
        ("both", DAMAGED),
        # the local header is not what is believed: the directory's true size is refused
        ("local", TOO_LARGE_UNPACKED),
    ],
)
def test_a_part_whose_header_understates_its_size_gets_no_further(
    secretary_client, plan, deflate_bomb, where, message
):
    lying = _understated(deflate_bomb, "word/document.xml", where)
    _refused(secretary_client, plan, message, lying)


def test_an_archive_of_more_parts_than_an_office_file_has_is_refused(secretary_client, plan):
    parts = OFFICE_ARCHIVE_LIMITS.members + 1
    content = _office_file("docx", _docx_table(_task_rows(3)), extra_parts=parts)
    response = _refused(secretary_client, plan, "phần", content)
    assert f"tối đa {OFFICE_ARCHIVE_LIMITS.members}" in response.content.decode()


def test_a_huge_document_that_is_not_compressed_suspiciously_is_refused_by_its_size(
    secretary_client, plan
):
    rows = _task_rows(60_000, noise=random.Random(19))  # noqa: S311 (noise, not secrets)
    content = _office_file("docx", _docx_table(rows))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        document = archive.getinfo("word/document.xml")
    assert document.file_size > OFFICE_ARCHIVE_LIMITS.member_bytes
    assert document.file_size < OFFICE_ARCHIVE_LIMITS.ratio * document.compress_size
    _refused(secretary_client, plan, TOO_LARGE_UNPACKED, content)


@pytest.fixture(scope="module")
def millions_of_cells() -> bytes:
    """2,000,000 cells in a 4 MB file, as in the issue."""
    letters = [chr(ord("A") + c).encode() for c in range(20)]

    def sheet() -> Iterator[bytes]:
        yield SHEET_HEAD
        for r in range(1, 100_001):
            yield b'<row r="%d">' % r
            yield b"".join(b'<c r="%s%d"><v>1</v></c>' % (letter, r) for letter in letters)
            yield b"</row>"
        yield SHEET_TAIL

    return _office_file("xlsx", sheet())


def test_an_excel_file_of_millions_of_cells_is_refused(secretary_client, plan, millions_of_cells):
    assert len(millions_of_cells) < 5 * MB
    _refused(secretary_client, plan, TOO_LARGE_UNPACKED, millions_of_cells, name="bang.xlsx")


# --- the table: how many rows and columns it may have -----------------------------------------
def test_a_word_table_of_more_rows_than_a_plan_has_is_refused(secretary_client, plan):
    content = _office_file("docx", _docx_table(_task_rows(6000)))
    _refused(secretary_client, plan, TOO_MANY_ROWS, content)


def test_a_word_cell_spanning_a_million_columns_is_refused(secretary_client, plan):
    content = _office_file("docx", _docx_table(_task_rows(3), span=1_000_000))
    _refused(secretary_client, plan, TOO_MANY_ROWS, content)


def test_an_excel_sheet_under_the_archive_limits_but_of_too_many_rows_is_refused(
    secretary_client, plan
):
    content = _office_file("xlsx", _sheet(_task_rows(10_000)))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size < OFFICE_ARCHIVE_LIMITS.member_bytes
    _refused(secretary_client, plan, TOO_MANY_ROWS, content, name="bang.xlsx")


def test_an_excel_row_of_a_hundred_thousand_cells_is_refused(secretary_client, plan):
    content = _office_file("xlsx", _sheet([HEADER, list(range(100_000))]))
    _refused(secretary_client, plan, TOO_MANY_ROWS, content, name="bang.xlsx")


def test_pasted_rows_beyond_a_plan_are_refused_and_kept_in_the_form(secretary_client, plan):
    pasted = "\n".join("\t".join(map(str, row)) for row in _task_rows(6000))
    response = _refused(secretary_client, plan, TOO_MANY_ROWS, pasted=pasted)
    assert "Rà soát tài liệu" in response.content.decode()  # what was pasted is kept


def test_a_pasted_cell_longer_than_the_csv_limit_gets_a_message(secretary_client, plan):
    _refused(secretary_client, plan, TOO_MANY_ROWS, pasted="TT\tNội dung\n1\t" + "x" * 200_000)


def test_reading_that_takes_longer_than_the_time_limit_is_stopped(
    secretary_client, plan, monkeypatch
):
    monkeypatch.setattr("plans.planning.importing.table.READ_SECONDS", 0)
    content = _office_file("docx", _docx_table(_task_rows(3)))
    _refused(secretary_client, plan, "mất hơn 0 giây", content)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_an_ordinary_file_still_imports_after_the_checks(secretary_client, plan, kind):
    rows = _docx_table(_task_rows(3)) if kind == "docx" else _sheet(_task_rows(3))
    url = reverse("plans:task_import_start", args=[plan.pk])
    upload = SimpleUploadedFile(f"ke-hoach.{kind}", _office_file(kind, rows))
    response = secretary_client.post(url, {"file": upload})
    task_import = TaskImport.objects.get()
    assert response["Location"] == reverse("plans:task_import_preview", args=[task_import.pk])
    assert [row[1][0] for row in task_import.rows] == ["Rà soát tài liệu"] * 3
