"""Laptop settings: the quick start (`make run`) uses these. SQLite, console email, no services."""

from .base import *

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-only")

# Static files are served from their finders (whitenoise); collectstatic is for production.
STATIC_ROOT = None

# One process: its in-memory cache is the whole throttle count (production needs a shared one).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]
