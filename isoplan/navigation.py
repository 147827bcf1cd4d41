"""The navigation bar: one list of entries, each shown to the people it is for.

Later features add their entry here with the test that decides who sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.choices import LEADERSHIP_ROLES, Role
from plans.organizations.access import roles_in


@dataclass(frozen=True)
class NavEntry:
    label: Any
    url_name: str
    icon: str
    shown_to: Callable[[Any, Any, set[str]], bool]
    url_kwargs: Callable[[Any], dict] | None = None
    # Neighbouring entries with the same group share one drop-down menu (the bar must fit 1280 px).
    group: Any = None

    def url(self, organization: Any) -> str:
        kwargs = self.url_kwargs(organization) if self.url_kwargs else {}
        return reverse(self.url_name, kwargs=kwargs)


def _everyone(user, organization, roles) -> bool:
    return True


def _members(user, organization, roles) -> bool:
    return organization is not None


def _secretary_or_leaders(user, organization, roles) -> bool:
    return bool(roles & {Role.ISO_SECRETARY, *LEADERSHIP_ROLES})


def _administrators(user, organization, roles) -> bool:
    return user.is_staff


ENTRIES: list[NavEntry] = [
    NavEntry(_("Overview"), "home", "bi-house", _everyone),
    NavEntry(_("Plans"), "plans:plan_list", "bi-journal-text", _members),
    NavEntry(_("Objectives"), "plans:objective_set_list", "bi-bullseye", _members),
    NavEntry(_("Unit work"), "plans:unit_work", "bi-list-check", _members),
    NavEntry(_("Documents"), "plans:document_list", "bi-folder2-open", _members),
    NavEntry(_("Risks"), "plans:risk_list", "bi-shield-exclamation", _members),
    NavEntry(_("Events"), "plans:event_list", "bi-lightning", _secretary_or_leaders),
    NavEntry(_("Training"), "plans:training_list", "bi-mortarboard", _members),
    # The agency and its steering committee share a menu (the bar is full at 1280 px); everyone
    # of the agency reads who sits on the committee (plans.view_committeecomposition).
    NavEntry(
        _("Organization details"),
        "plans:organization_detail",
        "bi-diagram-3",
        _members,
        url_kwargs=lambda organization: {"pk": organization.pk},
        group=_("Organization"),
    ),
    NavEntry(
        _("ISO steering committee"),
        "plans:committee",
        "bi-people",
        _members,
        group=_("Organization"),
    ),
    NavEntry(_("Administration"), "admin:index", "bi-gear", _administrators),
]


def add_entries(entries: list[NavEntry]) -> None:
    """An app's entries (audits, reports), after those before them and before the agency's menu
    and the administration."""
    at = next(i for i, entry in enumerate(ENTRIES) if entry.url_name == "plans:organization_detail")
    ENTRIES[at:at] = entries


def entries_for(user: Any, organization: Any) -> list[dict]:
    """The bar's items: an entry ({label, url, icon}) or a group ({label, icon, children})."""
    roles = roles_in(user, organization)
    items: list[dict] = []
    for entry in ENTRIES:
        if not entry.shown_to(user, organization, roles):
            continue
        item = {"label": entry.label, "url": entry.url(organization), "icon": entry.icon}
        if entry.group is None:
            items.append(item)
        elif items and items[-1].get("group") == entry.group:
            items[-1]["children"].append(item)
        else:
            items.append(
                {"label": entry.group, "group": entry.group, "icon": entry.icon, "children": [item]}
            )
    return items
