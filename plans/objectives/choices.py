"""The vocabulary of quality objectives: how a target compares, how often it is measured."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")
    EXACTLY = "exactly", _("exactly")
    YES = "yes", _("yes / no: achieved when done")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Every six months")
    YEARLY = "yearly", _("Yearly")
