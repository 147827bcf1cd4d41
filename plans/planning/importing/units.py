"""Responsibility text ("Lãnh đạo Sở, Ban ISO, Thư ký") → the organization's units and parties."""

from __future__ import annotations

import re
from collections.abc import Iterable

from plans.choices import TaskParty
from plans.planning.services.task import UnitRef

from .columns import plain

# How plans name the parties (as the seed plans write them, see plans/planning/demo.py).
PARTY_WORDS = [
    (TaskParty.ISO_SECRETARY, r"thu ky"),
    (TaskParty.STEERING_COMMITTEE, r"ban chi dao|bcd|ban iso"),
    (TaskParty.LEADERSHIP, r"lanh dao|giam doc|pgd|gd"),
    (TaskParty.ALL_DEPARTMENTS, r"cac phong|cac don vi|phong chuyen mon|phong ban"),
]
# Written before a unit's own name, often abbreviated ("P. Người có công").
UNIT_PREFIXES = ["van phong", "trung tam", "chi cuc", "phong", "p", "tt", "ban"]
SHORTEST_NAME = 5  # a shorter name without its prefix ("Sở") would match too much


def _names(department_name: str) -> set[str]:
    full = plain(department_name)
    names = {full}
    for prefix in UNIT_PREFIXES:
        if full.startswith(prefix + " "):
            core = full[len(prefix) + 1 :]
            if len(core) >= SHORTEST_NAME and core != "so":
                names.add(core)
            break
    return names


class UnitMatcher:
    """Finds the units named in a text, in the order they are written."""

    def __init__(self, departments: Iterable) -> None:
        self.patterns: list[tuple[re.Pattern, UnitRef]] = [
            (self._compile(name), UnitRef(department_id=department.pk))
            for department in departments
            for name in sorted(_names(department.name), key=len, reverse=True)
        ]
        self.patterns += [
            (self._compile(words), UnitRef(party=party)) for party, words in PARTY_WORDS
        ]

    @staticmethod
    def _compile(words: str) -> re.Pattern:
        return re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])")

    def match(self, text: str) -> list[UnitRef]:
        text = plain(text)
        found = [
            (m.start(), -len(m.group()), order, unit)
            for order, (pattern, unit) in enumerate(self.patterns)
            for m in pattern.finditer(text)
        ]
        # Longest name first where two overlap ("Phòng Kế hoạch – Tài chính" is not "các
        # phòng"); a department before a party for the same words.
        taken: list[tuple[int, int]] = []
        units: list[UnitRef] = []
        for start, negative_length, _order, unit in sorted(found):
            end = start - negative_length
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            if unit not in units:
                units.append(unit)
        return units
