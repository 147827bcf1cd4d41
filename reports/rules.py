"""Who may do what with the annual report (django-rules, see plans/rules.py)."""

import rules

from plans.rules import is_iso_secretary, is_leader, is_member

rules.add_perm("reports.view_annualreport", is_member)
rules.add_perm("reports.change_annualreport", is_iso_secretary)
rules.add_perm("reports.approve_annualreport", is_leader)
