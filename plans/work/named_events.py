"""Events the plans name in their own words ("khi có sự thay đổi về cơ cấu tổ chức"): the key
under which similar wordings are one event, for the waits that match it and the events page."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from isoplan.text import unaccented
from plans.work.models import NAMED_EVENT, Event

# Words that say nothing of which event it is: "khi có sự thay đổi về cơ cấu" and "thay đổi cơ
# cấu" are the same event. Without diacritics, only the words that cannot be another ("co" may be
# "có" or "cơ", "moi" "mỗi" or "mới"), and "co"/"su" at the start ("co su thay doi…").
STOP_WORDS = frozenset(
    ["có", "sự", "các", "những", "về", "được", "ngày", "khi", "của", "một", "mỗi", "là", "thì",
     "kể", "từ", "sau", "nhận", "đã", "bị", "tại", "ở", "và"]
)  # fmt: skip
PLAIN_STOP_WORDS = frozenset(["cac", "nhung", "ve", "duoc", "ngay", "khi", "cua", "sau", "va"])
LEADING_WORDS = frozenset({"co", "su"})


def event_key(words: str) -> str:
    """The key under which similar wordings of a named event are one event: lower case without
    diacritics, punctuation and words like "có", "sự", "các", "về", "được", "khi" dropped."""
    kept: list[str] = []
    text = unicodedata.normalize("NFC", words or "").lower()
    for token in re.findall(r"\w+", text):
        plain = unaccented(token)
        if token in STOP_WORDS or (plain == token and plain in PLAIN_STOP_WORDS):
            continue
        if not kept and plain == token and plain in LEADING_WORDS:
            continue
        kept.append(plain)
    return " ".join(kept)


def _shown(wordings: Counter) -> str:
    """The wording to show: the most used, written with its diacritics and not in capitals."""
    return min(
        wordings,
        key=lambda words: (-wordings[words], unaccented(words) == words, words.isupper(), words),
    )


def named_events(organization) -> dict[str, list[int]]:
    """The events the organization's approved plans name in their own words, as their tasks'
    schedules wait for them: words → the plans' years. Similar wordings are one event (its most
    used wording), as recording it dates all their waits."""
    tasks = Event._meta.get_field("task").related_model  # a plan's task (declared by name)
    wordings: dict[str, Counter] = {}
    years: dict[str, set[int]] = {}
    for year, schedule in tasks.objects.filter(
        plan__organization=organization,
        plan__status="approved",
        # A text match (JSON containment is PostgreSQL's only; the demo runs on SQLite).
        schedule__icontains=f'"{NAMED_EVENT}"',
    ).values_list("plan__year", "schedule"):
        for wait in schedule.get("events", []):
            words = wait.get("description", "").strip()
            if wait.get("kind") == NAMED_EVENT and (key := event_key(words)):
                wordings.setdefault(key, Counter())[words] += 1
                years.setdefault(key, set()).add(year)
    found = {_shown(counts): sorted(years[key]) for key, counts in wordings.items()}
    return dict(sorted(found.items()))
