"""The declaration of conformity's pages: the one in force with what changed since (a proposal
to re-declare), recording a new one, its history, and its printouts — the decision with the
procedures as annex, and the Bản công bố — also as drafts from today's data, for signature."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isoplan.history import Table, history_entries
from isoplan.history_views import history_page
from plans.letterhead import date_line, letterhead, number_line
from plans.organizations.access import get_object_for_user

from .annual import declaration_record
from .declaration import (
    DeclarationBasis,
    declaration_basis,
    declaration_in_force,
    redeclaration_changes,
    redeclaration_proposal,
)
from .docx import render_decision_docx
from .download import download, record_file_name
from .forms import ConformityDeclarationForm
from .models import ConformityDeclaration
from .pdf import render_pdf

VIEW, CHANGE = "reports.view_conformitydeclaration", "reports.change_conformitydeclaration"
STANDARD = "Tiêu chuẩn quốc gia TCVN ISO 9001:2015"
DECISION_TITLE = f"Về việc công bố Hệ thống quản lý chất lượng phù hợp {STANDARD}"
STATEMENT_TITLE = f"Hệ thống quản lý chất lượng phù hợp {STANDARD}"
ANNEX_TITLE = "Danh mục quy trình thuộc phạm vi áp dụng Hệ thống quản lý chất lượng"


def _organization(request):
    organization = request.organization
    if organization is None or not request.user.has_perm(VIEW, organization):
        raise Http404
    return organization


def declaration_page(request):
    """The declaration in force, what changed since it, today's basis and the earlier ones;
    the secretary records a new declaration here."""
    organization = _organization(request)
    can_change = request.user.has_perm(CHANGE, organization)
    current = declaration_in_force(organization)
    basis = declaration_basis(organization, timezone.localdate())
    initial = {"scope": current.scope if current else basis.scope_source}
    if current is not None:
        initial |= {"signer_title": current.signer_title, "signer_name": current.signer_name}
    form = ConformityDeclarationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            declaration = form.save(commit=False)
            declaration_record(
                declaration=declaration, organization=organization, user=request.user
            )
            messages.success(request, _("The declaration of conformity was recorded."))
            return redirect(declaration)
    return render(
        request,
        "reports/declaration/declaration_page.html",
        {
            "current": current,
            "changes": redeclaration_changes(current, basis),
            "basis": basis,
            "declarations": ConformityDeclaration.objects.filter(organization=organization),
            "form": form,
            "can_change": can_change,
        },
    )


def declaration_notice(request):
    """The proposal to re-declare, as a fragment the dashboard loads (empty when none)."""
    organization = _organization(request)
    changes = redeclaration_proposal(organization)
    if changes is None:
        return HttpResponse("")
    return render(
        request,
        "reports/declaration/_changes.html",
        {"changes": changes, "declaration_url": reverse("reports:declaration")},
    )


def _declaration(request, pk: int) -> ConformityDeclaration:
    declarations = ConformityDeclaration.objects.select_related("organization", "recorded_by")
    return get_object_for_user(declarations, request.user, permission=VIEW, pk=pk)


def declaration_detail(request, pk: int):
    declaration = _declaration(request, pk)
    basis = DeclarationBasis.from_json(declaration.basis) if declaration.basis else None
    current = declaration_in_force(declaration.organization)
    return render(
        request,
        "reports/declaration/declaration_detail.html",
        {
            "declaration": declaration,
            "basis": basis,
            "in_force": current is not None and current.pk == declaration.pk,
            "changes": redeclaration_changes(declaration) if current == declaration else None,
        },
    )


def declaration_history(request, pk: int):
    declaration = _declaration(request, pk)
    entries = history_entries(
        Table(
            ConformityDeclaration,
            ConformityDeclaration.history.filter(id=declaration.pk),
            lambda r: str(ConformityDeclaration._meta.verbose_name).capitalize(),
            ignore=("organization", "recorded_by", "basis"),
        )
    )
    trail = [(_("Declaration of conformity"), reverse("reports:declaration"))]
    return history_page(request, declaration, entries, trail=trail)


# --- printouts ----------------------------------------------------------------------------------


def _context(declaration: ConformityDeclaration, basis: DeclarationBasis, part: str) -> dict:
    organization = declaration.organization
    on = declaration.signed_on
    year = on.year if on else timezone.localdate().year
    symbol = f"QĐ-{organization.document_symbol}"
    number = declaration.number.split("/", 1)[0] if declaration.number else ""
    if part == "decision":
        doc = letterhead(
            organization, kind="QUYẾT ĐỊNH", symbol="QĐ", title=DECISION_TITLE, year=year
        )
        doc.number = number_line(number, symbol)
        doc.recipients = [
            "- Như Điều 3;",
            "- Sở Khoa học và Công nghệ;",
            "- Ban Chỉ đạo ISO;",
            "- Lưu: VT.",
        ]
    else:
        doc = letterhead(
            organization, kind="BẢN CÔNG BỐ", symbol="QĐ", title=STATEMENT_TITLE, year=year
        )
        doc.number = ""  # the statement carries the decision's number in its text
        doc.recipients = ["- Sở Khoa học và Công nghệ;", "- Cổng thông tin điện tử;", "- Lưu: VT."]
    if on:
        doc.date = date_line(organization.place_name, on, None, on.year)
    doc.signature = [line.strip() for line in declaration.signer_title.split("/") if line.strip()]
    doc.signer = declaration.signer_name
    signed = f"ngày {on:%d/%m/%Y}" if on else "ngày      tháng      năm      "
    previous = None
    if on is not None:
        previous = (
            ConformityDeclaration.objects.filter(organization=organization, signed_on__lte=on)
            .exclude(pk=declaration.pk)
            .order_by("-signed_on", "-pk")
            .first()
        )
    else:
        previous = declaration_in_force(organization)
    scope = (
        " ".join(declaration.scope.split()).rstrip(".;")
        or "Các hoạt động giải quyết thủ tục hành chính và hoạt động nội bộ"
    )
    return {
        "doc": doc,
        "declaration": declaration,
        "organization": organization,
        "basis": basis,
        "previous": previous,
        "decision_ref": f"{number or '      '}/{symbol} {signed}",
        "attached_to": f"(Kèm theo Quyết định số {number or '      '}/{symbol} {signed} "
        f"của Giám đốc {organization.name})",
        "annex_title": ANNEX_TITLE,
        "standard": STANDARD,
        "scope_text": scope,
        # inside Điều 1's sentence: "… phù hợp … đối với các lĩnh vực …"
        "scope_inline": scope[:1].lower() + scope[1:],
    }


def _print(declaration, basis, part: str, extension: str) -> HttpResponse:
    content, subject = _render(declaration, basis, part, extension)
    when = declaration.signed_on or "du-thao"
    return download(
        content, record_file_name("QD", subject, declaration.organization, when, extension)
    )


def _render(declaration, basis, part: str, extension: str) -> tuple[bytes, str]:
    context = _context(declaration, basis, part)
    if part == "decision":
        page, body = (
            "reports/declaration/decision_print.html",
            "reports/declaration/_decision_body.html",
        )
        appendix = (ANNEX_TITLE, context["attached_to"], "reports/declaration/_annex_body.html")
        subject = "CBHTQLCL"
    else:
        page, body = (
            "reports/declaration/statement_print.html",
            "reports/declaration/_statement_body.html",
        )
        appendix, subject = None, "BANCONGBO"
    if extension == "pdf":
        return render_pdf(page, context), subject
    return render_decision_docx(context["doc"], body, context, appendix=appendix), subject


def _recorded_basis(declaration: ConformityDeclaration) -> DeclarationBasis:
    """What it was declared on; one recorded before isoplan kept that prints today's."""
    if declaration.basis is not None:
        return DeclarationBasis.from_json(declaration.basis)
    return declaration_basis(declaration.organization, timezone.localdate())


def declaration_pdf_body(declaration: ConformityDeclaration, part: str) -> bytes:
    """A recorded declaration's decision or statement as a PDF (the inspection dossier)."""
    return _render(declaration, _recorded_basis(declaration), part, "pdf")[0]


def declaration_printout(request, pk: int, part: str, extension: str):
    """A recorded declaration's decision or statement, as it was declared."""
    declaration = _declaration(request, pk)
    return _print(declaration, _recorded_basis(declaration), part, extension)


def declaration_draft(request, part: str, extension: str):
    """The decision or statement from today's data, number and date blank, for signature."""
    organization = _organization(request)
    current = declaration_in_force(organization)
    basis = declaration_basis(organization, timezone.localdate())
    draft = ConformityDeclaration(
        organization=organization,
        number="",
        signed_on=None,
        scope=current.scope if current else basis.scope_source,
        signer_title=current.signer_title if current else "GIÁM ĐỐC",
        signer_name=current.signer_name if current else "",
    )
    return _print(draft, basis, part, extension)
