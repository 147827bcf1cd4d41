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
