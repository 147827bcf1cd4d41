import functools

from django.db import models
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

# The years of the yearly records: plans, objective sets, contexts and risk registers.
MIN_YEAR, MAX_YEAR = 2000, 2100


class OrganizationKind(models.TextChoices):
    """What an agency is in the province since 2025: a department or board of the province, a
    commune-level People's Committee (xã, phường, đặc khu), or another body."""

    DEPARTMENT = "department", _("Provincial department or board")
    COMMUNE = "commune", _("Commune or ward People's Committee")
    OTHER = "other", _("Other")


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
    # Held in the coordinating agency (e.g. Sở KH&CN); sees every agency of its province.
    PROVINCE_COORDINATOR = "province_coordinator", _("Province ISO coordinator")


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


def party_label(value: str) -> str:
    """How ``value`` of TaskParty reads (the value itself outside the choices). Not Django's
    ``get_party_display()``, which rebuilds the choices' dict on every call, translating each
    label to hash it; nor the label translated anew for each of a 300-task plan's rows (1.3 ms
    a page): the labels are translated once per language."""
    return _party_labels(get_language()).get(value, value)


@functools.cache
def _party_labels(language: str | None) -> dict[str, str]:
    with override(language):
        return {party.value: str(party.label) for party in TaskParty}


class Responsibility(models.TextChoices):
    LEAD = "lead", _("Lead")
    SUPPORT = "support", _("Support")


class EventKind(models.TextChoices):
    """Things that happen and start the deadlines that wait for them."""

    NEW_GUIDANCE = "new_guidance", _("New guidance or regulation received")
    LEGAL_TEXT_EFFECTIVE = "legal_text_effective", _("New legal text takes effect")
    PROCEDURES_PUBLISHED = "procedures_published", _("Administrative procedures published")
    INTERNAL_AUDIT_PLANNED = "internal_audit_planned", _("Internal audit scheduled")
    INTERNAL_AUDIT_DONE = "internal_audit_done", _("Internal audit completed")
    COMMITTEE_CHANGED = "committee_changed", _("ISO steering committee members changed")
    MANAGEMENT_REVIEW_HELD = "management_review_held", _("Management review held")
    TASK_DONE = "task_done", _("Another task completed")


class OffsetUnit(models.TextChoices):
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")


class WorkItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    # Still open when its plan was closed at year end: not done, and no longer reminded of.
    LAPSED = "lapsed", _("Not done when the plan closed")


OPEN_WORK_ITEM_STATUSES = (WorkItemStatus.NOT_STARTED, WorkItemStatus.IN_PROGRESS)


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Extra day off")
    WORKING_DAY = "working_day", _("Make-up working day")


class NumberStyle(models.TextChoices):
    """How the task table numbers its rows, as the agency writes them."""

    PLAIN = "1", "1, 2, 3"
    DOT = "1.", "1., 2., 3."


class TableLayout(models.TextChoices):
    """The task table's columns (see plans.planning.layout.TABLE_LAYOUTS)."""

    SPLIT = "split", _("TT | Task | Lead unit | Supporting unit | Timing | Output")
    JOINED = "joined", _("TT | Task | Units | Timing | Output")
    NO_OUTPUT = "no_output", _("TT | Task | Units | Completion time")
    RESPONSIBILITY = (
        "responsibility",
        _("TT | Step | Timing | Responsibility: lead, advising | Result"),
    )


class ImportColumn(models.TextChoices):
    """What a column of an imported task table holds."""

    IGNORE = "", _("(not imported)")
    ORDER = "order", _("Order (TT)")
    CONTENT = "content", _("Task")
    LEAD = "lead", _("Lead unit / responsibility")
    SUPPORT = "support", _("Supporting unit")
    TIMING = "timing", _("Timing")
    OUTPUT = "output", _("Output / record")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Preview, not imported yet")
    IMPORTED = "imported", _("Imported")
    UNDONE = "undone", _("Undone")
