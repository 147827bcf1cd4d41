"""What a newcomer's `make run` prints and links to (issue 26): links follow HOST, no warning from
WeasyPrint or kombu, /favicon.ico answered, and the demo's 404 is the product's own page."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.urls import reverse

from plans.models import Plan, Risk

ROOT = Path(__file__).resolve().parent.parent
# What the test run sets that a `make run` process would not have.
TEST_RUN_ONLY = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "SITE_URL",
    "HOST",
    "ALLOWED_HOSTS",
    "CELERY_BROKER_URL",
    "REDIS_URL",
}


def _local_setting(expression: str, tmp_path, **env: str) -> str:
    """A setting as `make run` (isoplan.settings.local) sees it with this environment."""
    environment = {k: v for k, v in os.environ.items() if k not in TEST_RUN_ONLY}
    environment.update(
        DJANGO_SETTINGS_MODULE="isoplan.settings.local", ISOPLAN_VAR_DIR=str(tmp_path), **env
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_links_follow_host_unless_site_url_is_set(tmp_path):
    assert _local_setting("settings.SITE_URL", tmp_path) == "http://127.0.0.1:8000"
    assert (
        _local_setting("settings.SITE_URL", tmp_path, HOST="192.168.1.10:8080")
        == "http://192.168.1.10:8080"
    )
    assert (
        _local_setting(
            "settings.SITE_URL", tmp_path, HOST="0.0.0.0:8000", SITE_URL="https://iso.example.vn"
        )
        == "https://iso.example.vn"
    )


def test_the_quick_start_lets_in_the_address_it_serves_on(tmp_path):
    hosts = _local_setting("settings.ALLOWED_HOSTS", tmp_path, HOST="192.168.1.10:8080")
    assert "'192.168.1.10'" in hosts
    everywhere = _local_setting("settings.ALLOWED_HOSTS", tmp_path, HOST="0.0.0.0:80")
    assert "0.0.0.0" not in everywhere  # noqa: S104


def test_the_quick_start_broker_names_its_host(tmp_path, caplog):
    # kombu warns "No hostname was supplied" each time it connects to a URL without one.
    from kombu import Connection

    url = _local_setting("settings.CELERY_BROKER_URL", tmp_path)
    assert url.startswith("filesystem://")
    with caplog.at_level(logging.WARNING, logger="kombu"):
        Connection(url).info()
    assert not caplog.records


def test_the_printout_css_has_nothing_weasyprint_ignores(caplog):
    # document.css is given to WeasyPrint with every PDF.
    from weasyprint import CSS

    from reports.pdf import document_css

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        CSS(string=document_css())
    assert not [r.getMessage() for r in caplog.records]


def test_only_screen_rules_are_let_pass_silently(caplog):
    # WeasyPrint reads no media features: the phone rules are ignored in the PDF, as they should
    # be, without a warning; a media query meant for print that it cannot read still warns.
    from weasyprint import CSS

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        CSS(string="@media screen and (max-width: 575.98px) { p { color: red } }")
        assert not caplog.records
        CSS(string="@media print and (min-width: 10cm) { p { color: red } }")
    assert caplog.records


# The printouts' font (static/css/document.css) under its names; anything else is a fallback.
DOCUMENT_FONTS = {"Times New Roman", "Tinos", "Liberation Serif"}


@pytest.fixture
def embedded_fonts(monkeypatch):
    """The families WeasyPrint embeds (each PDF subsets the fonts it uses)."""
    from weasyprint.pdf import fonts

    families = set()
    subset = fonts.Font.subset

    def spy(self, to_unicode, hinting):
        families.add(self.family)
        return subset(self, to_unicode, hinting)

    monkeypatch.setattr(fonts.Font, "subset", spy)
    return families


def test_weasyprint_subsets_fonts_with_harfbuzz():
    # Without Debian's libharfbuzz-subset0 every PDF logs "Using fontTools instead of
    # HarfBuzz-Subset" (20 lines in load_demo); the Makefile's system-deps installs it.
    from weasyprint.text.ffi import harfbuzz_subset

    assert harfbuzz_subset is not None, "apt-get install libharfbuzz-subset0"


@pytest.mark.django_db
def test_the_demo_and_its_pdfs_print_without_a_warning_in_the_document_font(
    client, caplog, embedded_fonts
):
    """load_demo writes evidence and document files as PDFs, then the printouts: no warning and
    nothing in DejaVu Serif (fontconfig's "serif", taken when a PDF names no font)."""
    with caplog.at_level(logging.WARNING):
        call_command("load_demo", stdout=io.StringIO())
        client.post(reverse("login"), {"username": "thuky", "password": "isoplan-demo"})
        plan = Plan.objects.filter(organization__document_symbol="SLĐTBXH").latest("year")
        risk = Risk.objects.filter(organization=plan.organization).latest("year")
        responses = [
            client.get(reverse("reports:plan_pdf", args=[plan.pk])),
            client.get(reverse("reports:risk_register_pdf"), {"year": risk.year}),
        ]
    assert [r["Content-Type"] for r in responses] == ["application/pdf"] * 2
    assert not [f"{r.name}: {r.getMessage()}" for r in caplog.records]
    assert embedded_fonts
    assert embedded_fonts <= DOCUMENT_FONTS, embedded_fonts


def test_the_quick_starts_database_checks_are_quiet(tmp_path):
    """`manage.py migrate` on SQLite runs the database checks: the work items' covering index
    (PostgreSQL's ``INCLUDE``) must not warn there (models.W040)."""
    environment = {k: v for k, v in os.environ.items() if k not in TEST_RUN_ONLY}
    environment.update(
        DJANGO_SETTINGS_MODULE="isoplan.settings.local",
        ISOPLAN_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'quick.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--database", "default"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stdout + result.stderr, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_favicon_is_the_site_icon_and_no_refused_access(client, secretary, caplog):
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
    for signed_in in (False, True):
        if signed_in:
            client.force_login(secretary)
        with caplog.at_level(logging.INFO, logger="isoplan.security"):
            response = client.get("/favicon.ico")
        assert response.status_code == 301
        assert response["Location"] == static("favicon.svg")
    assert not [r for r in caplog.records if "refused" in r.getMessage()]


@pytest.fixture
def demo_settings(settings):
    """The quick start's DEBUG and middleware (isoplan.settings.local)."""
    import isoplan.settings.local as local

    settings.DEBUG = True
    settings.MIDDLEWARE = local.MIDDLEWARE
    return settings


@pytest.mark.django_db
def test_with_debug_on_a_wrong_id_shows_the_products_404_page(client, demo_settings, secretary):
    client.force_login(secretary)
    for url in (reverse("plans:plan_detail", args=[987654]), "/khong-co-trang-nay/"):
        response = client.get(url)
        assert response.status_code == 404, url
        page = response.content.decode()
        assert "Không tìm thấy trang" in page, url
        assert "URLconf" not in page, url
        assert "DEBUG = True" not in page, url


def test_the_worker_of_make_run_starts_without_a_warning(tmp_path):
    """The worker as `make run` starts it (its command line from `make -n`, as root too), for a
    few seconds: no warning (Celery's root warning, kombu's "No hostname was supplied")."""
    dry_run = subprocess.run(
        ["make", "-s", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    command = next(line for line in dry_run.splitlines() if "celery -A isoplan worker" in line)
    # Up to the "&" that puts it in the background; no beat: its sweep would need a database.
    command = command.split(" & ")[0].replace(" --beat", "")
    environment = {k: v for k, v in os.environ.items() if k not in TEST_RUN_ONLY}
    environment.update(
        DJANGO_SETTINGS_MODULE="isoplan.settings.local", ISOPLAN_VAR_DIR=str(tmp_path)
    )
    result = subprocess.run(
        ["timeout", "-s", "TERM", "20", "bash", "-c", command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert " ready." in output, output
    assert "WARNING" not in output, output
    assert "Warning" not in output, output
