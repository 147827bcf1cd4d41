"""Reading a record's history screen, for the tests of every record kind's history."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def label(model, field: str) -> str:
    """A field's label as the history screen shows it (the model's verbose name, translated)."""
    return str(model._meta.get_field(field).verbose_name)


def entries(client, url: str) -> list:
    """The entries of the screen's first page, newest first."""
    response = client.get(url)
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def changes(entries: list, field: str) -> list[tuple[str, str, str]]:
    """Every change of the field labelled ``field``: (action, old, new), newest first."""
    return [(e.action, c.old, c.new) for e in entries for c in e.changes if c.field == field]


def assert_queries_do_not_grow(client, url: str, more: Callable[[], None], max_queries) -> None:
    """The screen reads no more queries after ``more`` made many more changes than it has now
    (``max_queries`` is pytest-django's django_assert_max_num_queries)."""
    with CaptureQueriesContext(connection) as few:
        count = len(entries(client, url))
    queries = len(few.captured_queries)  # now: a request made by ``more`` empties the log
    more()
    with max_queries(queries):
        assert len(entries(client, url)) > count
