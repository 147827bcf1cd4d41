"""Table rows → proposed tasks, read the way a person reads the table: a row without a number
continues the row above, unless it has its own task and timing or output (a sub-row, printed
under the number above: an unnumbered row, or one whose number cell is merged with the row
above), a merged cell applies to every row it spans, a row with only a title ("I. CÔNG TÁC CHUẨN
BỊ") heads a group of tasks and is not a task itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from plans.choices import ImportColumn as C
from plans.planning.services.task import UnitRef
from plans.planning.timing import parse_timing, summarize

from .table import Cell, Row

TEXT_ROLES = [C.CONTENT, C.LEAD, C.SUPPORT, C.TIMING, C.OUTPUT]
GROUP_NUMBER = re.compile(r"^([IVXLC]+|[A-Za-z])\s*[.)]?$")  # "I.", "II", "A.", "b)"
MID_SENTENCE = re.compile(r"[\w,(/-]$")  # the row above broke off mid-sentence

TASK, HEADING, UNREADABLE = "task", "heading", "unreadable"
NOTES = {
    "continued": _("Continued on the next row: joined."),
    "subrow": _("A sub-row of the task above: its own task under the same number."),
    "unit_above": _("No unit written: the unit of the row above, as in a merged cell."),
    "no_unit": _("No unit recognised: choose it under “Units”."),
    "heading": _("A heading, not a task."),
    "no_content": _("No task text: not imported."),
}


@dataclass
class Proposal:
    key: int  # the index of its first row in the table
    number: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    kind: str = TASK
    notes: list[str] = field(default_factory=list)
    leads: list[UnitRef] = field(default_factory=list)
    supports: list[UnitRef] = field(default_factory=list)
    lead_labels: list[str] = field(default_factory=list)
    support_labels: list[str] = field(default_factory=list)
    timing_summary: str = ""
    timing_understood: bool = False
    subrow: bool = False  # under the number of the task above

    def text(self, role: str) -> str:
        return self.texts.get(role, "")

    def append(self, role: str, text: str) -> None:
        before = self.texts.get(role, "")
        joint = " " if MID_SENTENCE.search(before) and text[:1].islower() else "\n"
        self.texts[role] = f"{before}{joint}{text}" if before else text

    @property
    def note_texts(self) -> list[str]:
        return [str(NOTES[n]) for n in self.notes]


def _cells(row: Row, mapping: list[str]) -> dict[str, Cell]:
    cells = {}
    for index, role in enumerate(mapping):
        if role and role not in cells:
            cells[role] = row[index] if index < len(row) else Cell("")
    return cells


def _is_spanned_title(row: Row) -> bool:
    """One text across the whole row (a cell spanning every column)."""
    texts = [cell for cell in row if cell.text]
    return len(texts) >= 2 and len({c.text for c in texts}) == 1


def read_rows(rows: list[Row], mapping: list[str], *, knows_merges: bool = True) -> list[Proposal]:
    """The proposed tasks of the table under ``mapping`` (an ImportColumn per column)."""
    numbered = C.ORDER in mapping and 2 * sum(
        1 for row in rows if _cells(row, mapping)[C.ORDER].text
    ) >= len(rows)
    proposals: list[Proposal] = []
    for index, row in enumerate(rows):
        cells = _cells(row, mapping)
        if not any(cell.text for cell in row):
            continue
        if _is_spanned_title(row):
            title = next(cell.text for cell in row if cell.text)
            proposals.append(Proposal(index, texts={C.CONTENT: title}, kind=HEADING))
            continue
        order = cells.get(C.ORDER, Cell(""))
        number = "" if order.merged else order.text
        content = cells.get(C.CONTENT, Cell(""))
        last = proposals[-1] if proposals and proposals[-1].kind == TASK else None
        own = [cells[r] for r in (C.TIMING, C.OUTPUT) if r in cells]
        subrow = (
            last is not None
            and (order.merged or (numbered and not number))
            and bool(content.text)
            and not content.merged
            and any(cell.text and not cell.merged for cell in own)
        )
        if (
            last
            and not subrow
            and ((numbered and not number) or not content.text or content.merged)
        ):
            for role in TEXT_ROLES:
                cell = cells.get(role)
                if cell and cell.text and not cell.merged:
                    last.append(role, cell.text)
            if "continued" not in last.notes:
                last.notes.append("continued")
            continue
        proposal = Proposal(index, number=number, subrow=subrow)
        if subrow:
            proposal.notes.append("subrow")
        for role in TEXT_ROLES:
            if role in cells:
                proposal.texts[role] = cells[role].text
        others = any(proposal.text(r) for r in (C.LEAD, C.SUPPORT, C.TIMING, C.OUTPUT))
        if not proposal.text(C.CONTENT):
            proposal.kind = UNREADABLE
            proposal.notes.append("no_content")
        elif not others or (GROUP_NUMBER.match(number) and not proposal.text(C.TIMING)):
            proposal.kind = HEADING
            proposal.notes.append("heading")
        elif not knows_merges and last and not proposal.text(C.LEAD) and C.LEAD in cells:
            # Pasted text loses merges: a unit written once for several rows leaves the
            # following rows empty.
            proposal.texts[C.LEAD] = last.text(C.LEAD)
            proposal.notes.append("unit_above")
        proposals.append(proposal)
    return proposals


def understand(
    proposals: list[Proposal], *, year: int, units: dict[str, list[UnitRef]]
) -> list[Proposal]:
    """Fill in what isoplan understood: the units (``units``: responsibility text → units) and
    the timing."""
    for proposal in proposals:
        proposal.leads = list(units.get(proposal.text(C.LEAD), []))
        proposal.supports = [
            u for u in units.get(proposal.text(C.SUPPORT), []) if u not in proposal.leads
        ]
        schedule = parse_timing(proposal.text(C.TIMING), year)
        proposal.timing_understood = schedule.understood
        proposal.timing_summary = summarize(schedule)
        if proposal.kind == TASK and not proposal.leads and "no_unit" not in proposal.notes:
            proposal.notes.append("no_unit")
    return proposals


def responsibility_texts(proposals: list[Proposal]) -> list[str]:
    """The distinct texts of the unit columns, in table order: each is matched once."""
    seen: dict[str, None] = {}
    for proposal in proposals:
        for role in (C.LEAD, C.SUPPORT):
            if proposal.text(role):
                seen.setdefault(proposal.text(role))
    return list(seen)
