from isoplan.formats.common import *  # noqa: F403

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
