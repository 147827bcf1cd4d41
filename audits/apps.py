from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _members(user, organization, roles) -> bool:
    return organization is not None


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Audits and improvement")

    def ready(self) -> None:
        # audits uses plans, never the other way: its menu entries are added from here,
        # before "Organization" and "Administration".
        from plans.navigation import ENTRIES, NavEntry

        ENTRIES[-2:-2] = [
            NavEntry(_("Audits"), "audits:audit_list", "bi-clipboard-check", _members),
            NavEntry(
                _("Nonconformities"),
                "audits:nonconformity_list",
                "bi-exclamation-diamond",
                _members,
            ),
        ]
