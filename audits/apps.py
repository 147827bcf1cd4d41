from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Audits and improvement")

    def ready(self) -> None:
        # audits uses plans, never the other way: its menu entry is added from here.
        from plans.navigation import ENTRIES, NavEntry

        ENTRIES.insert(
            -2,
            NavEntry(
                _("Nonconformities"),
                "audits:nonconformity_list",
                "bi-exclamation-diamond",
                lambda user, organization, roles: organization is not None,
            ),
        )
