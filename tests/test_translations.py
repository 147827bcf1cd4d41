"""The Vietnamese catalogue is complete: every translatable string of the code has a translation."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(".venv", "node_modules", "var", ".git", "*.mo", "__pycache__")


def test_every_marked_string_has_a_vietnamese_translation(tmp_path):
    # Extract the strings afresh in a copy, so the test sees what the code marks today.
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "vi",
            "--no-obsolete",
            "--ignore=tests",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
    )
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", "locale/vi/LC_MESSAGES/django.po"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip()
    assert "translated message" in statistics
    assert "fuzzy" not in statistics, statistics
    assert "untranslated" not in statistics, statistics


def test_a_shared_english_word_is_translated_for_where_it_stands():
    """ "to" ends a time range ("từ 08:00 đến 10:30") but moves a plan to a status ("sang");
    a notification's title is not a plan's, a meeting's place is not a letterhead's place name."""
    from django.utils import translation

    from audits.models import Audit, AuditSession, ManagementReview
    from plans.models import Notification, PlanTransition

    with translation.override("vi"):
        label = lambda model, name: str(model._meta.get_field(name).verbose_name)  # noqa: E731
        assert label(AuditSession, "starts_at") == "từ"
        assert label(AuditSession, "ends_at") == "đến"
        assert label(Audit, "ends_on") == "đến"
        assert label(PlanTransition, "to_status") == "sang"
        assert label(Notification, "title") == "tiêu đề"
        assert label(ManagementReview, "place") == "địa điểm"
