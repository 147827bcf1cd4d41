"""Documented information: the register of documents, a document with its editions, the
edition workflow, file downloads, and the register of external texts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from isoplan.concurrency import StaleEditError
from isoplan.history_views import history_page
from isoplan.uploads import download
from isoplan.workflow_views import refused, workflow_action
from plans.choices import Role
from plans.documents import services
from plans.documents.choices import OPEN_EDITION_STATUSES, DocumentKind, DocumentStatus
from plans.documents.forms import (
    DocumentForm,
    DocumentReviewForm,
    EditionForm,
    ExternalDocumentForm,
    ReturnForm,
)
from plans.documents.history import document_history as document_history_entries
from plans.documents.models import Document, DocumentEdition, DocumentFile, ExternalDocument
from plans.organizations.access import get_object_for_user, has_role, writable_departments

PAGE_SIZE = 30


def _document_for(request, pk: int, permission: str = "plans.view_document") -> Document:
    documents = Document.objects.select_related("organization", "department", "current_edition")
    return get_object_for_user(documents, request.user, permission=permission, pk=pk)


def _edition_for(request, pk: int, permission: str) -> DocumentEdition:
    editions = DocumentEdition.objects.select_related(
        "document__organization", "document__department"
    )
    edition = get_object_for_user(editions, request.user, pk=pk)
    if not request.user.has_perm(permission, edition.document):  # the document's permission
        raise PermissionDenied
    return edition


def _sees_drafts(user, document: Document) -> bool:
    """Drafts and editions in review are read by those who write or approve them."""
    return user.has_perm("plans.change_document", document) or user.has_perm(
        "plans.approve_document", document
    )


def document_list(request):
    """Danh mục tài liệu: found by code, title or TTHC code; in force unless asked otherwise."""
    organization = request.organization
    if organization is None:
        raise Http404
    documents = Document.objects.filter(organization=organization)
    query = request.GET.get("q", "").strip()
    if query:
        documents = documents.filter(
            Q(code__icontains=query) | Q(title__icontains=query) | Q(tthc_code__icontains=query)
        )
    status = request.GET.get("status", DocumentStatus.IN_FORCE)
    if status in DocumentStatus.values:
        documents = documents.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in DocumentKind.values:
        documents = documents.filter(kind=kind)
    documents = documents.select_related("department", "current_edition").prefetch_related(
        "current_edition__files"
    )
    page = Paginator(documents.order_by("code", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/documents/document_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "kind": kind,
            "statuses": DocumentStatus.choices,
            "kinds": DocumentKind.choices,
            "page_query": urlencode({"q": query, "status": status, "kind": kind}) + "&",
            "can_add": request.user.has_perm("plans.add_document", organization),
            "can_change_external": request.user.has_perm(
                "plans.change_externaldocument", organization
            ),
        },
    )


def document_create(request):
    organization = request.organization
    if organization is None or not request.user.has_perm("plans.add_document", organization):
        raise PermissionDenied
    form = DocumentForm(
        request.POST or None,
        organization=organization,
        departments=writable_departments(request.user, organization),
    )
    if not has_role(request.user, organization, {Role.ISO_SECRETARY}):
        form.fields["department"].empty_label = None  # a head adds their unit's documents
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        document = services.document_create(organization=organization, user=request.user, **fields)
        messages.success(request, _("The document was added; its first edition is a draft."))
        return redirect(document)
    return render(request, "plans/documents/document_form.html", {"form": form, "document": None})


def document_detail(request, pk: int):
    document = _document_for(request, pk)
    can_change = request.user.has_perm("plans.change_document", document)
    in_force = document.status == DocumentStatus.IN_FORCE
    review_form = DocumentReviewForm(request.POST or None)
    if request.method == "POST":
        if not (can_change and in_force):
            raise PermissionDenied
        if review_form.is_valid():
            document = services.document_review_record(
                document=document, user=request.user, **review_form.cleaned_data
            )
            messages.success(
                request,
                _("The review was recorded; the next one is due on %(date)s.")
                % {"date": f"{document.next_review_on:%d/%m/%Y}"},
            )
            return redirect(document)
    editions = document.editions.select_related("approved_by").prefetch_related("files")
    if not _sees_drafts(request.user, document):
        editions = editions.exclude(status__in=OPEN_EDITION_STATUSES)
    editions = list(editions)
    for edition in editions:
        edition.actions = services.EDITION_ACTIONS.available(request.user, edition)
    actions = services.DOCUMENT_ACTIONS.available(request.user, document)
    return render(
        request,
        "plans/documents/document_detail.html",
        {
            "document": document,
            "editions": editions,
            "external_documents": document.external_documents.order_by("-issued_on"),
            "can_change": can_change and document.status != DocumentStatus.WITHDRAWN,
            "actions": actions,
            "workflow": services.DOCUMENT_ACTIONS,
            "edition_workflow": services.EDITION_ACTIONS,
            "review_form": review_form if can_change and in_force else None,
        },
    )


def document_edit(request, pk: int):
    document = _document_for(request, pk, "plans.change_document")
    if document.status == DocumentStatus.WITHDRAWN:
        messages.error(request, _("A withdrawn document is kept as it was."))
        return redirect(document)
    departments = writable_departments(request.user, document.organization)
    # The unit it belongs to now stays a choice even for a head who does not head it any more.
    departments = departments | document.organization.departments.filter(pk=document.department_id)
    form = DocumentForm(
        request.POST or None,
        instance=document,
        organization=document.organization,
        departments=departments.distinct(),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(
                document=form.save(commit=False),
                expected_version=form.expected_version,
                user=request.user,
            )
        except StaleEditError as error:
            conflict = error.current
            form.keep_after_conflict(conflict)
        else:
            messages.success(request, _("The document was saved."))
            return redirect(document)
    return render(
        request,
        "plans/documents/document_form.html",
        {"form": form, "document": document, "conflict": conflict},
    )


def document_action(request, pk: int, action: str):
    """Confirmation page (GET) and the action (POST); a new edition opens for editing."""

    def then(result) -> str:
        if isinstance(result, DocumentEdition):
            return reverse("plans:edition_edit", args=[result.pk])
        return result.get_absolute_url()

    document = _document_for(request, pk)
    return workflow_action(request, services.DOCUMENT_ACTIONS, action, document, then=then)


def edition_edit(request, pk: int):
    edition = _edition_for(request, pk, services.EDITION_ACTIONS["edit"].permission)
    document = edition.document
    if not edition.is_editable:
        messages.error(request, _("Only a draft edition can be changed."))
        return redirect(document)
    form = EditionForm(request.POST or None, request.FILES or None, instance=edition)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_update(
                edition=form.save(commit=False),
                expected_version=form.expected_version,
                user=request.user,
                files=form.cleaned_data["files"],
            )
        except StaleEditError as error:
            conflict = error.current
            form.keep_after_conflict(conflict)
        except services.DocumentError as error:
            messages.error(request, str(error))
            return redirect(document)
        else:
            messages.success(request, _("The edition was saved."))
            return redirect(document)
    return render(
        request,
        "plans/documents/edition_form.html",
        {
            "form": form,
            "edition": edition,
            "document": document,
            "files": edition.files.all(),
            "conflict": conflict,
        },
    )


def edition_action(request, pk: int, action: str):
    edition = _edition_for(request, pk, "plans.view_document")
    return workflow_action(
        request,
        services.EDITION_ACTIONS,
        action,
        edition,
        title=_("%(document)s, edition %(number)s")
        % {"document": edition.document, "number": edition.number},
        back=edition.document.get_absolute_url(),
    )


def edition_return(request, pk: int):
    edition = _edition_for(request, pk, services.EDITION_ACTIONS["return"].permission)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_return(
                edition=edition, user=request.user, comment=form.cleaned_data["comment"]
            )
        except services.DocumentError as error:
            refused(request, services.EDITION_ACTIONS["return"], edition, error)
        else:
            messages.success(request, services.EDITION_ACTIONS["return"].done)
        return redirect(edition.document)
    return render(
        request, "plans/documents/edition_return.html", {"edition": edition, "form": form}
    )


def document_file(request, pk: int):
    """A file of an edition; files of drafts only for those who write or approve them."""
    document_file = get_object_for_user(
        DocumentFile.objects.select_related("edition__document"), request.user, pk=pk
    )
    edition = document_file.edition
    if edition.status in OPEN_EDITION_STATUSES and not _sees_drafts(request.user, edition.document):
        raise PermissionDenied
    return download(request, document_file)


# --- external texts ----------------------------------------------------------------------------
def external_list(request):
    organization = request.organization
    if organization is None:
        raise Http404
    can_change = request.user.has_perm("plans.change_externaldocument", organization)
    form = ExternalDocumentForm(request.POST or None, organization=organization)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
            external = services.external_document_record(
                organization=organization, user=request.user, **fields
            )
            messages.success(
                request,
                _(
                    "%(number)s was recorded; the units that own the affected documents must "
                    "update them by %(date)s."
                )
                % {"number": external.number, "date": f"{services.update_due(external):%d/%m/%Y}"},
            )
            return redirect(external)
    externals = ExternalDocument.objects.filter(organization=organization)
    query = request.GET.get("q", "").strip()
    if query:
        externals = externals.filter(
            Q(number__icontains=query) | Q(title__icontains=query) | Q(issuer__icontains=query)
        )
    externals = externals.prefetch_related(
        Prefetch("affects", queryset=Document.objects.order_by("code"))
    )
    page = Paginator(externals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/documents/external_list.html",
        {
            "page": page,
            "query": query,
            "page_query": urlencode({"q": query}) + "&",
            "form": form,
            "can_change": can_change,
        },
    )


def external_detail(request, pk: int):
    external = get_object_for_user(
        ExternalDocument.objects.select_related("organization", "recorded_by"),
        request.user,
        permission="plans.view_externaldocument",
        pk=pk,
    )
    can_change = request.user.has_perm("plans.change_externaldocument", external)
    form = ExternalDocumentForm(
        request.POST or None, instance=external, organization=external.organization
    )
    conflict = None
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.external_document_update(
                    external=form.save(commit=False),
                    affects=form.cleaned_data["affects"],
                    expected_version=form.expected_version,
                    user=request.user,
                )
            except StaleEditError as error:
                conflict = error.current
                form.keep_after_conflict(conflict)
            else:
                messages.success(request, _("The external document was saved."))
                return redirect(external)
    return render(
        request,
        "plans/documents/external_detail.html",
        {
            "external": external,
            "affects": external.affects.select_related("department").order_by("code"),
            "items": external.update_items.select_related("department").order_by("pk"),
            "form": form if can_change else None,
            "conflict": conflict,
        },
    )


def document_history(request, pk: int):
    """Every change of the document and of the editions the person may read."""
    document = _document_for(request, pk)
    entries = document_history_entries(document, with_drafts=_sees_drafts(request.user, document))
    trail = [(_("Documents"), reverse("plans:document_list"))]
    return history_page(request, document, entries, trail=trail)
