"""Production settings refuse to run without a secret and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
TEST_RUN_ONLY = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL"}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A production process: none of the test run's own settings or flags.
    environment = {k: v for k, v in os.environ.items() if k not in TEST_RUN_ONLY}
    environment.update(DJANGO_SETTINGS_MODULE="isoplan.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "x9Kq2!vZ" * 6,
        ALLOWED_HOSTS="iso.dongthap.gov.vn",
        CACHE_URL="redis://127.0.0.1:6379/1",  # checked, not connected to
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_cache_that_each_worker_keeps_for_itself():
    # Throttles counted per gunicorn worker would let each worker allow the limit again.
    result = _manage("check", SECRET_KEY="a-long-random-production-secret-" + "x9Kq2!vZ" * 6)
    assert result.returncode != 0
    assert "django_ratelimit.E003" in result.stderr


def test_defaults_speak_vietnamese_in_vietnam():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


@pytest.mark.django_db
def test_the_configured_database_is_reachable():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
@pytest.mark.usefixtures("require_postgres")
def test_a_query_run_again_on_a_kept_connection_is_prepared_there():
    """PostgreSQL parses and plans a page's queries once per connection, not per request
    (isoplan/settings/base.py): Django leaves psycopg's preparing off unless told."""
    from django.db import connection

    query = "SELECT %s::int + 1"
    with connection.cursor() as cursor:
        for n in range(6):
            cursor.execute(query, [n])
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        assert query.replace("%s", "$1") in [row[0] for row in cursor.fetchall()]
