from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from plans.choices import Role
from plans.models import (
    AgencyMerge,
    CalendarException,
    Department,
    DepartmentName,
    Event,
    Membership,
    Organization,
    OrganizationName,
    User,
    WorkItem,
)
from plans.organizations.merge_admin import merge_view
from plans.organizations.province_admin import province_file_view
from plans.training.services import onboardings_open_for
from plans.work.kinds import search_filter

# Roles are memberships (plans.Membership), not Django groups: hide groups to avoid two systems.
admin.site.unregister(Group)


class DepartmentInline(admin.TabularInline):
    model = Department
    fields = ["name", "kind", "order", "is_active"]
    extra = 0
    show_change_link = True


class UserMembershipInline(admin.TabularInline):
    """The roles of one person, on the person's page."""

    model = Membership
    fields = ["organization", "role", "department"]
    autocomplete_fields = ["organization", "department"]
    extra = 0


class DepartmentMembershipInline(admin.TabularInline):
    """The people of one department (its head among them); the organization is the department's."""

    model = Membership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0


class OrganizationNameInline(admin.TabularInline):
    """Former names: kept on a rename (until the day before); the day is corrected here when the
    decision took effect on another."""

    model = OrganizationName
    fields = ["name", "header_name", "parent_authority", "document_symbol", "place_name", "until"]
    extra = 0


class DepartmentNameInline(admin.TabularInline):
    model = DepartmentName
    fields = ["name", "until"]
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "kind",
        "province",
        "code",
        "document_symbol",
        "department_count",
        "is_active",
    ]
    list_filter = ["is_active", "kind", "province"]
    search_fields = ["name", "code", "header_name", "document_symbol", "parent_authority"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "province", "code", "is_active"]}),
        (
            _("Document header"),
            {
                "fields": [
                    "parent_authority",
                    "header_name",
                    "document_symbol",
                    "place_name",
                    "plan_headings",
                ]
            },
        ),
        (_("Contact"), {"fields": ["address"]}),
        (
            _("Reminders"),
            {
                "fields": [
                    "reminder_time",
                    "reminder_offsets",
                    "escalation_days",
                    "critical_days",
                    "measurement_due_days",
                ]
            },
        ),
        (_("Documented information"), {"fields": ["document_update_months", "documents_public"]}),
        (_("Training"), {"fields": ["onboarding_days", "certificate_notice_days"]}),
        (
            _("Risk rating"),
            {
                "fields": [
                    "risk_likelihood_levels",
                    "risk_impact_levels",
                    "risk_medium_from",
                    "risk_high_from",
                ]
            },
        ),
    ]
    inlines = [DepartmentInline, OrganizationNameInline]
    actions = ["merge_agencies"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(department_total=Count("departments"))

    def get_urls(self):
        load = path(
            "tinh/nap-danh-sach/",
            self.admin_site.admin_view(lambda request: province_file_view(request, self)),
            name="plans_organization_province_file",
        )
        merge = path(
            "sap-nhap/",
            self.admin_site.admin_view(lambda request: merge_view(request, self)),
            name="plans_organization_merge",
        )
        return [load, merge, *super().get_urls()]

    @admin.action(description=_("Merge the selected agencies…"))
    def merge_agencies(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:plans_organization_merge')}?ids={ids}")

    @admin.display(description=_("departments"), ordering="department_total")
    def department_count(self, obj: Organization) -> int:
        return obj.department_total


@admin.register(AgencyMerge)
class AgencyMergeAdmin(admin.ModelAdmin):
    """The merges as they happened (plans/organizations/merging.py): read only."""

    list_display = ["__str__", "target", "merged_on", "merged_by"]
    list_select_related = ["target", "merged_by"]
    readonly_fields = [
        "target",
        "sources",
        "merged_on",
        "merged_by",
        "counts",
        "units",
        "joint_plan",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization", "kind", "order", "heads", "is_active"]
    list_filter = ["organization", "kind", "is_active"]
    list_editable = ["order"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    inlines = [DepartmentMembershipInline, DepartmentNameInline]

    def save_formset(self, request, form, formset, change):
        for membership in formset.save(commit=False):
            membership.organization_id = form.instance.organization_id
            membership.save()
        for membership in formset.deleted_objects:
            membership.delete()
        formset.save_m2m()
        _onboard(request, formset)

    def get_queryset(self, request):
        heads = Membership.objects.filter(role=Role.DEPARTMENT_HEAD).select_related("user")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("memberships", queryset=heads, to_attr="head_memberships"))
        )

    @admin.display(description=_("head"))
    def heads(self, obj: Department) -> str:
        return ", ".join(str(m.user) for m in obj.head_memberships) or "—"


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "department", "organization"]
    list_filter = ["organization", "role"]
    search_fields = ["user__username", "user__full_name", "department__name", "organization__name"]
    list_select_related = ["user", "organization", "department"]
    autocomplete_fields = ["user", "organization", "department"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A new role or unit: the person is guided on the QMS (plans/training/services.py).
        if not change or {"user", "role", "department", "organization"} & set(form.changed_data):
            onboardings_open_for([obj], user=request.user)


def _onboard(request, formset) -> None:
    """The memberships an inline just added or changed: their people are guided on the QMS
    (a row saved unchanged opens nothing)."""
    if formset.model is Membership:
        changed = [membership for membership, _fields in formset.changed_objects]
        onboardings_open_for([*formset.new_objects, *changed], user=request.user)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "job_title", "roles", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "memberships__organization", "memberships__role"]
    search_fields = ["username", "full_name", "email"]
    ordering = ["username"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["full_name", "job_title", "email", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "email", "password1", "password2"],
            },
        ),
    ]
    inlines = [UserMembershipInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        _onboard(request, formset)

    def get_queryset(self, request):
        # The organization/role filters join memberships; keep one row per person.
        memberships = Membership.objects.select_related("organization", "department")
        return (
            super()
            .get_queryset(request)
            .distinct()
            .prefetch_related(Prefetch("memberships", queryset=memberships))
        )

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return "; ".join(
            f"{m.get_role_display()}" + (f" – {m.department}" if m.department_id else "")
            for m in obj.memberships.all()
        )


@admin.register(CalendarException)
class CalendarExceptionAdmin(admin.ModelAdmin):
    """The days the government moves each year (the holidays package lags behind)."""

    list_display = ["date", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["description"]
    date_hierarchy = "date"


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["occurred_on", "kind", "organization", "description", "recorded_by"]
    list_filter = ["kind", "organization"]
    search_fields = ["description"]
    list_select_related = ["organization", "recorded_by"]
    raw_id_fields = ["task", "recorded_by"]


@admin.register(WorkItem)
class WorkItemAdmin(admin.ModelAdmin):
    """For looking things up; units close their items on their own page."""

    list_display = ["title", "kind", "period_label", "due_date", "responsible_label", "status"]
    list_filter = ["status", "kind", "organization", "waiting_for"]
    search_fields = ["period_label"]  # and the title: get_search_results
    raw_id_fields = ["task", "objective", "event", "completed_by", "department"]
    readonly_fields = ["kind", "source_type", "source_id"]
    date_hierarchy = "due_date"

    def get_queryset(self, request):
        return super().get_queryset(request).with_sources()

    def get_search_results(self, request, queryset, search_term):
        """By the period or the item's own title, whatever its kind (as the unit-work page)."""
        if not search_term:
            return queryset, False
        matches = Q(period_label__icontains=search_term) | search_filter(search_term)
        return queryset.filter(matches), False

    @admin.display(description=_("work item"))
    def title(self, item: WorkItem) -> str:
        return item.title
