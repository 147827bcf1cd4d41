"""What the committee completes in the plan and whom "Ban Chỉ đạo ISO" means in it: the plan's
task of re-forming the committee ("Kiện toàn Ban Chỉ đạo ISO") is done when a new composition is
issued; items of the steering committee are its current members' (plans/work/responsibility.py)."""

import re

from django.utils.translation import gettext_lazy as _

from plans.choices import TaskParty
from plans.planning.fulfilment import Fulfilment, register
from plans.work.responsibility import register_party_members

from .selectors import current_member_pairs
from .services import COMMITTEE_RENEWED

register(
    Fulfilment(
        COMMITTEE_RENEWED,
        _("Steering committee re-formed by decision"),
        re.compile(r"(kien toan|thanh lap|cung co)[^.;]{0,20}(ban chi dao|bcd)"),
    )
)
register_party_members(TaskParty.STEERING_COMMITTEE, current_member_pairs)
