"""No spreadsheet export turns a person's text into a live formula (OWASP "CSV injection").

Every text a person can type into the demo world is replaced by a formula-looking value; then
every XLSX export of the project (found from the URL table, so a new one is covered) is opened
and each cell checked: never a formula, and the text still there exactly as typed.
"""

import io

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from plans.models import User
from tests.security.matrix import PARAMETERS, project_url_names

pytestmark = pytest.mark.django_db

HOSTILE = ('=HYPERLINK("http://x","y")', "+1+cmd", "-2+3", "@SUM(1)")


def _plant_hostile_text() -> None:
    """Every free-text column of the project's records (not codes, choices or unique keys)."""
    for model in apps.get_models():
        if model._meta.app_label not in ("plans", "audits", "reports"):
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and not field.unique
            and (field.max_length or 1000) >= 30
        ]
        for number, field in enumerate(fields):
            # the row's id keeps values distinct where a unique constraint spans several columns
            value = Concat(Value(HOSTILE[number % len(HOSTILE)]), Cast("pk", models.TextField()))
            model._base_manager.update(**{field.name: value})


def _exports(world) -> list[tuple[str, str]]:
    """(who, URL) of every XLSX download: each export's own URL, and the province table's."""
    urls = []
    for name in project_url_names():
        if name.startswith("reports:province_") and name.endswith("_xlsx"):
            # the province's own exports: its coordinator's (the agencies' names in them)
            urls.append(("dieuphoi", reverse(name) + "?nam=2022"))
        elif name.endswith("_xlsx"):
            kwargs = {key: world.ids[value] for key, value in PARAMETERS.get(name, {}).items()}
            urls.append(("thuky", reverse(name, kwargs=kwargs)))
    return [*urls, ("dieuphoi", reverse("reports:province") + "?xlsx=1")]


def test_user_text_is_written_as_text_in_every_export(world):
    _plant_hostile_text()
    exports = _exports(world)
    assert len(exports) >= 7
    formulas, hostile_cells = [], 0
    for username, url in exports:
        client = Client()
        client.force_login(User.objects.get(username=username))
        response = client.get(url, {"year": 2022} if "?" not in url else None)
        assert response.status_code == 200, url
        workbook = load_workbook(io.BytesIO(response.content))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        formulas.append(f"{url} {sheet.title}!{cell.coordinate}: {cell.value}")
                    elif isinstance(cell.value, str) and cell.value.startswith(("=", "+", "@")):
                        hostile_cells += 1
                        # shown as typed and kept as text when edited in Excel or LibreOffice
                        assert cell.quotePrefix, f"{url} {cell.coordinate}"
    assert formulas == []
    assert hostile_cells > 10  # the planted text reached the exports
