"""What internal audits complete in the plan ("Hoàn thành khi", plans/planning/fulfilment.py)."""

import re

from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
from plans.planning.fulfilment import Fulfilment, register
from plans.work.approvals import Awaiting
from plans.work.approvals import register as register_awaiting

from .services import AUDIT_ACTIONS, AUDIT_DONE, AUDIT_SCHEDULED

AUDIT = r"danh gia (chat luong )?noi bo"
register(
    Fulfilment(
        AUDIT_SCHEDULED,
        _("Internal audit planned"),
        re.compile(
            rf"(xay dung|lap|ban hanh|phe duyet)[^.;]{{0,20}}(ke hoach|chuong trinh)\s*{AUDIT}"
        ),
    )
)
register(
    Fulfilment(
        AUDIT_DONE,
        _("Internal audit report approved"),
        re.compile(
            r"(tien hanh|to chuc|thuc hien|trien khai)( thuc hien)?( cac| mot)?( cuoc| dot)? "
            + AUDIT
        ),
    )
)

# What waits for the leadership's decision (plans/work/approvals.py).
register_awaiting(Awaiting(_("Internal audit report"), "audits.Audit", AUDIT_ACTIONS))


# --- merging agencies (plans/organizations/merging.py): the question bank, without repeats ----
def _questions(ctx):
    from .models import QuestionTemplate

    theirs = {
        (c, q.strip().casefold())
        for c, q in ctx.theirs(QuestionTemplate).values_list("clause", "question")
    }
    moving = []
    for pk, clause, question in (
        QuestionTemplate.objects.filter(organization__in=ctx.source_ids)
        .order_by("pk")
        .values_list("pk", "clause", "question")
    ):
        key = (clause, question.strip().casefold())
        if key not in theirs:
            theirs.add(key)
            moving.append(pk)
    return QuestionTemplate.objects.filter(pk__in=moving)


merging.register(
    merging.Mover(
        "questions",
        _("Checklist questions (repeats left out)"),
        count=lambda ctx: _questions(ctx).count(),
        move=lambda ctx: ctx.move(_questions(ctx)),
    )
)
