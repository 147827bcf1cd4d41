"""The register's kinds of work item: a document's periodic review, and updating the documents an
external text affects."""

from django.utils.translation import gettext_lazy as _

from plans.work.kinds import RecordStep, WorkKind, register

from .services import DOCUMENT_REVIEW, DOCUMENT_UPDATE

register(
    WorkKind(
        name=DOCUMENT_REVIEW,
        label=_("Periodic review of the document"),
        model="plans.Document",
        title=str,
        search=("code", "title"),
        origin=lambda document: str(_("Document register")),
        closed_on_record=RecordStep(
            _("Record the review on the document's page"),
            lambda item: item.record.get_absolute_url() + "#review",
        ),
    )
)
register(
    WorkKind(
        name=DOCUMENT_UPDATE,
        label=_("Update the affected documents"),
        model="plans.ExternalDocument",
        title=lambda external: f"{external.number}: {external.title}",
        search=("number", "title"),
        origin=lambda external: str(_("External documents")),
    )
)
