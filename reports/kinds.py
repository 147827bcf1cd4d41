"""What the reports' records complete in the plan ("Hoàn thành khi", plans/planning/
fulfilment.py): the annual report sent, the declaration of conformity signed."""

import re

from django.utils.translation import gettext_lazy as _

from plans.planning.fulfilment import Fulfilment, register
from plans.work.approvals import Awaiting
from plans.work.approvals import register as register_awaiting

from .annual import ANNUAL_REPORT_ACTIONS, ANNUAL_REPORT_SENT, CONFORMITY_DECLARED

QMS = r"(he thong quan ly chat luong|htqlcl|iso)"
register(
    Fulfilment(
        ANNUAL_REPORT_SENT,
        _("Annual report sent to the province"),
        re.compile(
            r"bao cao[^.;]{0,60}(ap dung|duy tri)"
            r"|bao cao[^.;]{0,40}(so khoa hoc|skhcn|khoa hoc va cong nghe)"
        ),
    )
)
register(
    Fulfilment(
        CONFORMITY_DECLARED,
        _("Declaration of conformity signed"),
        re.compile(rf"cong bo (lai )?{QMS}|cong bo[^.;]{{0,30}}phu hop"),
    )
)

# What waits for the leadership's decision (plans/work/approvals.py).
register_awaiting(Awaiting(_("Annual report"), "reports.AnnualReport", ANNUAL_REPORT_ACTIONS))
