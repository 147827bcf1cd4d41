"""The coordinator's pages (``toan-tinh/mau/``) and the agency's (``mau-cua-tinh/``)."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import services
from .forms import CopyDocumentsForm, CopyPlanForm, TemplateCreateForm
from .models import ProvinceTemplate, TemplateKind
from .selectors import province_templates, published_templates


def _may(user, permission: str, obj) -> bool:
    """The rule itself, not ``user.has_perm``: the administrator is no coordinator."""
    return rules.has_perm(permission, user, obj)


def _coordinated(request, pk: int) -> ProvinceTemplate:
    template = get_object_or_404(ProvinceTemplate, pk=pk)
    if not _may(request.user, "reports.manage_provincetemplate", template):
        raise PermissionDenied
    return template


def _rows(template: ProvinceTemplate):
    if template.kind == TemplateKind.MODEL_PLAN:
        return template.tasks.all()
    if template.kind == TemplateKind.QUESTION_BANK:
        return template.questions.all()
    return template.documents.all()


# --- the coordinator ---------------------------------------------------------------------------
def template_list(request):
    organization = request.organization
    if organization is None or not _may(
        request.user, "reports.manage_provincetemplate", organization
    ):
        raise PermissionDenied
    return render(
        request,
        "reports/province_templates/template_list.html",
        {
            "organization": organization,
            "templates": province_templates(organization.province).select_related("published_by"),
        },
    )


def template_create(request):
    organization = request.organization
    if organization is None or not _may(
        request.user, "reports.manage_provincetemplate", organization
    ):
        raise PermissionDenied
    form = TemplateCreateForm(
        request.POST or None,
        organization=organization,
        initial={"kind": request.GET.get("loai", TemplateKind.MODEL_PLAN)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            template = services.template_create(
                province=organization.province,
                kind=data["kind"],
                title=data["title"],
                note=data["note"],
                user=request.user,
                plan=data["plan"] if data["kind"] == TemplateKind.MODEL_PLAN else None,
                rows=data.get("parsed"),
            )
        except services.TemplateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The template was saved as a draft: check it, then publish it.")
            )
            return redirect("reports:province_template", pk=template.pk)
    return render(request, "reports/province_templates/template_form.html", {"form": form})


def template_detail(request, pk: int):
    template = _coordinated(request, pk)
    return render(
        request,
        "reports/province_templates/template_detail.html",
        {
            "template": template,
            "rows": _rows(template),
            "copies": template.copies.select_related("organization", "copied_by"),
            "coordinator": True,
        },
    )


@require_POST
def template_publish(request, pk: int):
    template = _coordinated(request, pk)
    try:
        services.template_publish(template=template, user=request.user)
    except services.TemplateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The template is published to the agencies of the province."))
    return redirect("reports:province_template", pk=pk)


def template_withdraw(request, pk: int):
    """GET asks first; POST withdraws."""
    template = _coordinated(request, pk)
    back = reverse("reports:province_template", args=[pk])
    if request.method == "POST":
        try:
            services.template_withdraw(template=template, user=request.user)
        except services.TemplateError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The template was withdrawn."))
        return redirect(back)
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Withdraw “%(title)s”?") % {"title": template.title},
            "text": _(
                "The agencies of the province will no longer see or copy it. What they already "
                "copied stays theirs. This cannot be undone: publish a new template instead."
            ),
            "button": _("Withdraw"),
            "style": "danger",
            "cancel_url": back,
        },
    )


# --- the agency --------------------------------------------------------------------------------
def _agency(request):
    organization = request.organization
    if organization is None or not _may(request.user, "reports.use_provincetemplate", organization):
        raise PermissionDenied
    return organization


def agency_template_list(request):
    organization = _agency(request)
    return render(
        request,
        "reports/province_templates/agency_list.html",
        {
            "organization": organization,
            "templates": published_templates(organization).select_related("published_by"),
        },
    )


def agency_template(request, pk: int):
    """A published template of the agency's province, read only, and the form to copy it."""
    organization = _agency(request)
    template = get_object_or_404(published_templates(organization), pk=pk)
    plan_form = documents_form = None
    if template.kind == TemplateKind.MODEL_PLAN:
        plan_form = CopyPlanForm(request.POST or None)
    elif template.kind == TemplateKind.DOCUMENT_LIST:
        documents_form = CopyDocumentsForm(request.POST or None, organization=organization)
    if request.method == "POST":
        copied = _copy(request, template, organization, plan_form or documents_form)
        if copied is not None:
            return copied
    return render(
        request,
        "reports/province_templates/template_detail.html",
        {
            "template": template,
            "rows": _rows(template),
            "plan_form": plan_form,
            "documents_form": documents_form,
            "coordinator": False,
        },
    )


def _copy(request, template, organization, form):
    if form is not None and not form.is_valid():
        return None
    try:
        if template.kind == TemplateKind.MODEL_PLAN:
            copy = services.template_copy_plan(
                template=template,
                organization=organization,
                year=form.cleaned_data["year"],
                user=request.user,
            )
            messages.success(
                request,
                _(
                    "The plan for %(year)s was created as a draft from the province's model. "
                    "Check every date, and choose the units of the tasks the model named by text."
                )
                % {"year": copy.plan.year},
            )
            return redirect("plans:plan_detail", pk=copy.plan_id)
        if template.kind == TemplateKind.QUESTION_BANK:
            copy = services.template_copy_questions(
                template=template, organization=organization, user=request.user
            )
            done = ngettext(
                "%(added)s question added to your checklist questions",
                "%(added)s questions added to your checklist questions",
                copy.added,
            )
        else:
            copy = services.template_copy_documents(
                template=template,
                organization=organization,
                department=form.cleaned_data["department"],
                user=request.user,
            )
            done = ngettext(
                "%(added)s document added to your register as a draft",
                "%(added)s documents added to your register as a draft",
                copy.added,
            )
    except services.TemplateError as error:
        messages.error(request, str(error))
        return redirect("reports:agency_template", pk=template.pk)
    skipped = ngettext(
        "%(skipped)s was already there, skipped.",
        "%(skipped)s were already there, skipped.",
        copy.skipped,
    )
    messages.success(
        request,
        f"{done % {'added': copy.added}}; {skipped % {'skipped': copy.skipped}}",
    )
    return redirect("reports:agency_template", pk=template.pk)
