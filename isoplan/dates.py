"""The date field of every form: dd/mm/yyyy, typed or picked, whatever the browser's language.

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
