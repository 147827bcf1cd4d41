"""The history screen of any controlled record: its entries (isoplan/history.py), 50 a page,
under a breadcrumb back to the record. The view that calls it finds the record with the same
permission as the record's page (404 for another organization's)."""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from isoplan.history import HistoryEntry

PAGE_SIZE = 50


def history_page(
    request,
    record: Any,
    entries: list[HistoryEntry],
    *,
    trail: Iterable[tuple[str, str]] = (),
    url: str | None = None,
    label: str | None = None,
) -> HttpResponse:
    """``trail``: the breadcrumb's (label, address) pairs before the record (its register);
    ``url`` the record's page, its ``get_absolute_url`` by default; ``label`` its name in the
    breadcrumb and the title, its ``str`` by default."""
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "history.html",
        {
            "record": record,
            "record_label": label or str(record),
            "record_url": url or record.get_absolute_url(),
            "trail": list(trail),
            "page": page,
        },
    )
