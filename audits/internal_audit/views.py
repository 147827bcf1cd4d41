"""Internal audits: the year's programme, an audit's plan and sessions, checklists and the
correction of their lines, finishing, the approval of the report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.clauses import TITLES
from audits.nonconformity.services import NonconformityError
from isoplan.history_views import history_page
from isoplan.workflow_views import workflow_action
from plans.organizations.access import get_object_for_user

from . import history, services
from .forms import AuditForm, AuditProgrammeForm, FindingForm, FinishForm, SessionForm
from .models import Audit, AuditProgramme, AuditSession, Finding, QuestionTemplate
from .selectors import session_uncertified, uncertified_auditors
from .services import (
    AUDIT_ACTIONS,
    audit_finish,
    audit_report,
    audit_schedule,
    deletion_refusal,
    finding_record,
    record_refusal,
)


def audit_list(request):
    """The audit programme of each year, and its audits with their dates and status."""
    organization = request.organization
    if organization is None:
        raise Http404
    audits = Audit.objects.filter(organization=organization).select_related("lead_auditor")
    programmes = AuditProgramme.objects.filter(organization=organization)
    can_change = request.user.has_perm("audits.change_audit", organization)
    editing = programmes.filter(pk=request.GET.get("chuong-trinh") or 0).first()
    form = AuditProgrammeForm(
        request.POST or None,
        instance=editing,
        organization=organization,
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            programme = form.save(commit=False)
            programme.organization = organization
            programme.save()
            messages.success(request, _("The audit programme was saved."))
            return redirect("audits:audit_list")
    return render(
        request,
        "audits/internal_audit/audit_list.html",
        {"audits": audits, "programmes": programmes, "form": form, "can_change": can_change},
    )


def audit_edit(request, pk: int | None = None):
    organization = request.organization
    if organization is None or not request.user.has_perm("audits.change_audit", organization):
        raise PermissionDenied
    audit = None
    if pk is not None:
        permission = AUDIT_ACTIONS["edit"].permission
        audit = get_object_for_user(Audit, request.user, permission=permission, pk=pk)
        try:
            AUDIT_ACTIONS.ensure("edit", audit)
        except NonconformityError as error:
            messages.error(request, str(error))
            return redirect(audit)
    form = AuditForm(
        request.POST or None,
        instance=audit,
        organization=organization,
        initial={"year": timezone.localdate().year},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organization = organization
        conflict = form.save_versioned(saved, then=lambda _record: form.save_m2m())
        if conflict is None and audit is None:
            audit_schedule(audit=saved, user=request.user)
        if conflict is None:
            messages.success(request, _("The audit plan was saved."))
            _warn_uncertified(request, uncertified_auditors(saved))
            return redirect(saved)
    return render(
        request,
        "audits/internal_audit/audit_form.html",
        {"form": form, "audit": audit, "conflict": conflict},
    )


def _warn_uncertified(request, people) -> None:
    """Named anyway (the agency decides), but said: an auditor without a valid certificate."""
    if people:
        messages.warning(
            request,
            _("No valid internal auditor's certificate on the audit's dates: %(names)s.")
            % {"names": ", ".join(person.get_full_name() for person in people)},
        )


def audit_detail(request, pk: int):
    audit = get_object_for_user(
        Audit.objects.select_related("organization", "lead_auditor", "approved_by"),
        request.user,
        permission="audits.view_audit",
        pk=pk,
    )
    actions = AUDIT_ACTIONS.available(request.user, audit)
    can_change = "finish" in actions  # the schedule and the finishing form
    session_form = SessionForm(
        request.POST if request.POST.get("step") == "session" else None, audit=audit
    )
    finish_form = FinishForm(
        request.POST if request.POST.get("step") == "finish" else None,
        initial={"finished_on": timezone.localdate(), "conclusions": audit.conclusions},
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if request.POST.get("step") == "session" and session_form.is_valid():
            session = session_form.save(commit=False)
            session.audit = audit
            session.save()
            session_form.save_m2m()
            messages.success(request, _("The session was added to the schedule."))
            _warn_uncertified(request, session_uncertified(session, audit=audit))
            return redirect(audit)
        if request.POST.get("step") == "finish" and finish_form.is_valid():
            try:
                audit_finish(audit=audit, user=request.user, **finish_form.cleaned_data)
            except NonconformityError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("The audit is finished; the tasks waiting for it have their due dates."),
                )
            return redirect(audit)
    report = audit_report(audit)
    return render(
        request,
        "audits/internal_audit/audit_detail.html",
        {
            "audit": audit,
            "report": report,
            "uncertified": uncertified_auditors(audit, report["sessions"]),
            "session_form": session_form,
            "finish_form": finish_form,
            "can_change": can_change,
            "actions": actions,
            "workflow": AUDIT_ACTIONS,
        },
    )


def audit_approve(request, pk: int):
    """The director approves the audit report, after a confirmation page."""
    audit = get_object_for_user(Audit, request.user, permission="audits.view_audit", pk=pk)
    return workflow_action(request, AUDIT_ACTIONS, "approve", audit)


def _finding_for(request, pk: int) -> Finding:
    """A finding of the person's agency (404 otherwise) whose checklist the person could write
    (403 without the permission or once the audit is closed: no button led here)."""
    finding = get_object_for_user(
        Finding.objects.select_related(
            "session__audit__organization", "session__department", "nonconformity"
        ),
        request.user,
        permission="audits.view_audit",
        pk=pk,
    )
    if "record" not in AUDIT_ACTIONS.available(request.user, finding.session.audit):
        raise PermissionDenied
    return finding


def finding_edit(request, pk: int):
    """Correct a checklist line; the service says what may not change."""
    finding = _finding_for(request, pk)
    checklist = reverse("audits:session_checklist", args=[finding.session_id])
    refusal = record_refusal(request.user, finding.session)
    if refusal:  # not this person's checklist: said on the checklist, whatever the address
        messages.error(request, refusal)
        return redirect(checklist)
    form = FindingForm(
        request.POST or None,
        initial={
            "clause": finding.clause,
            "question": finding.question,
            "result": finding.result,
            "evidence": finding.evidence,
        },
        nonconformity=finding.nonconformity,
    )
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.finding_edit(finding=finding, user=request.user, **form.cleaned_data)
        except NonconformityError as error:
            form.add_error(None, str(error))  # shown above what was typed
        else:
            messages.success(request, _("The finding was corrected."))
            if edited.nonconformity_id and not finding.nonconformity_id:
                messages.warning(
                    request,
                    _("%(code)s entered the nonconformity register.")
                    % {"code": edited.nonconformity.code},
                )
            return redirect(checklist)
    return render(
        request,
        "audits/internal_audit/finding_form.html",
        {"form": form, "finding": finding, "session": finding.session, "cancel_url": checklist},
    )


def finding_delete(request, pk: int):
    """Delete a mistaken checklist line after a confirmation page."""
    finding = _finding_for(request, pk)
    checklist = reverse("audits:session_checklist", args=[finding.session_id])
    refusal = record_refusal(request.user, finding.session) or deletion_refusal(finding)
    if refusal:
        messages.error(request, refusal)
        return redirect(checklist)
    if request.method == "POST":
        try:
            services.finding_delete(finding=finding, user=request.user)
        except NonconformityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The finding was deleted."))
        return redirect(checklist)
    return render(
        request,
        "plans/confirm.html",
        {
            "title": _("Delete this finding?"),
            "text": f"{finding.clause} – {finding.question}\n{finding.get_result_display()}",
            "button": _("Delete"),
            "style": "danger",
            "cancel_url": checklist,
        },
    )


def session_checklist(request, pk: int):
    session = get_object_for_user(
        AuditSession.objects.select_related("audit__organization", "department"),
        request.user,
        permission="audits.view_audit",
        pk=pk,
    )
    # 403 without the permission or once the audit is closed; refused (and told why) in a unit
    # of one's own or a session of others.
    may_record = "record" in AUDIT_ACTIONS.available(request.user, session.audit)
    refusal = record_refusal(request.user, session) if may_record else ""
    templates = QuestionTemplate.objects.filter(organization=session.audit.organization)
    form = FindingForm(request.POST or None, initial={"question": request.GET.get("q", "")})
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:  # the service refuses the auditor's own unit, whatever the address
                finding = finding_record(session=session, user=request.user, **form.cleaned_data)
            except NonconformityError as error:
                messages.error(request, str(error))
            else:
                if finding.nonconformity_id:
                    messages.warning(
                        request,
                        _("%(code)s entered the nonconformity register.")
                        % {"code": finding.nonconformity.code},
                    )
                if request.POST.get("save_template"):
                    QuestionTemplate.objects.get_or_create(
                        organization=session.audit.organization,
                        clause=finding.clause,
                        question=finding.question,
                    )
            return redirect("audits:session_checklist", pk=session.pk)
    findings = [
        (finding, TITLES.get(finding.clause, ""))
        for finding in session.findings.select_related("nonconformity")
    ]
    return render(
        request,
        "audits/internal_audit/session_checklist.html",
        {
            "session": session,
            "findings": findings,
            "form": form,
            "can_record": may_record and not refusal,
            "refusal": refusal,
            "templates": templates,
        },
    )


def audit_history(request, pk: int):
    """Every change of the audit's plan, its sessions and their findings."""
    audit = get_object_for_user(Audit, request.user, permission="audits.view_audit", pk=pk)
    trail = [(_("Internal audit programme"), reverse("audits:audit_list"))]
    return history_page(request, audit, history.audit_history(audit), trail=trail)


def audit_programme_history(request, pk: int):
    programme = get_object_for_user(
        AuditProgramme, request.user, permission="audits.view_audit", pk=pk
    )
    register = reverse("audits:audit_list")
    entries = history.audit_programme_history(programme)
    return history_page(request, programme, entries, url=register)
