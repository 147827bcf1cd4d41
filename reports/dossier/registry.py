"""What goes into the inspection dossier: each kind of record contributes one section.

A section says its title, the ISO 9001 clause, under which heading of the inspection it is
reviewed (Decision 19/2014/QĐ-TTg, Circular 26/2014/TT-BKHCN: the declaration, the system as
built and applied, its documents, its maintenance and improvement, the reports), and, for an
agency and a year, its records: each an ``Entry`` with the printouts (PDF) and the stored files
that are its evidence. Sections are registered in ``reports/dossier/sections.py``.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# What the inspection reviews, in the order the dossier presents it.
HEADINGS: dict[str, Promise] = {
    "declaration": _("Declaration of conformity of the quality system"),
    "system": _("Quality system built and applied: plan, policy and objectives, risks"),
    "documents": _("Documented information and its control"),
    "evaluation": _("Monitoring, internal audit and management review"),
    "improvement": _("Nonconformities, corrective actions and improvement"),
    "reporting": _("Reports on applying, maintaining and improving the quality system"),
}


@dataclass
class Printout:
    """A record printed as PDF. Records printed together (the nonconformities of one audit in
    its corrective-action report) give the same ``key``: it is printed once."""

    name: str  # the file's name in the ZIP, Vietnamese, ending in .pdf
    render: Callable[[], bytes]
    key: str = ""


@dataclass
class Entry:
    title: str
    date: datetime.date | None = None
    printouts: list[Printout] = field(default_factory=list)
    # Stored files (plans.models.StoredFile: ``file``, ``original_name``) that show it was done.
    evidence: list[Model] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise | str
    clause: str
    heading: str
    entries: Callable[..., Iterable[Entry]]  # (organization, year) -> entries
    # Only files no other section took (the catch-all of work items' evidence).
    leftovers: bool = False


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    if section.heading not in HEADINGS:
        raise ValueError(f"unknown inspection heading {section.heading!r}")
    _SECTIONS[section.key] = section
    return section


def _clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(part) for part in clause.split(".") if part.isdigit()) or (99,)


def sections() -> list[Section]:
    """By inspection heading, then by clause of the standard, then in the order registered."""
    order = list(HEADINGS)
    registered = list(_SECTIONS.values())
    return sorted(
        registered,
        key=lambda s: (order.index(s.heading), _clause_key(s.clause), registered.index(s)),
    )
