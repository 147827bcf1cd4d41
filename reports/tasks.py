"""Celery tasks of reports: thin — ids in, a service call."""

from celery import shared_task

from .dossier.services import dossier_build


# A year's dossier prints every record and copies every file: more than the default limits.
@shared_task(soft_time_limit=1800, time_limit=1900)
def build_dossier(build_id: int) -> str:
    return dossier_build(build_id=build_id)
