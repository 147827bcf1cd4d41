from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    OFFICE = "office", _("Office")
    DIVISION = "division", _("Division")
    CENTRE = "centre", _("Centre")
    SUB_DEPARTMENT = "sub_department", _("Sub-department")
    BOARD = "board", _("Board")


class Role(models.TextChoices):
    ISO_SECRETARY = "iso_secretary", _("ISO secretary")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    AUDITOR = "auditor", _("Internal auditor")
    STAFF = "staff", _("Staff")


LEADERSHIP_ROLES = frozenset({Role.DIRECTOR, Role.DEPUTY_DIRECTOR})
# Roles whose holder must name the department they belong to.
ROLES_REQUIRING_DEPARTMENT = frozenset({Role.DEPARTMENT_HEAD})


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    CLOSED = "closed", _("Closed")
    SUPERSEDED = "superseded", _("Superseded by a revision")


class SigningAuthority(models.TextChoices):
    """The prefix of the signature block (Decree 30/2020): who signs on whose behalf."""

    NONE = "", _("(signs in own name)")
    ON_BEHALF = "KT.", _("KT. (ký thay)")
    FOR = "TM.", _("TM. (thay mặt)")
    BY_ORDER = "TL.", _("TL. (thừa lệnh)")
    ACTING = "Q.", _("Q. (quyền)")


class TaskParty(models.TextChoices):
    """Who may be responsible for a task besides a named department."""

    ALL_DEPARTMENTS = "all_departments", _("All departments")
    ISO_SECRETARY = "iso_secretary", _("ISO secretary")
    STEERING_COMMITTEE = "steering_committee", _("ISO steering committee")
    LEADERSHIP = "leadership", _("Leadership")


class Responsibility(models.TextChoices):
    LEAD = "lead", _("Lead")
    SUPPORT = "support", _("Support")
