"""What internal audits complete in the plan ("Hoàn thành khi", plans/planning/fulfilment.py)."""

import re

from django.utils.translation import gettext_lazy as _

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
