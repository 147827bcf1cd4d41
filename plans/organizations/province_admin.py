"""The administrator's page that loads a province's list of agencies: choose the file, read the
preview, confirm (plans/organizations/province_file.py does the work)."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isoplan.uploads import UploadField
from plans.organizations.merging import MergeError
from plans.organizations.models import Organization
from plans.organizations.province_file import KINDS, apply, compare, read

SALT = "plans.province_file"
HOUR = 3600  # a preview older than this is read again


class ProvinceFileForm(forms.Form):
    province = forms.CharField(
        label=gettext_lazy("province"),
        max_length=100,
        help_text=gettext_lazy("As the agencies name it, e.g. “Đồng Tháp”."),
    )
    file = UploadField(
        kinds=KINDS,
        label=gettext_lazy("list of agencies"),
        help_text=gettext_lazy(
            "CSV or XLSX, one agency a row; columns Mã, Tên cơ quan, Ký hiệu and, if known, "
            "Loại, Tên trong tiêu đề, Cơ quan chủ quản, Địa danh, Sáp nhập vào (the code of the "
            "agency it is merged into)."
        ),
    )


def province_file_view(request, model_admin):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Organization._meta,
        "title": _("Load a province's list of agencies"),
    }
    if request.method == "POST" and "confirmed" in request.POST:
        try:
            data = signing.loads(request.POST["confirmed"], salt=SALT, max_age=HOUR)
            added, changed, merged = apply(data["province"], data["rows"])
        except signing.BadSignature:
            messages.error(request, _("The preview is too old: choose the file again."))
            return redirect("admin:plans_organization_province_file")
        except (IntegrityError, MergeError):
            messages.error(
                request, _("The province changed since the preview: choose the file again.")
            )
            return redirect("admin:plans_organization_province_file")
        messages.success(
            request,
            _(
                "%(added)s agencies added, %(changed)s renamed or changed and %(merged)s merged "
                "into another in %(province)s."
            )
            % {"added": added, "changed": changed, "merged": merged, "province": data["province"]},
        )
        return redirect("admin:plans_organization_changelist")
    form = ProvinceFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload, province = form.cleaned_data["file"], form.cleaned_data["province"].strip()
        rows, errors = read(upload.name, upload.read())
        changes = compare(province, rows, errors)
        context["changes"] = changes
        if not changes.errors and changes.rows:
            context["confirmed"] = signing.dumps(
                {"province": province, "rows": changes.rows}, salt=SALT, compress=True
            )
    context["form"] = form
    return TemplateResponse(request, "admin/plans/organization/province_file.html", context)
