"""The date and time fields of every form: dd/mm/yyyy and 24-hour hh:mm, whatever the browser's
language.

A browser's own ``<input type="date">`` shows its locale's order (mm/dd/yyyy in an English
browser). This is a plain text input holding dd/mm/yyyy, which the server reads in both languages
(isoplan/formats/); static/js/dates.js puts vanillajs-datepicker on it (also in htmx-swapped
rows). Without JavaScript the typed date still works.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d/%m/%Y"


class DatePickerInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None, format=None):
        defaults = {
            "data-datepicker": "",
            "placeholder": _("dd/mm/yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or DATE_FORMAT)


# Time: a browser's ``<input type="time">`` shows 12-hour AM/PM in an en-US browser. This is a
# plain text input holding hh:mm on 24 hours; the server reads "08:30", "8:30", "8h30", "8.30"
# (isoplan/formats/) and, for a phone's number pad that has no colon, "0830" or "830".
TIME_FORMAT = "%H:%M"
# What the browser lets through before sending (the server checks again): hours 0-23, minutes
# on two digits, a colon, "h" or "." between them or nothing.
TIME_PATTERN = "([01]?[0-9]|2[0-3])[:hH.]?[0-5][0-9]"


class TimeTextInput(forms.TimeInput):
    input_type = "text"

    def __init__(self, attrs=None, format=None):
        defaults = {
            "placeholder": _("hh:mm"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "5",
            "pattern": TIME_PATTERN,
            "title": _("24-hour time, e.g. 08:30 or 14:00"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=format or TIME_FORMAT)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, str):
            value = value.strip()
            if value.isdigit() and len(value) in (3, 4):  # "830", "0830": the minutes last
                value = f"{value[:-2]}:{value[-2:]}"
        return value


class TimeField(forms.TimeField):
    """hh:mm on 24 hours; what was typed stays in the field with the message when it is not a
    time."""

    widget = TimeTextInput
    default_error_messages = {
        "invalid": _("Enter the time as hh:mm on 24 hours, e.g. 08:30 or 14:00."),
    }
