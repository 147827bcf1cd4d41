from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Quality system plans")

    def ready(self) -> None:
        from isoplan import (
            lookups,
            security,  # noqa: F401  (connects the login/logout log receivers)
        )

        lookups.register()  # column__any=[ids]

        # Each domain declares its kinds of work item (plans/work/kinds.py).
        from plans.committee import kinds as _committee  # noqa: F401
        from plans.committee.demo import load_demo_committee
        from plans.demo import CURRENT_YEAR_LOADERS
        from plans.documents import kinds as _documents  # noqa: F401
        from plans.objectives import kinds as _objectives  # noqa: F401
        from plans.planning import kinds as _planning  # noqa: F401
        from plans.risks import kinds as _risks  # noqa: F401
        from plans.training import kinds as _training  # noqa: F401
        from plans.training.demo import load_current_training
        from plans.work import handoffs  # noqa: F401  (tells each workflow step's next person)

        CURRENT_YEAR_LOADERS.append(load_demo_committee)
        # The current year's trainings, newcomers and certificates in the demo.
        if load_current_training not in CURRENT_YEAR_LOADERS:
            CURRENT_YEAR_LOADERS.append(load_current_training)
