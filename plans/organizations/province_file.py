"""A province's list of agencies from a file (CSV or XLSX, one row per agency): loaded the first
time, kept in step with later lists. Each agency is recognised by its code in the list; a row
with a new code is a new agency, a known code with other words is a rename (the former name is
kept, see ``Organization.as_on``), a row whose "Sáp nhập vào" names another code merges the
agency into that one (plans/organizations/merging.py; units go to the unit of the same name, else
become new ones). An agency missing from a later list is listed, not touched: the administrator
decides (deactivate it, or merge it).

Nothing changes before the administrator has seen the preview (``compare``) and confirmed it
(``apply``); a list with errors changes nothing.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from isoplan.uploads import XLSX, FileKind, unpack_office_file
from plans.choices import OrganizationKind
from plans.organizations import merging
from plans.organizations.models import Organization

# What a heading of the list means, compared without diacritics or case.
HEADINGS = {
    "code": ("ma", "ma co quan", "ma don vi", "ma dvhc"),
    "name": ("ten", "ten co quan", "ten don vi"),
    "kind": ("loai", "loai co quan"),
    "header_name": ("ten trong tieu de", "ten tren van ban"),
    "parent_authority": ("co quan chu quan", "co quan cap tren"),
    "document_symbol": ("ky hieu", "ky hieu van ban", "chu viet tat"),
    "place_name": ("dia danh",),
    "merged_into": ("sap nhap vao", "hop nhat vao", "sap nhap vao ma"),
}
REQUIRED = ("code", "name", "document_symbol")
CSV = FileKind("CSV", (".csv",), (b"",))  # text: no signature to check
KINDS = (CSV, XLSX)
# The words of the "Loại" column (or, when it is empty, of the name) that say what it is.
COMMUNE_WORDS = ("xa", "phuong", "dac khu", "ubnd xa", "ubnd phuong")
DEPARTMENT_WORDS = ("so", "ban", "nganh", "so, ban, nganh", "van phong ubnd")
COMPARED = ("name", "kind", "header_name", "parent_authority", "document_symbol", "place_name")


def _plain(text: str) -> str:
    """Lower case without diacritics (đ → d): "Mã ĐVHC" → "ma dvhc"."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def _kind(written: str, name: str) -> str | None:
    words = _plain(written)
    if not words:  # said by the name: "UBND xã Mỹ An", "Sở Nội vụ"
        first = _plain(name).removeprefix("uy ban nhan dan ").removeprefix("ubnd ")
        if first.startswith(("xa ", "phuong ", "dac khu ")):
            return OrganizationKind.COMMUNE
        return OrganizationKind.DEPARTMENT if first.startswith(("so ", "ban ")) else None
    if words in COMMUNE_WORDS or words.startswith(("ubnd xa", "ubnd phuong")):
        return OrganizationKind.COMMUNE
    if words in DEPARTMENT_WORDS:
        return OrganizationKind.DEPARTMENT
    return OrganizationKind.OTHER if words in ("khac", "other") else None


@dataclass
class Row:
    line: int  # as the person sees it in the file (the heading is line 1)
    code: str
    name: str
    kind: str
    header_name: str = ""
    parent_authority: str = ""
    document_symbol: str = ""
    place_name: str = ""
    merged_into: str = ""  # the code of the agency it is merged into

    @property
    def kind_label(self) -> str:
        return OrganizationKind(self.kind).label


@dataclass
class Changes:
    """What loading the list would do in the province."""

    province: str
    added: list[Row] = field(default_factory=list)
    renamed: list[tuple[Organization, Row]] = field(default_factory=list)
    merged: list[tuple[Organization, Row, dict[str, int]]] = field(default_factory=list)
    unchanged: int = 0
    absent: list[Organization] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[dict]:
        """The rows to apply, to carry from the preview to the confirmation."""
        return (
            [asdict(r) for r in self.added]
            + [asdict(r) for _, r in self.renamed]
            + [asdict(r) for _, r, _counts in self.merged]
        )


def read(name: str, content: bytes) -> tuple[list[Row], list[str]]:
    """The rows of a CSV (UTF-8, with or without BOM; comma or semicolon) or XLSX file, and what
    is wrong with them (line numbers as in the file)."""
    try:
        if name.lower().endswith(".xlsx"):
            unpack_office_file(io.BytesIO(content), name=name)  # within the archive limits
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
            table = [
                ["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)
            ]
        else:
            text = content.decode("utf-8-sig")
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
            table = list(csv.reader(io.StringIO(text), dialect))
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError, ValidationError):
        return [], [_("The file cannot be read: save it as CSV (UTF-8) or XLSX.")]
    if not table:
        return [], [_("The file is empty.")]
    where = {}
    for column, heading in enumerate(table[0]):
        for key, names in HEADINGS.items():
            if _plain(heading) in names and key not in where:
                where[key] = column
    if any(k not in where for k in REQUIRED):
        return [], [
            _("Columns missing: %(columns)s (the first row names the columns).")
            % {"columns": ", ".join(_column_label(k) for k in REQUIRED if k not in where)}
        ]
    rows, errors, seen = [], [], {}
    for line, cells in enumerate(table[1:], start=2):
        value = {k: (cells[i].strip() if i < len(cells) else "") for k, i in where.items()}
        if not any(value.values()):
            continue
        lacking = [_column_label(k) for k in REQUIRED if not value.get(k)]
        if lacking:
            errors.append(
                _("Line %(line)s: %(columns)s empty.")
                % {"line": line, "columns": ", ".join(lacking)}
            )
            continue
        kind = _kind(value.get("kind", ""), value["name"])
        if kind is None:
            errors.append(
                _("Line %(line)s: kind “%(kind)s” not understood (Sở/ban/ngành, xã/phường, khác).")
                % {"line": line, "kind": value.get("kind", "")}
            )
            continue
        if value["code"] in seen:
            errors.append(
                _("Line %(line)s: code %(code)s already on line %(first)s.")
                % {"line": line, "code": value["code"], "first": seen[value["code"]]}
            )
            continue
        seen[value["code"]] = line
        rows.append(Row(line=line, kind=kind, **{k: v for k, v in value.items() if k != "kind"}))
    return rows, errors


def _column_label(key: str) -> str:
    return {"code": "Mã", "name": "Tên cơ quan", "document_symbol": "Ký hiệu"}[key]


def compare(province: str, rows: list[Row], errors: list[str]) -> Changes:
    """The preview: which rows add an agency, which rename one, which agencies of the province
    the list no longer has. Two agencies may not end with one name (the province's names are
    unique)."""
    changes = Changes(province=province, errors=list(errors))
    known = {o.code: o for o in Organization.objects.filter(province=province).exclude(code="")}
    names = dict(Organization.objects.filter(province=province).values_list("name", "code"))
    listed = {row.code for row in rows}
    for row in rows:
        agency = known.pop(row.code, None)
        if row.merged_into:
            _compare_merge(changes, agency, row, listed)
        elif row.name in names and names[row.name] != row.code:
            changes.errors.append(
                _("Line %(line)s: another agency of the province is named “%(name)s”.")
                % {"line": row.line, "name": row.name}
            )
        elif agency is None:
            changes.added.append(row)
        elif any(getattr(agency, f) != v for f, v in _values(asdict(row), province).items()):
            changes.renamed.append((agency, row))
        else:
            changes.unchanged += 1
    changes.absent = sorted(
        (o for o in known.values() if not o.merged_into_id), key=lambda o: o.name
    )
    return changes


def _compare_merge(changes: Changes, agency: Organization | None, row: Row, listed) -> None:
    """A row merging an agency into another: both known, the other one staying in the list."""
    if agency is not None and agency.merged_into_id:
        changes.unchanged += 1  # merged by an earlier list
        return
    if agency is None or row.merged_into not in listed or row.merged_into == row.code:
        changes.errors.append(
            _("Line %(line)s: only an agency of the province merges, into another of the list.")
            % {"line": row.line}
        )
        return
    target = Organization.objects.filter(province=changes.province, code=row.merged_into).first()
    counts = {}
    if target is not None:
        ctx = merging.MergeContext(target=target, sources=[agency])
        try:
            counts = merging.preview(ctx).counts()
        except merging.MergeError as error:
            message = _("Line %(line)s: %(error)s") % {"line": row.line, "error": error}
            changes.errors.append(message)
            return
    changes.merged.append((agency, row, counts))


def _values(row: dict, province: str) -> dict:
    """What the agency's fields become: the row's words, the province's name as the place
    when the list gives none."""
    values = {f: row[f] for f in COMPARED}
    values["place_name"] = values["place_name"] or province
    return values


@transaction.atomic
def apply(province: str, rows: list[dict]) -> tuple[int, int]:
    """Apply the confirmed rows (``Changes.rows``): new codes are created, known ones updated —
    a rename keeps the former name; then the merges. Returns (added, renamed, merged)."""
    known = {o.code: o for o in Organization.objects.filter(province=province).exclude(code="")}
    added = renamed = 0
    into: dict[str, list[Organization]] = {}
    for data in rows:
        if data.get("merged_into"):
            into.setdefault(data["merged_into"], []).append(known[data["code"]])
            continue
        values = _values(data, province)
        agency = known.get(data["code"])
        if agency is None:
            Organization.objects.create(province=province, code=data["code"], **values)
            added += 1
            continue
        for name, value in values.items():
            setattr(agency, name, value)
        agency.save()  # keeps the former name (Organization.save)
        renamed += 1
    known = {o.code: o for o in Organization.objects.filter(province=province).exclude(code="")}
    for code, sources in into.items():
        merging.merge(merging.MergeContext(target=known[code], sources=sources))
    return added, renamed, sum(len(sources) for sources in into.values())
