"""Third-party apps under a Vietnamese name in the admin (their own AppConfig has none)."""

from axes.apps import AppConfig as BaseAxesConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(BaseAxesConfig):
    verbose_name = _("Login attempts")
