"""A workflow step on a controlled record, taken under the record's row lock.

Two people acting at once (two directors approving, a double click) are serialised: the second
one waits for the lock, then ``check`` sees the state the first one saved and refuses with the
workflow's own message. The change is saved with its author in the record's history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


def locked_transition(record: M, *, user: Any, check: Callable[[M], None], **changes) -> M:
    """Lock ``record``'s row, let ``check`` raise on its saved state, then write ``changes``.
    Returns the saved row; the caller's object gets the changes too."""
    with transaction.atomic():
        locked = type(record)._default_manager.select_for_update(of=("self",)).get(pk=record.pk)
        check(locked)
        for name, value in changes.items():
            setattr(locked, name, value)
            setattr(record, name, value)
        locked._history_user = user
        locked.save(update_fields=list(changes))
        return locked
