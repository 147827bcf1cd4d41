"""Settings for the test suite. DATABASE_URL and CELERY_BROKER_URL still come from the environment,
so CI runs the same tests on PostgreSQL and Redis."""

from .base import *

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-secret-key-not-for-production")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = False
LANGUAGE_CODE = "vi"

# Static files are served from their finders (whitenoise); collectstatic is for production.
STATIC_ROOT = None
# Tests use their own queue, so a worker of a running `make run` never takes their tasks.
CELERY_TASK_DEFAULT_QUEUE = "isoplan-test"

# One process: its in-memory cache is the whole throttle count (production needs a shared one).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]

# Links in emails and feeds as the tests expect them, whatever HOST `make test` is given.
SITE_URL = "http://127.0.0.1:8000"
