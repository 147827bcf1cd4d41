from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.choices import ROLES_REQUIRING_DEPARTMENT, Role

from .organization import Department, Organization, new_token


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
