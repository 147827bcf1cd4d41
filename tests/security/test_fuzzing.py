"""Arbitrary input never breaks a page: hypothesis fills every form of the project with arbitrary
Unicode, very long text, impossible dates and numbers. The answer is a page (with field errors)
or a redirect, never a server error; and a refused form writes nothing at all."""

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plans.models import User
from plans.planning.timing.parser import explain, parse_timing, summarize
from tests.security.forms import all_forms
from tests.security.matrix import EXPECTED, OK, PARAMETERS
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db
EXAMPLES_PER_FORM = 20

# Rows that say nothing about the domain: a refused login or a session is written on purpose.
NOT_DOMAIN = {"axes", "sessions", "admin", "contenttypes", "auth"}

LONG = st.builds(lambda c, n: c * n, st.characters(codec="utf-8"), st.integers(300, 5_000))
BAD_DATES = st.sampled_from(
    ["31/02/2026", "2026-02-30", "0000-00-00", "9999-99-99", "29/02/2023", "hôm qua", "2026-13-01"]
)
BAD_NUMBERS = st.sampled_from(
    ["-1", "1e309", "NaN", "-0", "99999999999999999999999", "1,5", "٣", "", "0x10", "Infinity"]
)
ANY_VALUE = st.one_of(st.text(max_size=60), LONG, BAD_DATES, BAD_NUMBERS, st.just("\x00"))
FUZZED_FIELD = st.lists(ANY_VALUE, min_size=1, max_size=3)  # a field may be sent several times


def _forms_to_fuzz() -> list[tuple[str, str]]:
    """(URL name, the role that may post it) for every URL taking a POST from someone."""
    preferred = ("secretary", "director", "head_a", "head_b", "auditor", "staff", "coordinator")
    cases = []
    for name, (_get, post) in sorted(EXPECTED.items()):
        if name in {"logout", "set_language", "plans:organization_switch"}:
            continue  # they end or change the session itself: nothing to fill in
        role = next((r for r in preferred if post.get(r) == OK), None)
        if role is None and post.get("anonymous") == OK:
            role = "anonymous"
        if role is not None:
            cases.append((name, role))
    return cases


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_DOMAIN
    }


@pytest.mark.parametrize(("name", "role"), _forms_to_fuzz())
def test_every_form_answers_arbitrary_input_with_a_page_not_an_error(world, name, role):
    url = reverse(name, kwargs={k: world.ids[v] for k, v in PARAMETERS.get(name, {}).items()})
    client = Client()
    if ROLES[role]:
        client.force_login(User.objects.get(username=ROLES[role]))
    page = client.get(url)
    is_page = page.status_code == 200 and page["Content-Type"].startswith("text/html")
    forms = all_forms(page.content.decode()) if is_page else []
    forms = forms or [{}]  # a POST-only action: fuzz it with arbitrary fields

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def post_arbitrary(data):
        form = data.draw(st.sampled_from(forms))
        fuzzed = {
            field: data.draw(
                st.one_of(st.just(values), st.lists(ANY_VALUE, min_size=1, max_size=3))
            )
            for field, values in form.items()
            if field != "csrfmiddlewaretoken"
        }
        fuzzed.update(data.draw(st.dictionaries(st.text(max_size=12), ANY_VALUE, max_size=2)))
        with transaction.atomic():
            before = _row_counts()
            response = client.post(url, fuzzed)  # a server error raises here
            assert response.status_code < 500
            if response.status_code not in (301, 302):  # refused: nothing written at all
                assert _row_counts() == before
            transaction.set_rollback(True)

    post_arbitrary()


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(), LONG, st.lists(BAD_DATES, max_size=4).map(" – ".join)),
    year=st.integers(2000, 2100),
)
def test_the_timing_parser_reads_anything_without_raising(text, year):
    schedule = parse_timing(text, year)
    summarize(schedule)
    explain(text, year)
