"""The objectives' kind of work item: a result to report, per objective and period."""

import re

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
