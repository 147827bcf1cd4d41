"""The administrator's merge page: choose the merged agency (one of them, renamed or not, or a
new one) and where each unit goes, read the preview, confirm (plans/organizations/merging.py
does the work)."""

import copy

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.organizations.merging import MergeContext, MergeError, merge, preview
from plans.organizations.models import Department, Organization

SALT = "plans.merge"
HOUR = 3600
NEW = "new"
SAME_NAME = ""  # the unit of the same name if the merged agency has one, else a new unit


class MergeForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("merged agency"))
    name = forms.CharField(
        label=gettext_lazy("name"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Empty: the merged agency keeps its name."),
    )
    header_name = forms.CharField(
        label=gettext_lazy("name in document header"), max_length=255, required=False
    )
    document_symbol = forms.CharField(
        label=gettext_lazy("document symbol"), max_length=50, required=False
    )

    def __init__(self, agencies: list[Organization], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        self.fields["target"].choices = [
            (NEW, _("A new agency")),
            *((str(a.pk), a.name) for a in agencies),
        ]
        # Where the units go is chosen once the merged agency is: after the first preview.
        target = self.data.get("target") if self.is_bound else None
        if target not in {str(a.pk) for a in agencies} | {NEW}:
            return
        units = list(
            Department.objects.filter(organization__in=agencies)
            .exclude(organization_id=None if target == NEW else int(target))
            .select_related("organization")
        )
        choices = [
            (SAME_NAME, _("The unit of the same name, else a new unit")),
            (NEW, _("A new unit")),
            *(
                (str(u.pk), f"→ {u.name}")
                for u in (
                    Department.objects.filter(organization_id=target) if target != NEW else ()
                )
            ),
        ]
        for unit in units:
            self.fields[f"unit_{unit.pk}"] = forms.ChoiceField(
                label=f"{unit.name} ({unit.organization})",
                choices=choices,
                required=False,
            )

    def clean(self):
        data = super().clean()
        if data.get("target") == NEW and not (data.get("name") and data.get("document_symbol")):
            raise forms.ValidationError(_("A new agency needs a name and a document symbol."))
        return data

    def unit_fields(self):
        return [self[name] for name in self.fields if name.startswith("unit_")]


def context_from(agencies: list[Organization], data: dict) -> MergeContext:
    """The merge the form's (or the confirmed preview's) data describe."""
    first = agencies[0]
    if data["target"] == NEW:
        target = Organization(
            name=data["name"],
            header_name=data.get("header_name", ""),
            document_symbol=data["document_symbol"],
            kind=first.kind,
            province=first.province,
            parent_authority=first.parent_authority,
            place_name=first.place_name,
        )
    else:
        # A copy: the page still names the agencies as they are until the merge.
        target = copy.copy(next(a for a in agencies if str(a.pk) == data["target"]))
        for field in ("name", "header_name", "document_symbol"):
            if data.get(field):
                setattr(target, field, data[field])
    units = {}
    for key, value in data.items():
        if key.startswith("unit_") and value != SAME_NAME:
            units[int(key.removeprefix("unit_"))] = None if value == NEW else int(value)
    return MergeContext(
        target=target, sources=[a for a in agencies if a.pk != target.pk], units=units
    )


def merge_view(request, model_admin):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    ids = [int(i) for i in request.GET.get("ids", "").split(",") if i.isdigit()]
    agencies = list(Organization.objects.filter(pk__in=ids, is_active=True).order_by("name"))
    if len(agencies) < 2:
        messages.error(request, _("Choose two or more active agencies to merge."))
        return redirect("admin:plans_organization_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Organization._meta,
        "title": _("Merge agencies"),
        "agencies": agencies,
    }
    if request.method == "POST" and "confirmed" in request.POST:
        try:
            data = signing.loads(request.POST["confirmed"], salt=SALT, max_age=HOUR)
            ctx = context_from(agencies, data)
            ctx.user = request.user
            record = merge(ctx)
        except signing.BadSignature:
            messages.error(request, _("The preview is too old: preview the merge again."))
            return HttpResponseRedirect(request.get_full_path())
        except MergeError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.get_full_path())
        messages.success(
            request,
            _("Merged into %(agency)s: %(people)s people, %(work)s open work items moved.")
            % {
                "agency": record.target,
                "people": record.counts.get("people", 0),
                "work": record.counts.get("work", 0),
            },
        )
        return redirect(reverse("admin:plans_organization_change", args=[record.target.pk]))
    form = MergeForm(agencies, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            context["preview"] = preview(context_from(agencies, form.cleaned_data))
            context["confirmed"] = signing.dumps(form.cleaned_data, salt=SALT)
        except MergeError as error:
            form.add_error(None, str(error))
    context["form"] = form
    return TemplateResponse(request, "admin/plans/organization/merge.html", context)
