from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Quality system plans")

    def ready(self) -> None:
        from isoplan import security  # noqa: F401  (connects the login/logout log receivers)
