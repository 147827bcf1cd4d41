"""Every URL × every role × GET and POST, against the one table in matrix.py.

The world holds two agencies and a third with the province coordinator; URL parameters point at
records of the first. Another agency's person changing an id in the address gets a 404.
"""

import re
from unittest import mock

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from plans.models import User
from tests.security.matrix import (
    EXPECTED,
    HIDDEN,
    LOGIN,
    METHOD,
    OK,
    PARAMETERS,
    REFUSED,
    project_url_names,
)
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db

# Inline code the Content-Security-Policy would block: <script> without src, on…= handlers,
# style="…" attributes and <style> elements.
INLINE = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=|\sstyle=|<style[\s>]", re.I)


def _outcome(response) -> str:
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        if location.startswith((reverse("login"), reverse("admin:login"))):
            return LOGIN
        return OK
    if status < 300:
        return OK
    if status == 404:
        return HIDDEN
    if status == 403:
        return REFUSED
    if status == 405:
        return METHOD
    return str(status)


def _matches(expected: str, actual: str) -> bool:
    return actual == expected or (expected == REFUSED and actual == HIDDEN)


def _inline_code(response) -> bytes | None:
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    found = INLINE.search(response.content)
    return found.group() if found else None


def _clients() -> dict[str, Client]:
    clients = {}
    for role, username in ROLES.items():
        clients[role] = Client()
        if username:
            clients[role].force_login(User.objects.get(username=username))
    return clients


def _request(client: Client, method: str, url: str):
    # Each request's writes are rolled back, so every role meets the same world.
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def test_every_url_has_an_entry_and_the_entries_are_urls():
    names = set(project_url_names())
    assert names - EXPECTED.keys() == set(), "URLs with no entry in tests/security/matrix.py"
    assert EXPECTED.keys() - names == set(), "entries for URLs that no longer exist"
    for get, post in EXPECTED.values():
        assert get.keys() == post.keys() == {*ROLES}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_gets_what_the_matrix_says(world, name):
    url = reverse(name, kwargs={k: world.ids[v] for k, v in PARAMETERS.get(name, {}).items()})
    clients = _clients()
    wrong = []
    # Rendering PDFs says nothing about permissions and takes a second each.
    with mock.patch("reports.pdf.HTML") as html:
        html.return_value.write_pdf.return_value = b"%PDF-1.4"
        for method, rule in zip(("get", "post"), EXPECTED[name], strict=True):
            for role, expected in rule.items():
                response = _request(clients[role], method, url)
                actual = _outcome(response)
                if not _matches(expected, actual):
                    wrong.append(f"{method.upper()} {url} as {role}: {actual}, expected {expected}")
                elif actual == OK and (found := _inline_code(response)):
                    wrong.append(f"{url}: {found!r} (the CSP blocks inline code)")
    assert wrong == []


def _admin_urls(world) -> list[str]:
    urls = [reverse("admin:index")]
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="quantri")
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):  # django-axes' records are read-only
            urls.append(reverse(f"{prefix}_add"))
        sample = model._default_manager.order_by("pk").first()
        if sample is not None:
            urls += [
                reverse(f"{prefix}_{view}", args=[sample.pk])
                for view in ("change", "history", "delete")
            ]
    return urls


def test_only_the_administrator_reaches_the_admin_site(world):
    clients = _clients()
    wrong = []
    urls = _admin_urls(world)
    assert len(urls) > 30
    for url in urls:
        for method in ("get", "post"):
            for role, client in clients.items():
                actual = _outcome(_request(client, method, url))
                expected = OK if role == "admin" else LOGIN
                if actual != expected:
                    wrong.append(f"{method.upper()} {url} as {role}: {actual}")
    assert wrong == []


def test_pages_carry_a_strict_content_security_policy(client, world):
    client.force_login(User.objects.get(username="thuky"))
    policy = client.get(reverse("plans:plan_list"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
