"""The form side of optimistic locking (isoplan/concurrency.py does the refusing)."""

from collections.abc import Callable

from django import forms
from django.db import models, transaction

from isoplan.concurrency import StaleEditError, save_if_unchanged


class VersionedFormMixin:
    """Carries, in a hidden field, the record's ``lock_version`` when the form was opened.

    ModelForms take it from their instance; other forms of one record get ``version=``.
    """

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lock_version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0
        )
        if version is None:
            version = getattr(getattr(self, "instance", None), "lock_version", 0)
        self.initial["lock_version"] = version

    @property
    def expected_version(self) -> int:
        # Sent back by the page; a request without it is treated as opened before any save.
        return self.cleaned_data.get("lock_version") or 0

    def save_versioned(
        self, record: models.Model, *, then: Callable[[models.Model], None] | None = None
    ) -> list[tuple[str, str]] | None:
        """Save a new record, or an existing one only if nobody saved it since the form was
        opened (``then`` runs in the same transaction, e.g. save_m2m). Returns the saved values
        to show when the save is refused, None when it is done."""
        try:
            with transaction.atomic():
                if record._state.adding:
                    record.save()
                else:
                    save_if_unchanged(record, expected_version=self.expected_version)
                if then is not None:
                    then(record)
        except StaleEditError as error:
            self.keep_after_conflict(error.current)
            return saved_values(self, error.current)
        return None

    def keep_after_conflict(self, current: models.Model) -> None:
        """After a refused save: keep what was typed; saving again overwrites deliberately."""
        self.data = self.data.copy()
        self.data[self.add_prefix("lock_version")] = current.lock_version


def saved_values(form: forms.BaseForm, current: models.Model) -> list[tuple[str, str]]:
    """(label, saved value) of each field of ``form`` that the record has, for the notice."""
    values = []
    for name, field in form.fields.items():
        try:
            model_field = current._meta.get_field(name)
        except Exception:  # noqa: S112 - a form-only field has no saved value
            continue
        if model_field.many_to_many:
            value = ", ".join(str(obj) for obj in getattr(current, name).all())
        elif model_field.choices:
            value = getattr(current, f"get_{name}_display")()
        else:
            value = getattr(current, name)
        values.append((str(field.label or name), "" if value is None else str(value)))
    return values
