"""The register's kinds of work item: a document's periodic review, and updating the documents an
external text affects."""

import re

from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
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


# --- merging agencies (plans/organizations/merging.py): the register goes whole ----------------
def _documents(ctx):
    from .models import Document

    return Document.objects.filter(organization__in=ctx.source_ids)


def _move_documents(ctx) -> int:
    """Both registers become one; a code the merged agency already uses (QT-01 in both) takes
    the former agency's symbol ("QT-01-SLĐTBXH") so that each stays findable."""
    from .models import Document

    taken = set(ctx.theirs(Document).values_list("code", flat=True))
    symbols = {s.pk: s.document_symbol for s in ctx.sources}
    for pk, code, owner in (
        _documents(ctx)
        .order_by("organization", "code")
        .values_list("pk", "code", "organization_id")
    ):
        if code in taken:
            Document.objects.filter(pk=pk).update(code=f"{code}-{symbols[owner]}"[:50])
        taken.add(code)
    return ctx.move(_documents(ctx))


def _editions(ctx):
    from .models import DocumentEdition

    return DocumentEdition.objects.filter(document__organization__in=ctx.source_ids)


def _same_documents(ctx) -> list[str]:
    from .models import Document

    theirs = ctx.theirs(Document)
    codes = set(theirs.values_list("code", flat=True))
    titles = {t.casefold() for t in theirs.values_list("title", flat=True)}
    return [
        f"{d.code} – {d.title} ({d.organization})"
        for d in _documents(ctx).select_related("organization").order_by("code")
        if d.code in codes or d.title.casefold() in titles
    ]


def _external(ctx):
    """The former agencies' legal texts the merged agency has not registered (by number)."""
    from .models import ExternalDocument

    theirs = ctx.theirs(ExternalDocument).values("number")
    mine = ExternalDocument.objects.filter(organization__in=ctx.source_ids)
    first = {}  # the same text in two merged agencies: the first registered moves
    for pk, number in mine.exclude(number__in=theirs).order_by("pk").values_list("pk", "number"):
        first.setdefault(number, pk)
    return mine.filter(pk__in=list(first.values()))


def _same_external(ctx) -> list[str]:
    from .models import ExternalDocument

    moving = _external(ctx).values("pk")
    return [
        f"{e.number} – {e.title} ({e.organization})"
        for e in ExternalDocument.objects.filter(organization__in=ctx.source_ids)
        .exclude(pk__in=moving)
        .select_related("organization")
    ]


merging.register(
    merging.Mover(
        "documents",
        _("Documents"),
        count=lambda ctx: _documents(ctx).count(),
        move=_move_documents,
        duplicates=_same_documents,
    )
)
merging.register(
    merging.Mover(
        "editions",
        _("Document editions (with their documents)"),
        count=lambda ctx: _editions(ctx).count(),
        move=lambda ctx: _editions(ctx).count(),  # counted before their documents move
        order=49,
    )
)
merging.register(
    merging.Mover(
        "external_documents",
        _("External documents"),
        count=lambda ctx: _external(ctx).count(),
        move=lambda ctx: ctx.move(_external(ctx)),
        duplicates=_same_external,
    )
)
