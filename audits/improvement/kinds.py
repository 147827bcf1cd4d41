"""The improvement proposals' kind of work item (an improvement action, for its unit), what
they complete in the plan. A new proposal is told to the ISO secretary (services.py), not
listed on "Chờ bạn phê duyệt": that list is the leadership's approvals."""

import re

from django.utils.translation import gettext_lazy as _

from plans.planning.fulfilment import Fulfilment
from plans.planning.fulfilment import register as register_fulfilment
from plans.work.kinds import WorkKind, register

from .services import (
    IMPROVEMENT_ACTION,
    IMPROVEMENT_PROPOSED,
    action_closed,
    action_reopened,
)

register(
    WorkKind(
        name=IMPROVEMENT_ACTION,
        label=_("Improvement action"),
        model="audits.ImprovementAction",
        source_field="improvement_action",  # the action holds its item
        related=("proposal",),
        title=lambda action: f"{action.proposal.code}: {action.action}",
        search=("action",),
        origin=lambda action: str(action.proposal),
        url=lambda action: action.proposal.get_absolute_url(),
        on_close=action_closed,
        on_reopen=action_reopened,
    )
)

# "Các đề xuất cải tiến tài liệu, quy trình và áp dụng thuộc HTQLCL" — the units (Các phòng),
# "thường xuyên", recorded "theo báo cáo từng trường hợp cụ thể": the task asks each unit to
# propose, case by case. A unit's part of the year is done when one of its proposals has been
# decided by the secretary (accepted, merged or declined: the proposal was made and answered);
# carrying out the accepted ones is the improvement actions' own work, with their own deadlines.
register_fulfilment(
    Fulfilment(
        IMPROVEMENT_PROPOSED,
        _("An improvement proposal of the unit decided"),
        re.compile(r"de xuat[^.;]{0,10}cai tien"),
    )
)
