from isoplan.formats.common import *  # noqa: F403
