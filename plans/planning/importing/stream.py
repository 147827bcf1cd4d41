"""Reading an Office XML part element by element, so that a part built to be huge never becomes a
huge tree in memory. A reader names its units (a cell, a table row, a paragraph): a unit is kept
whole until it is read to its end, every other element is dropped as soon as it has been seen,
and a unit of more than ELEMENT_LIMIT elements is refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from .table import Budget

# A plan's longest table row or paragraph holds a few thousand elements.
ELEMENT_LIMIT = 50_000
_CHUNK = 64 * 1024

Element = etree._Element


class PartReader:
    """Iterating gives ("start" | "end", element); an element is dropped after its "end" unless
    it lies inside a unit still being read."""

    def __init__(
        self,
        xml: bytes,
        budget: Budget,
        *,
        unit: Callable[[Element], bool] = lambda element: False,
        lookup: etree.ElementNamespaceClassLookup | None = None,
    ):
        self.xml, self.budget, self.unit = xml, budget, unit
        # The part is data: no entity is resolved, nothing is fetched.
        self.parser = etree.XMLPullParser(
            events=("start", "end"), remove_blank_text=True, resolve_entities=False, no_network=True
        )
        if lookup is not None:  # python-docx's element classes (tc.vMerge, tr.grid_before…)
            self.parser.set_element_class_lookup(lookup)

    def __iter__(self) -> Iterator[tuple[str, Element]]:
        depth = held = 0  # depth inside the unit being read; elements held since the last drop
        for event, element in self._parsed():
            self.budget.tick()
            if event == "start":
                if depth or self.unit(element):
                    depth += 1
                held += 1
                if held > ELEMENT_LIMIT:
                    raise self.budget.too_large()
                yield event, element
                continue
            yield event, element
            depth = max(depth - 1, 0)
            if not depth:
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
                held = 0

    def _parsed(self) -> Iterator[tuple[str, Element]]:
        for start in range(0, len(self.xml), _CHUNK):
            self.parser.feed(self.xml[start : start + _CHUNK])
            yield from self.parser.read_events()
        self.parser.close()
        yield from self.parser.read_events()


def parent_tag(element: Element, up: int = 0) -> str | None:
    """The tag of the element's parent (``up`` = 1: grandparent…), None above the root."""
    for _level in range(up + 1):
        element = element.getparent()
        if element is None:
            return None
    return element.tag
