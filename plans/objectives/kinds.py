"""The objectives' kind of work item: a result to report, per objective and period."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.work.kinds import RecordStep, WorkKind, register

from .services import MEASUREMENT

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
