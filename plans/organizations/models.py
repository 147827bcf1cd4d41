"""The organizations domain: agencies, their units, the people who log in and the roles they hold
in an agency (memberships)."""

import copy
import datetime
import functools
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    validate_comma_separated_integer_list,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from isoplan.loading import QuickLoad
from plans.choices import ROLES_REQUIRING_DEPARTMENT, DepartmentKind, OrganizationKind, Role


def new_token() -> str:
    """An unguessable key for a calendar feed URL (calendar apps cannot log in)."""
    return secrets.token_urlsafe(32)


class Organization(models.Model):
    """An agency that runs its own quality system (a Sở, a People's Committee...)."""

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("Full name, e.g. “Sở Lao động – Thương binh và Xã hội”."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganizationKind.choices,
        default=OrganizationKind.DEPARTMENT,
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        help_text=_(
            "The agency's code in the province's list (for a commune, its administrative unit "
            "code): a later list recognises the agency by it."
        ),
    )
    header_name = models.CharField(
        _("name in document header"),
        max_length=255,
        blank=True,
        help_text=_(
            "How the agency is written under the parent authority on printed documents, "
            "e.g. “SỞ LAO ĐỘNG – TB&XH”. Empty: the full name in capitals."
        ),
    )
    parent_authority = models.CharField(
        _("parent authority"),
        max_length=255,
        blank=True,
        help_text=_(
            "The line above the agency in the document header, e.g. “UBND TỈNH ĐỒNG THÁP”."
        ),
    )
    document_symbol = models.CharField(
        _("document symbol"),
        max_length=50,
        help_text=_(
            "The agency's abbreviation in document numbers, e.g. “SLĐTBXH” in “Số: …/KH-SLĐTBXH”."
        ),
    )
    place_name = models.CharField(
        _("place name"),
        max_length=100,
        help_text=_("The place written in the date line, e.g. “Đồng Tháp” or “TP. Cao Lãnh”."),
    )
    province = models.CharField(
        _("province"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “Đồng Tháp”: the province's ISO coordinator sees this agency."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive organizations are kept but hidden.")
    )
    reminder_time = models.TimeField(
        _("reminder time"),
        default=datetime.time(7, 30),
        help_text=_("When the daily reminders are sent (Asia/Ho_Chi_Minh)."),
    )
    reminder_offsets = models.CharField(
        _("remind … days before"),
        max_length=50,
        default="7,3,1,0",
        validators=[validate_comma_separated_integer_list],
        help_text=_("Days before the due date, separated by commas; 0 is the due day."),
    )
    # The template of the plan's section headings (key → heading, see
    # plans.planning.layout.HEADINGS): a new plan starts from them.
    plan_headings = models.JSONField(
        _("plan section headings"),
        default=dict,
        blank=True,
        help_text=_(
            'e.g. {"purposes": "MỤC ĐÍCH VÀ YÊU CẦU"}; keys: purposes, scope, tasks, '
            "implementation. Empty: the usual headings."
        ),
    )
    escalation_days = models.PositiveSmallIntegerField(
        _("escalate after (days overdue)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Items overdue longer appear in the weekly digest to the secretary and director."
        ),
    )
    critical_days = models.PositiveSmallIntegerField(
        _("marked red after (days overdue)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    measurement_due_days = models.PositiveSmallIntegerField(
        _("objective results due (days after the period)"),
        default=10,
        validators=[MaxValueValidator(90)],
    )
    document_update_months = models.PositiveSmallIntegerField(
        _("documents updated within (months) of a new legal text"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_(
            "QĐ 19/2014/QĐ-TTg: changes in legal texts are brought into the system within three "
            "months of their taking effect."
        ),
    )
    documents_public = models.BooleanField(
        _("publish the list of documents"),
        default=False,
        help_text=_(
            "On: anyone, without logging in, can see the documents in force and the declaration "
            "of conformity on the organization's public page."
        ),
    )
    risk_likelihood_levels = models.PositiveSmallIntegerField(
        _("likelihood scale (1 to …)"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("Risks are rated for likelihood from 1 to this number."),
    )
    risk_impact_levels = models.PositiveSmallIntegerField(
        _("impact scale (1 to …)"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("Risks are rated for impact from 1 to this number."),
    )
    risk_medium_from = models.PositiveSmallIntegerField(
        _("medium risk from (likelihood × impact)"),
        default=5,
        validators=[MinValueValidator(2)],
        help_text=_("Below this score a risk is low."),
    )
    risk_high_from = models.PositiveSmallIntegerField(
        _("high risk from (likelihood × impact)"),
        default=10,
        validators=[MinValueValidator(3)],
        help_text=_("From this score on a risk is high."),
    )
    onboarding_days = models.PositiveSmallIntegerField(
        _("QMS guidance due within (working days)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "A person given a new role or unit is guided on the quality system by the head of "
            "the unit within this many working days."
        ),
    )
    # Merged into another agency (sáp nhập): kept, inactive, for its past years and papers.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_agencies",
        verbose_name=_("merged into"),
        editable=False,
    )
    certificate_notice_days = models.PositiveSmallIntegerField(
        _("auditors' certificates: warn … days before they expire"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    history = HistoricalRecords()

    organization_field = ""  # see plans.organizations.access

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            # Communes share names across provinces ("UBND xã An Bình"), never within one.
            models.UniqueConstraint(
                fields=["province", "name"], name="organization_name_once_per_province"
            ),
            models.UniqueConstraint(
                fields=["province", "code"],
                condition=~models.Q(code=""),
                name="organization_code_once_per_province",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        _keep_former_name(self, OrganizationName, "organization", PRINTED_FIELDS)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        top = self.risk_likelihood_levels * self.risk_impact_levels
        if not self.risk_medium_from < self.risk_high_from <= top:
            raise ValidationError(
                {
                    "risk_high_from": _(
                        "The high level must start above the medium level and at most at "
                        "%(top)s (the highest score)."
                    )
                    % {"top": top}
                }
            )

    @property
    def header_line(self) -> str:
        return self.header_name or self.name.upper()

    def as_on(self, day: datetime.date | None, former_names=None) -> "Organization":
        """The agency as its papers dated ``day`` name it: with the name (and header, symbol,
        place) in force that day, else as it is now. Reads ``former_names`` (prefetchable), or
        the list given (read for many agencies at once)."""
        names = self.former_names.all() if former_names is None else former_names
        former = name_in_force(names, day)
        if former is None:
            return self
        then = copy.copy(self)
        for field in PRINTED_FIELDS:
            setattr(then, field, getattr(former, field))
        return then

    @property
    def reminder_offset_days(self) -> tuple[int, ...]:
        return parse_offsets(self.reminder_offsets)


@functools.cache
def parse_offsets(text: str) -> tuple[int, ...]:
    """Reminder offsets as days, latest first ("7,3,1,0" → (7, 3, 1, 0)), read once per
    distinct setting: a national sweep reads 3,000 agencies', most of them the default."""
    return tuple(sorted({int(n) for n in text.split(",") if n.strip()}, reverse=True))


class Department(QuickLoad, models.Model):
    """A unit of an organization: phòng, trung tâm, chi cục, văn phòng or ban."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="departments",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=255, help_text=_("e.g. “Văn phòng Sở”."))
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.DIVISION
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in lists and printed tables.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive units keep their history but are not offered for new work."),
    )
    calendar_token = models.CharField(
        _("calendar feed key"), max_length=64, unique=True, default=new_token, editable=False
    )
    history = HistoricalRecords(excluded_fields=["calendar_token"])

    organization_field = "organization"

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organization", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="department_unique_name_per_organization"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        _keep_former_name(self, DepartmentName, "department", ("name",))
        super().save(*args, **kwargs)

    def name_on(self, day: datetime.date | None) -> str:
        """The unit's name in force on ``day`` (its papers of that day print it)."""
        former = name_in_force(self.former_names.all(), day)
        return self.name if former is None else former.name


# What a rename changes on the agency's papers (the header of Decree 30/2020 and the number's
# symbol); a former name keeps them as they were.
PRINTED_FIELDS = ("name", "header_name", "parent_authority", "document_symbol", "place_name")


def name_in_force(former_names, day: datetime.date | None):
    """The former name in force on ``day``: the earliest one that lasted until then or later;
    None when the present name was (or no day is given: a paper not dated yet is today's)."""
    if day is None:
        return None
    lasting = [n for n in former_names if n.until >= day]
    return min(lasting, key=lambda n: n.until, default=None)


def unit_names_on(organization_id: int, day: datetime.date | None) -> dict[int, str]:
    """The names, in force on ``day``, of the agency's units renamed since (one query)."""
    if day is None:
        return {}
    names: dict[int, str] = {}
    former = DepartmentName.objects.filter(
        department__organization_id=organization_id, until__gte=day
    ).order_by("-until")
    for department_id, name in former.values_list("department_id", "name"):
        names[department_id] = name  # the earliest that lasted until then wins
    return names


def _keep_former_name(record, model, owner: str, fields: tuple[str, ...]) -> None:
    """Renamed (however: a page, the admin, a merge, a province file): keep the name it had,
    in force until yesterday — the administrator corrects the day in the admin if the decision
    took effect on another. Renamed twice in a day, the name of the morning was never in force."""
    if record.pk is None:
        return
    before = type(record).objects.filter(pk=record.pk).values(*fields).first()
    if before is None or all(before[f] == getattr(record, f) for f in fields):
        return
    until = timezone.localdate() - datetime.timedelta(days=1)
    model.objects.get_or_create(**{owner: record}, until=until, defaults=before)


class OrganizationName(models.Model):
    """A name the agency bore until a day (before a rename or a merge): its papers dated up to
    that day print it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(_("name"), max_length=255)
    header_name = models.CharField(_("name in document header"), max_length=255, blank=True)
    parent_authority = models.CharField(_("parent authority"), max_length=255, blank=True)
    document_symbol = models.CharField(_("document symbol"), max_length=50, blank=True)
    place_name = models.CharField(_("place name"), max_length=100, blank=True)
    until = models.DateField(_("in force until"))

    organization_field = "organization"

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["organization", "until"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "until"], name="organization_name_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (→ {self.until:%d/%m/%Y})"


class DepartmentName(models.Model):
    """A name the unit bore until a day."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(_("name"), max_length=255)
    until = models.DateField(_("in force until"))

    organization_field = "department__organization"

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["department", "until"]
        constraints = [
            models.UniqueConstraint(fields=["department", "until"], name="unit_name_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.name} (→ {self.until:%d/%m/%Y})"


class AgencyMerge(models.Model):
    """A merge as it happened: which agencies became which, who did it, what moved (the same
    counts as its preview) and where each unit went."""

    target = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="merges",
        verbose_name=_("merged agency"),
    )
    sources = models.ManyToManyField(
        Organization, related_name="merged_by", verbose_name=_("agencies merged")
    )
    merged_on = models.DateField(_("merged on"))
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    counts = models.JSONField(_("what moved"), default=dict)
    units = models.JSONField(_("units: former → merged"), default=dict)
    joint_plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("joint plan"),
    )

    organization_field = "target"

    class Meta:
        verbose_name = _("merge of agencies")
        verbose_name_plural = _("merges of agencies")
        ordering = ["-merged_on", "-pk"]

    def __str__(self) -> str:
        return _("Merge into %(agency)s on %(day)s") % {
            "agency": self.target,
            "day": f"{self.merged_on:%d/%m/%Y}",
        }


class HandoffEmail(models.TextChoices):
    AT_ONCE = "at_once", _("At once")
    DAILY = "daily", _("In the daily reminder email")
    NEVER = "never", _("No email")


class User(AbstractUser):
    """A person who logs in. Vietnamese names are written whole, so one full-name field."""

    full_name = models.CharField(
        _("full name"), max_length=150, blank=True, help_text=_("e.g. “Lê Thị Hoa Nàng”.")
    )
    job_title = models.CharField(
        _("job title"), max_length=150, blank=True, help_text=_("e.g. “Phó Giám đốc”.")
    )
    email_reminders = models.BooleanField(
        _("reminders by email"),
        default=True,
        help_text=_("Off: reminders only appear in the notifications inside isoplan."),
    )
    handoff_email = models.CharField(
        _("approval steps by email"),
        max_length=10,
        choices=HandoffEmail.choices,
        default=HandoffEmail.AT_ONCE,
        help_text=_(
            "A plan or record submitted to you, returned or approved: always in the "
            "notifications inside isoplan; by email at once, in the daily reminder, or not."
        ),
    )
    # Blank: not chosen, so Vietnamese (settings.LANGUAGE_CODE) whatever the browser asks for;
    # set by the language switch in the footer (isoplan.language).
    language = models.CharField(
        _("language"), max_length=10, blank=True, default="", choices=settings.LANGUAGES
    )
    calendar_token = models.CharField(
        _("calendar feed key"), max_length=64, unique=True, default=new_token, editable=False
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self) -> str:
        # Vietnamese people are addressed by the last word of their name.
        return self.get_full_name().split()[-1]


class Membership(models.Model):
    """A role a person holds in an organization. One person may hold several."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("department"),
        help_text=_("Required for a department head; the home unit for staff and auditors."),
    )
    history = HistoricalRecords()

    organization_field = "organization"

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["organization", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role", "department"],
                name="membership_unique_role_in_department",
            ),
            # NULL departments are distinct in SQL, so roles without a unit need their own rule.
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                condition=models.Q(department__isnull=True),
                name="membership_unique_role_without_department",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_role_display()
        if self.department_id:
            label = f"{label} – {self.department}"
        return f"{self.user}: {label} ({self.organization})"

    def clean(self) -> None:
        # ``self.department`` (not ``_id``): in an inline the department may not be saved yet.
        if self.role in ROLES_REQUIRING_DEPARTMENT and self.department is None:
            raise ValidationError({"department": _("A department head must have a department.")})
        if (
            self.department_id
            and self.organization_id
            and self.department.organization_id != self.organization_id
        ):
            raise ValidationError(
                {"department": _("The department must belong to the same organization.")}
            )
