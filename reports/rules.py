"""Who may do what with the annual report (django-rules, see plans/rules.py)."""

import rules

from plans.choices import Role
from plans.organizations.access import coordinated_provinces, has_role
from plans.rules import coordinates_province, is_director, is_iso_secretary, is_leader, is_member

rules.add_perm("reports.view_annualreport", is_member)
rules.add_perm("reports.change_annualreport", is_iso_secretary)
rules.add_perm("reports.approve_annualreport", is_leader)


@rules.predicate
def is_sent(user, report) -> bool:
    return report is not None and report.submitted_on is not None


# The province coordinator: every agency of their province read-only (the object is the
# agency), and the annual reports those agencies marked sent — a draft stays the agency's own.
rules.add_perm("reports.view_province_agency", coordinates_province)
rules.add_perm("reports.view_sent_annualreport", coordinates_province & is_sent)
# ... and answers them: comments, asks for a correction or accepts (reports/receipt.py).
rules.add_perm("reports.receive_annualreport", coordinates_province & is_sent)


@rules.predicate
def coordinates_own_province(user, organization) -> bool:
    """The person is the ISO coordinator of the province in this agency of theirs (the object is
    the agency they act in, which signs the province's report)."""
    return (
        organization is not None
        and bool(organization.province)
        and has_role(user, organization, {Role.PROVINCE_COORDINATOR})
    )


# The province's consolidated yearly report (reports/consolidated.py): its coordinator reads,
# writes its texts and downloads it; the agencies' own people do not.
rules.add_perm("reports.view_consolidated_report", coordinates_own_province)
rules.add_perm("reports.change_consolidated_report", coordinates_own_province)

# The inspection dossier (reports/dossier/): the year's records of the whole agency, its
# nonconformities included: the ISO secretary and the leadership build, follow and download it.
rules.add_perm("reports.build_dossier", is_iso_secretary | is_leader)
rules.add_perm("reports.view_dossier", is_iso_secretary | is_leader)

# The declaration of conformity: everyone of the agency reads it (the public page shows the one
# in force to anyone); the ISO secretary and the director record it.
rules.add_perm("reports.view_conformitydeclaration", is_member)
rules.add_perm("reports.change_conformitydeclaration", is_iso_secretary | is_director)


# The province's templates (reports/province_templates/): the coordinator of the template's
# province writes, publishes and withdraws them (the object is the template, or the
# coordinator's agency for a new one) ...
@rules.predicate
def coordinates_template_province(user, obj) -> bool:
    province = getattr(obj, "province", "") if obj is not None else ""
    return bool(province) and province in coordinated_provinces(user)


@rules.predicate
def has_province(user, obj) -> bool:
    return obj is not None and bool(getattr(obj, "province", ""))


rules.add_perm("reports.manage_provincetemplate", coordinates_template_province)
# ... and the ISO secretary of an agency of that province reads the published ones and copies
# them into the agency (the object is the agency).
rules.add_perm("reports.use_provincetemplate", is_iso_secretary & has_province)
