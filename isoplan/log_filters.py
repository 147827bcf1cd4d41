"""Filters of the logging configuration (LOGGING in isoplan/settings/base.py)."""

import logging
import re

# WeasyPrint reads media types only, not media features: on every PDF it warns twice about each
# "@media screen and (max-width: …)" rule of static/css/document.css (the plan page on a phone)
# and ignores the rule, which is right for the PDF. Only rules meant for a screen are let pass
# silently; any other media query it cannot read still warns.
SCREEN_MEDIA_QUERY = re.compile(
    r"^(Expected a media type, got '|Invalid media type ')\s*screen(/\*\*/|\s)+and\b"
)


class WeasyPrintScreenRules(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not SCREEN_MEDIA_QUERY.match(record.getMessage())
