from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    OPEN = "open", _("Collecting responses")
    CLOSED = "closed", _("Closed")


class SurveyMethod(models.TextChoices):
    DESK = "desk", _("Forms at the one-stop desk")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    MIXED = "mixed", _("At the desk and online")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("5-point scale")
    TEXT = "text", _("Free text")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper form")


# The 5-point scale every agency's form uses; 4 and 5 count as satisfied.
SCALE = [
    (1, _("Very dissatisfied")),
    (2, _("Dissatisfied")),
    (3, _("Neutral")),
    (4, _("Satisfied")),
    (5, _("Very satisfied")),
]
SATISFIED_FROM = 4
