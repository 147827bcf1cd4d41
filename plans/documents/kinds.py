"""The register's kinds of work item: a document's periodic review, and updating the documents an
external text affects."""

import re

from django.utils.translation import gettext_lazy as _

from plans.planning.fulfilment import Fulfilment
from plans.planning.fulfilment import register as register_fulfilment
from plans.work.approvals import Awaiting
from plans.work.approvals import register as register_awaiting
from plans.work.kinds import RecordStep, WorkKind, register

from .services import DOCUMENT_REVIEW, DOCUMENT_UPDATE, DOCUMENTS_REVIEWED, EDITION_ACTIONS

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

# What the register completes in the plan ("Hoàn thành khi", plans/planning/fulfilment.py).
register_fulfilment(
    Fulfilment(
        DOCUMENTS_REVIEWED,
        _("Reviews of the documents due that year recorded"),
        re.compile(r"ra soat[^.;]{0,40}(tai lieu|quy trinh|van ban|he thong van ban)"),
    )
)

# What waits for the leadership's decision (plans/work/approvals.py).
register_awaiting(
    Awaiting(
        _("Document edition"),
        "plans.DocumentEdition",
        EDITION_ACTIONS,
        related=("document__organization",),
    )
)
