"""Laptop settings: the quick start (`make run`) uses these. SQLite, console email, no services."""

from .base import *

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-only")

# Static files are served from their finders (whitenoise); collectstatic is for production.
STATIC_ROOT = None

# One process: its in-memory cache is the whole throttle count (production needs a shared one).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]

# `make run HOST=192.168.1.10:8000` serves on that address: let its requests in (0.0.0.0 is no
# name a browser sends; then set ALLOWED_HOSTS and SITE_URL to the machine's address, see README).
_host_name = HOST.rsplit(":", 1)[0].strip("[]")
_everywhere = ("", "0.0.0.0", "::")  # noqa: S104 - not a binding: names no browser sends
if _host_name not in _everywhere and _host_name not in ALLOWED_HOSTS:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, _host_name]

# With DEBUG on, Django answers a 404 with its English technical page listing the URL patterns;
# the demo shows the product's own page (templates/404.html) as production does. An error (500)
# keeps Django's technical page: that is what a developer needs.
MIDDLEWARE = [*MIDDLEWARE, "isoplan.not_found.NotFoundPageMiddleware"]

# The console email backend prints each message, which the Celery worker of `make run` would log
# as a WARNING (its default level for what a task prints): it is the quick start's mail, not a
# problem.
CELERY_WORKER_REDIRECT_STDOUTS_LEVEL = "INFO"
