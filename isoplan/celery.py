import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isoplan.settings.local")

app = Celery("isoplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
