"""The objectives' kind of work item: a result to report, per objective and period."""

import re

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.organizations import merging
from plans.planning.fulfilment import Fulfilment
from plans.planning.fulfilment import register as register_fulfilment
from plans.work.approvals import Awaiting
from plans.work.approvals import register as register_awaiting
from plans.work.kinds import RecordStep, WorkKind, register

from .services import MEASUREMENT, OBJECTIVE_RESULTS, OBJECTIVE_SET_ACTIONS, OBJECTIVES_APPROVED

register(
    WorkKind(
        name=MEASUREMENT,
        label=_("Objective result"),
        model="plans.Objective",
        source_field="objective",
        related=("objective_set__organization", "objective_set__department"),
        title=lambda objective: objective.statement,
        search=("statement",),
        origin=lambda objective: str(objective.objective_set),
        url=lambda objective: objective.objective_set.get_absolute_url(),
        timing=lambda objective: str(objective.get_frequency_display()),
        output=lambda objective: objective.indicator,
        closed_on_record=RecordStep(
            _("Enter the result"),
            lambda item: reverse("plans:result_edit", args=[item.objective_id, item.period_key]),
        ),
    )
)

# What objectives' records complete in the plan ("Hoàn thành khi", plans/planning/fulfilment.py).
register_fulfilment(
    Fulfilment(
        OBJECTIVES_APPROVED,
        _("Quality objectives approved"),
        re.compile(
            r"(xay dung|ban hanh|phe duyet|thiet lap|lap|cong bo)[^.;]{0,30}"
            r"(muc tieu chat luong|mtcl)"
        ),
    )
)
register_fulfilment(
    Fulfilment(
        OBJECTIVE_RESULTS,
        _("Objective results entered for the period"),
        re.compile(
            r"(bao cao|danh gia|tong hop|theo doi)[^.;]{0,30}(ket qua|muc do|tinh hinh)[^.;]{0,40}"
            r"(muc tieu chat luong|mtcl)"
        ),
    )
)

# What waits for the leadership's decision (plans/work/approvals.py).
register_awaiting(Awaiting(_("Quality objectives"), "plans.ObjectiveSet", OBJECTIVE_SET_ACTIONS))


# --- merging agencies (plans/organizations/merging.py): this year's objectives and on ----------
def _objectives(ctx):
    from .models import Objective

    return Objective.objects.filter(
        objective_set__organization__in=ctx.source_ids, objective_set__year__gte=ctx.year
    )


def _move_objectives(ctx) -> int:
    """Each set of this year or later goes to the merged agency, for the mapped unit; where the
    merged agency already has that set (the agency's own, a unit's), its objectives join it."""
    from django.db.models import Max

    from .models import Objective, ObjectiveAction, ObjectiveSet

    moved = _objectives(ctx).count()
    for objective_set in ObjectiveSet.objects.filter(
        organization__in=ctx.source_ids, year__gte=ctx.year
    ).order_by("pk"):
        unit = ctx.unit_map.get(objective_set.department_id, objective_set.department_id)
        joined = ObjectiveSet.objects.filter(
            organization=ctx.target, year=objective_set.year, department_id=unit
        ).first()
        if joined is None:
            ObjectiveSet.objects.filter(pk=objective_set.pk).update(
                organization=ctx.target, department_id=unit
            )
            continue
        top = Objective.all_objects.filter(objective_set=joined).aggregate(top=Max("order"))
        for offset, pk in enumerate(
            Objective.all_objects.filter(objective_set=objective_set)
            .order_by("order", "pk")
            .values_list("pk", flat=True),
            start=(top["top"] or 0) + 1,
        ):
            Objective.all_objects.filter(pk=pk).update(objective_set=joined, order=offset)
    ctx.remap(Objective, objective_set__organization=ctx.target)
    ctx.remap(ObjectiveAction, objective__objective_set__organization=ctx.target)
    return moved


merging.register(
    merging.Mover(
        "objectives",
        _("Quality objectives of this year and later"),
        count=lambda ctx: _objectives(ctx).count(),
        move=_move_objectives,
    )
)
