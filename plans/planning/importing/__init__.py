"""Bring an existing plan's task table in: from a .docx, a .xlsx or rows pasted from Word or
Excel. Readers turn each into tables of text cells; the header decides what each column holds;
rows become proposed tasks with their units and timing understood. Nothing here writes: the
write is `plans.planning.services.task_import`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from plans.choices import ImportColumn as C
from plans.choices import NumberStyle, TaskParty
from plans.letterhead import date_line
from plans.models import Plan, TaskImport
from plans.planning.layout import TABLE_LAYOUTS
from plans.planning.services.task import TaskData, UnitRef

from .columns import FoundTable, find_task_table
from .header import header_parts
from .readers import check_not_encrypted, read_pasted, read_upload
from .rows import TASK, Proposal, read_rows, responsibility_texts, understand
from .table import Cell, ImportFileError
from .units import UnitMatcher

__all__ = [
    "FoundTable",
    "ImportFileError",
    "Preview",
    "cells_to_json",
    "check_not_encrypted",
    "find_task_table",
    "header_parts",
    "preview",
    "read_pasted",
    "read_upload",
]


def _date_or_none(iso: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(iso) if iso else None


def cells_to_json(found: FoundTable) -> list[list[list]]:
    return [[[cell.text, cell.merged] for cell in row] for row in found.rows]


@dataclass
class Preview:
    proposals: list[Proposal]
    units: dict[str, list[UnitRef]]  # responsibility text → units (proposed or chosen)
    matched: dict[str, list[UnitRef]]  # … as isoplan matched them
    parts: dict[str, dict[str, str]]  # header part → plan fields
    labels: dict[str, str]  # unit key → name

    def part_text(self, part: str) -> str:
        """A header part as the secretary reads it before taking it."""
        fields = self.parts[part]
        if part == "signer":
            office = f"{fields['signing_authority']} {fields['signer_title']}".strip()
            titles = " / ".join(t for t in (office, fields["signer_deputy_title"]) if t)
            lines = [" — ".join(t for t in (titles, fields["signer_name"]) if t)]
        elif part == "table":
            lines = [fields.get("table_labels", ""), fields.get("number_style", "")]
        elif part == "date":
            lines = [
                date_line(
                    "…",
                    _date_or_none(fields["issued_on"]),
                    fields["issued_month"],
                    fields["issued_year"] or "     ",
                )
            ]
        elif part == "headings":
            lines = list(fields["headings"].values())
        else:
            lines = list(fields.values())
        return "\n".join(line for line in lines if line)

    def names(self, units: list[UnitRef]) -> list[str]:
        return [self.labels.get(unit.key(), unit.key()) for unit in units]

    def default_rows(self) -> list[int]:
        return [p.key for p in self.proposals if p.kind == TASK]

    def tasks(self, keys: set[int]) -> list[TaskData]:
        return [
            TaskData(
                content=p.text(C.CONTENT),
                timing_text=p.text(C.TIMING)[:500],
                output=p.text(C.OUTPUT),
                responsibility_note=p.text(C.LEAD),
                support_note=p.text(C.SUPPORT),
                subrow=p.subrow,
                leads=p.leads,
                supports=p.supports,
            )
            for p in self.proposals
            if p.key in keys and p.text(C.CONTENT)
        ]


def table_part(mapping: list[str], labels: list[str]) -> dict[str, str] | None:
    """The plan's table columns, when the imported ones are one of the known layouts."""
    used = [(role, label) for role, label in zip(mapping, labels, strict=False) if role]
    for layout, columns in TABLE_LAYOUTS.items():
        keys = [c.key for c in columns]
        roles = ["units" if r == C.LEAD and "units" in keys else r for r, _label in used]
        if roles == keys:
            names = [
                c.label if c.group else label for c, (_r, label) in zip(columns, used, strict=True)
            ]
            return {"table_layout": layout, "table_labels": " | ".join(names)}
    return None


def preview(task_import: TaskImport, plan: Plan) -> Preview:
    """What the import would create with the mapping and unit choices made so far."""
    rows = [[Cell(text, merged) for text, merged in row] for row in task_import.rows]
    proposals = read_rows(rows, task_import.mapping, knows_merges=task_import.knows_merges)
    departments = list(plan.organization.departments.filter(is_active=True))
    matcher = UnitMatcher(departments)
    matched = {text: matcher.match(text) for text in responsibility_texts(proposals)}
    units = {
        text: [UnitRef.parse(key) for key in task_import.units[text]]
        if text in task_import.units
        else found
        for text, found in matched.items()
    }
    understand(proposals, year=plan.year, units=units)
    labels = {f"p:{value}": str(label) for value, label in TaskParty.choices}
    labels.update((f"d:{d.pk}", d.name) for d in departments)
    shown = Preview(proposals=proposals, units=units, matched=matched, parts={}, labels=labels)
    for proposal in proposals:
        proposal.lead_labels = shown.names(proposal.leads)
        proposal.support_labels = shown.names(proposal.supports)
    parts = dict(task_import.header)
    table = table_part(task_import.mapping, task_import.labels) or {}
    numbers = [p.number for p in proposals if p.kind == TASK and p.number]
    if numbers:  # "1." or "1", as the agency numbers its rows
        dotted = sum(number.endswith(".") for number in numbers) * 2 > len(numbers)
        table["number_style"] = NumberStyle.DOT if dotted else NumberStyle.PLAIN
    if table:
        parts["table"] = table
    shown.parts = parts
    return shown
