"""Every URL of the project, the objects its parameters point at, and what each role may do.

Outcomes: ``ok`` (the page or its action works: 2xx, or a redirect that is not to a login page),
``refused`` (403 or 404), ``hidden`` (404 only: an object of another agency must not even be
confirmed to exist), ``login`` (sent to the login page), ``admin_login`` (sent to the admin's
login page), ``method`` (405: the URL does not take this method).
"""

from django.urls import URLPattern, URLResolver, get_resolver

# URL name → which world object each URL parameter takes.
PARAMETERS: dict[str, dict[str, str]] = {
    "plans:organization_detail": {"pk": "organization"},
    "plans:plan_detail": {"pk": "plan"},
    "plans:plan_edit": {"pk": "draft_plan"},
    "plans:plan_return": {"pk": "submitted_plan"},
    "plans:plan_history": {"pk": "plan"},
    "plans:plan_submit": {"pk": "draft_plan"},
    "plans:plan_approve": {"pk": "submitted_plan"},
    "plans:plan_revise": {"pk": "plan"},
    "plans:plan_close": {"pk": "plan"},
    "plans:task_create": {"plan_pk": "draft_plan"},
    "plans:timing_explain": {"plan_pk": "draft_plan"},
    "plans:task_row": {"pk": "task"},
    "plans:task_edit": {"pk": "task"},
    "plans:task_delete": {"pk": "task"},
    "plans:task_move": {"pk": "task"},
    "plans:task_fulfilment": {"pk": "task"},
    "plans:task_no_deadline": {"pk": "task"},
    "plans:task_import_start": {"plan_pk": "draft_plan"},
    "plans:task_import_preview": {"pk": "task_import"},
    "plans:task_import_undo": {"pk": "task_import"},
    "plans:document_detail": {"pk": "document"},
    "plans:document_edit": {"pk": "document"},
    "plans:document_history": {"pk": "document"},
    "plans:document_new_edition": {"pk": "document"},
    "plans:document_withdraw": {"pk": "document"},
    "plans:edition_edit": {"pk": "edition"},
    "plans:edition_submit": {"pk": "edition"},
    "plans:edition_approve": {"pk": "edition"},
    "plans:edition_return": {"pk": "edition"},
    "plans:document_file": {"pk": "document_file"},
    "plans:external_detail": {"pk": "external"},
    "reports:public_documents": {"pk": "organization"},
    "plans:context_detail": {"year": "year"},
    "plans:context_copy": {"year": "year"},
    "plans:context_entry_add": {"year": "year", "kind": "context_kind"},
    "plans:context_entry_edit": {"pk": "context_entry"},
    "plans:context_entry_remove": {"pk": "context_entry"},
    "plans:risk_detail": {"pk": "risk"},
    "plans:risk_edit": {"pk": "risk"},
    "plans:risk_withdraw": {"pk": "risk"},
    "plans:risk_history": {"pk": "risk"},
    "plans:work_item_detail": {"pk": "work_item"},
    "plans:work_item_reopen": {"pk": "work_item"},
    "plans:evidence_download": {"pk": "evidence"},
    "plans:objective_set_detail": {"pk": "objective_set"},
    "plans:objective_report": {"pk": "objective_set"},
    "plans:objective_set_history": {"pk": "objective_set"},
    "plans:objective_add": {"set_pk": "objective_set"},
    "plans:objective_edit": {"set_pk": "objective_set", "pk": "objective"},
    "plans:objective_delete": {"set_pk": "objective_set", "pk": "objective"},
    "plans:objective_set_submit": {"pk": "objective_set"},
    "plans:objective_set_approve": {"pk": "objective_set"},
    "plans:objective_set_return": {"pk": "objective_set"},
    "plans:result_edit": {"pk": "objective", "period": "period"},
    "plans:unit_feed_token_renew": {"unit_pk": "unit_a"},
    "plans:notification_detail": {"pk": "notification"},
    "plans:person_feed": {"token": "person_token"},
    "plans:unit_feed": {"token": "unit_token"},
    "password_reset_confirm": {"uidb64": "reset_uid", "token": "reset_token"},
    "reports:plan_pdf": {"pk": "plan"},
    "reports:plan_docx": {"pk": "plan"},
    "reports:plan_xlsx": {"pk": "plan"},
    "reports:objective_report_pdf": {"pk": "objective_set"},
    "reports:objective_report_docx": {"pk": "objective_set"},
    "reports:objective_report_xlsx": {"pk": "objective_set"},
    "reports:audit_notice_pdf": {"pk": "audit"},
    "reports:audit_notice_docx": {"pk": "audit"},
    "reports:audit_report_pdf": {"pk": "audit"},
    "reports:audit_report_docx": {"pk": "audit"},
    "reports:audit_report_xlsx": {"pk": "audit"},
    "reports:corrective_report_pdf": {"pk": "audit"},
    "reports:corrective_report_docx": {"pk": "audit"},
    "reports:corrective_report_xlsx": {"pk": "audit"},
    "reports:review_notice_pdf": {"pk": "review"},
    "reports:review_notice_docx": {"pk": "review"},
    "reports:review_minutes_pdf": {"pk": "review"},
    "reports:review_minutes_docx": {"pk": "review"},
    "reports:annual_report_detail": {"pk": "annual_report"},
    "reports:annual_report_history": {"pk": "annual_report"},
    "reports:annual_report_approve": {"pk": "annual_report"},
    "reports:annual_report_pdf": {"pk": "annual_report"},
    "reports:annual_report_docx": {"pk": "annual_report"},
    "reports:annual_report_submit": {"pk": "annual_report"},
    "reports:province_agency": {"pk": "organization"},
    "reports:province_report": {"pk": "sent_annual_report"},
    "reports:province_report_pdf": {"pk": "sent_annual_report"},
    "reports:province_report_reply": {"pk": "sent_annual_report"},
    "reports:province_template": {"pk": "province_template"},
    "reports:province_template_publish": {"pk": "province_template"},
    "reports:province_template_withdraw": {"pk": "province_template"},
    "reports:agency_template": {"pk": "province_template"},
    "audits:audit_detail": {"pk": "audit"},
    "audits:audit_edit": {"pk": "audit"},
    "audits:audit_approve": {"pk": "audit"},
    "audits:audit_history": {"pk": "audit"},
    "audits:audit_programme_history": {"pk": "audit_programme"},
    "audits:session_checklist": {"pk": "session"},
    "audits:finding_edit": {"pk": "finding"},
    "audits:finding_delete": {"pk": "finding"},
    "audits:nonconformity_reopen": {"pk": "closed_nonconformity"},
    "audits:nonconformity_detail": {"pk": "nonconformity"},
    "audits:nonconformity_history": {"pk": "nonconformity"},
    "audits:review_detail": {"pk": "review"},
    "audits:review_edit": {"pk": "review"},
    "audits:review_history": {"pk": "review"},
    "audits:review_action": {"pk": "review", "action": "review_action"},
    "reports:dossier_detail": {"pk": "dossier"},
    "reports:dossier_progress": {"pk": "dossier"},
    "reports:dossier_rebuild": {"pk": "dossier"},
    "reports:dossier_zip": {"pk": "dossier"},
    "reports:dossier_pdf": {"pk": "dossier"},
    "audits:survey_detail": {"pk": "survey"},
    "audits:survey_edit": {"pk": "survey"},
    "audits:survey_questions": {"pk": "survey"},
    "audits:survey_question": {"pk": "survey_question"},
    "audits:template_question": {"pk": "template_question"},
    "audits:survey_paper": {"pk": "survey"},
    "audits:survey_response_edit": {"pk": "survey_response"},
    "audits:survey_response_history": {"pk": "survey_response"},
    "audits:survey_tokens": {"pk": "survey"},
    "audits:survey_qr": {"pk": "survey"},
    "audits:survey_history": {"pk": "survey"},
    "audits:survey_action": {"pk": "survey", "action": "survey_action"},
    "audits:survey_public": {"token": "survey_key"},
    "reports:survey_report_pdf": {"pk": "survey"},
    "reports:survey_report_docx": {"pk": "survey"},
    "reports:survey_report_xlsx": {"pk": "survey"},
    "plans:committee_detail": {"pk": "committee"},
    "plans:committee_history": {"pk": "committee"},
    "plans:committee_edit": {"pk": "committee_draft"},
    "plans:committee_issue": {"pk": "committee_draft"},
    "plans:committee_discard": {"pk": "committee_draft"},
    "plans:committee_member_add": {"pk": "committee_draft"},
    "plans:committee_member_edit": {"pk": "committee_member"},
    "plans:committee_member_remove": {"pk": "committee_member"},
    "reports:committee_pdf": {"pk": "committee"},
    "reports:committee_docx": {"pk": "committee"},
    "reports:declaration_detail": {"pk": "declaration"},
    "reports:declaration_history": {"pk": "declaration"},
    "reports:declaration_decision_pdf": {"pk": "declaration"},
    "reports:declaration_decision_docx": {"pk": "declaration"},
    "reports:declaration_statement_pdf": {"pk": "declaration"},
    "reports:declaration_statement_docx": {"pk": "declaration"},
    "plans:training_detail": {"pk": "training"},
    "plans:training_edit": {"pk": "training"},
    "plans:training_delete": {"pk": "training"},
    "plans:training_history": {"pk": "training"},
    "plans:training_file": {"pk": "training_file"},
    "plans:person_training": {"pk": "staff_person"},
    "plans:onboarding_detail": {"pk": "onboarding"},
    "plans:onboarding_history": {"pk": "onboarding"},
    "plans:certificate_edit": {"pk": "certificate"},
    "plans:certificate_file": {"pk": "certificate"},
    "plans:certificate_history": {"pk": "certificate"},
    "audits:improvement_detail": {"pk": "proposal"},
    "audits:improvement_accept": {"pk": "proposal"},
    "audits:improvement_merge": {"pk": "proposal"},
    "audits:improvement_decline": {"pk": "proposal"},
    "audits:improvement_history": {"pk": "proposal"},
    "audits:improvement_attachment": {"pk": "proposal_attachment"},
}


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the admin site is covered as one rule (see test_permission_matrix)
            yield from _walk(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern


def project_url_names() -> list[str]:
    return sorted({name for name, _ in _walk(get_resolver().url_patterns)})


# --- what each role may do ----------------------------------------------------------------------
OK, REFUSED, HIDDEN, LOGIN, METHOD = "ok", "refused", "hidden", "login", "method"
ANONYMOUS = "anonymous"
# People of the agency the world's objects belong to (SLĐTBXH in the demo).
AGENCY = ("staff", "head_a", "head_b", "auditor", "secretary", "director")
# People with no role in that agency: the administrator, another agency's secretary, the
# province coordinator (who sees the province table and reads each agency of the province on
# its own read-only pages, and the reports it sent, never the agency's records' own pages).
OTHERS = ("admin", "outsider", "coordinator")
EVERYONE = AGENCY + OTHERS
Rule = dict[str, str]


def public() -> Rule:
    return dict.fromkeys((ANONYMOUS, *EVERYONE), OK)


def signed_in() -> Rule:
    return {ANONYMOUS: LOGIN, **dict.fromkeys(EVERYONE, OK)}


def agency(*allowed: str) -> Rule:
    """A page of the person's own agency (list, create): ``allowed`` roles use it, others are
    refused. "outsider" and "coordinator" here act in their own agency."""
    return {ANONYMOUS: LOGIN, **{role: OK if role in allowed else REFUSED for role in EVERYONE}}


def record(*allowed: str) -> Rule:
    """A page of one record of the agency: another agency's secretary gets 404 (the id must not
    even be confirmed to exist); the administrator and the coordinator are refused."""
    rule = {ANONYMOUS: LOGIN, **{role: OK if role in allowed else REFUSED for role in AGENCY}}
    return {**rule, "admin": REFUSED, "outsider": HIDDEN, "coordinator": REFUSED}


def post_only() -> Rule:
    return {ANONYMOUS: LOGIN, **dict.fromkeys(EVERYONE, METHOD)}


def off() -> Rule:
    """A feature turned off in the settings (single sign-on): 404 for everyone."""
    return dict.fromkeys((ANONYMOUS, *EVERYONE), HIDDEN)


def nobody() -> Rule:
    """A page that takes no POST, or GET, from anyone (405)."""
    return dict.fromkeys((ANONYMOUS, *EVERYONE), METHOD)


READERS = AGENCY  # everyone in the agency reads its plans, objectives, audits, reviews, reports
ACTING_ELSEWHERE = ("outsider", "coordinator")
SECRETARY = ("secretary", "outsider")  # the outsider is the ISO secretary of their own agency
UNIT_A = ("staff", "head_a", "secretary", "director")  # the unit, the secretary, the director
LEADING_ISO = ("secretary", "director")  # the steering committee, the declaration

# URL name → (GET, POST). A URL that is not here fails test_every_url_has_an_entry.
EXPECTED: dict[str, tuple[Rule, Rule]] = {
    "home": (signed_in(), signed_in()),
    "about": (signed_in(), signed_in()),
    "login": (public(), public()),
    "logout": (post_only(), dict.fromkeys((ANONYMOUS, *EVERYONE), LOGIN)),
    "set_language": (public(), public()),
    "favicon": (public(), nobody()),
    # one's own password; a forgotten one is reset by email without logging in
    "password_change": (signed_in(), signed_in()),
    "password_change_done": (signed_in(), post_only()),  # a page: GET only
    "password_reset": (public(), public()),
    # the province account's login (OpenID Connect): not found while it is off, as here
    "oidc_authentication_init": (off(), off()),
    "oidc_authentication_callback": (off(), off()),
    "password_reset_done": (public(), nobody()),
    "password_reset_confirm": (public(), public()),
    "password_reset_complete": (public(), nobody()),
    # organization and people
    "plans:organization_detail": (record(*READERS), record(*READERS)),
    "plans:organization_switch": (post_only(), signed_in()),
    "plans:profile": (signed_in(), signed_in()),
    "plans:feed_token_renew": (signed_in(), signed_in()),
    "plans:unit_feed_token_renew": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:notification_list": (signed_in(), signed_in()),
    "plans:waiting_list": (signed_in(), signed_in()),  # each sees what waits for them
    "plans:notification_detail": (record("staff"), record("staff")),  # the addressee only
    "plans:notifications_read_all": (post_only(), signed_in()),
    # calendar apps cannot log in: the secret key in the address is the credential
    "plans:person_feed": (public(), public()),
    "plans:unit_feed": (public(), public()),
    # plans and tasks
    "plans:plan_list": (agency(*READERS, *ACTING_ELSEWHERE), agency(*READERS, *ACTING_ELSEWHERE)),
    "plans:plan_create": (agency(*SECRETARY), agency(*SECRETARY)),
    "plans:plan_detail": (record(*READERS), record(*READERS)),
    "plans:plan_history": (record(*READERS), record(*READERS)),
    "plans:plan_edit": (record("secretary"), record("secretary")),
    "plans:plan_submit": (record("secretary"), record("secretary")),
    "plans:plan_approve": (record("director"), record("director")),
    "plans:plan_return": (record("director"), record("director")),
    "plans:plan_revise": (record("secretary"), record("secretary")),
    "plans:plan_close": (record("secretary", "director"), record("secretary", "director")),
    "plans:task_create": (record("secretary"), record("secretary")),
    "plans:task_row": (record("secretary"), record("secretary")),
    "plans:task_edit": (record("secretary"), record("secretary")),
    "plans:task_delete": (record("secretary"), record("secretary")),
    "plans:task_move": (post_only(), record("secretary")),
    "plans:task_fulfilment": (record("secretary"), record("secretary")),
    # the world's task is in a draft: the secretary's (once submitted, the director's)
    "plans:task_no_deadline": (post_only(), record("secretary")),
    "plans:timing_explain": (record(*READERS), record(*READERS)),
    "plans:task_import_start": (record("secretary"), record("secretary")),
    "plans:task_import_preview": (record("secretary"), record("secretary")),
    "plans:task_import_undo": (record("secretary"), record("secretary")),
    # work items and events
    "plans:unit_work": (agency(*READERS, *ACTING_ELSEWHERE), agency(*READERS, *ACTING_ELSEWHERE)),
    "plans:work_item_detail": (record(*UNIT_A), record("head_a")),
    "plans:work_item_reopen": (post_only(), record("head_a", "secretary")),
    "plans:evidence_download": (record(*UNIT_A), record(*UNIT_A)),
    "plans:event_list": (agency("secretary", "director", "outsider"), agency(*SECRETARY)),
    # quality objectives
    "plans:objective_set_list": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency("head_a", "head_b", *SECRETARY),  # heads start their unit's objectives
    ),
    "plans:objective_set_detail": (record(*READERS), record(*READERS)),
    "plans:objective_report": (record(*READERS), record(*READERS)),
    "plans:objective_set_history": (record(*READERS), record(*READERS)),
    "plans:objective_add": (record("secretary"), record("secretary")),
    "plans:objective_edit": (record("secretary"), record("secretary")),
    "plans:objective_delete": (record(), record()),  # the sample set is approved: nobody
    "plans:objective_set_submit": (record("secretary"), record("secretary")),
    "plans:objective_set_approve": (record("director"), record("director")),
    "plans:objective_set_return": (record("director"), record("director")),
    "plans:result_edit": (record("head_b", "secretary"), record("head_b", "secretary")),
    # internal audits, nonconformities, management reviews
    "audits:audit_list": (agency(*READERS, *ACTING_ELSEWHERE), agency(*SECRETARY)),
    "audits:audit_create": (agency(*SECRETARY), agency(*SECRETARY)),
    "audits:audit_detail": (record(*READERS), record()),
    "audits:audit_edit": (record("secretary"), record("secretary")),
    "audits:audit_approve": (record("director"), record("director")),  # the report
    "audits:audit_history": (record(*READERS), record(*READERS)),
    "audits:audit_programme_history": (record(*READERS), record(*READERS)),
    "audits:session_checklist": (record(*READERS), record()),  # its auditors only (none here)
    # a line of the audit under way: its session's auditor and the ISO secretary correct it
    # (the own-unit rule, whatever the address: test_findings)
    "audits:finding_edit": (record("auditor", "secretary"), record("auditor", "secretary")),
    "audits:finding_delete": (record("auditor", "secretary"), record("auditor", "secretary")),
    "audits:nonconformity_list": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency("auditor", *SECRETARY),
    ),
    "audits:nonconformity_detail": (
        record("head_a", "auditor", "secretary", "director"),  # not other units' staff
        record(),
    ),
    # a closed nonconformity: who verifies reopens it, with a reason
    "audits:nonconformity_reopen": (
        record("auditor", "secretary"),
        record("auditor", "secretary"),
    ),
    "audits:nonconformity_history": (
        record("head_a", "auditor", "secretary", "director"),
        record("head_a", "auditor", "secretary", "director"),
    ),
    "audits:review_list": (agency(*READERS, *ACTING_ELSEWHERE), agency(*SECRETARY)),
    "audits:review_create": (agency(*SECRETARY), agency(*SECRETARY)),
    "audits:review_detail": (record(*READERS), record("secretary")),
    "audits:review_edit": (record("secretary"), record("secretary")),
    "audits:review_history": (record(*READERS), record(*READERS)),
    "audits:review_action": (record("secretary"), record("secretary")),
    # documented information (the sample document is owned by unit A; the sample edition of
    # another unit waits for approval)
    "plans:document_list": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "plans:document_create": (
        agency("head_a", "head_b", *SECRETARY),
        agency("head_a", "head_b", *SECRETARY),
    ),
    "plans:document_detail": (record(*READERS), record("head_a", "secretary")),
    "plans:document_edit": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:document_history": (record(*READERS), record(*READERS)),
    "plans:document_new_edition": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:document_withdraw": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:edition_edit": (record("secretary"), record("secretary")),
    "plans:edition_submit": (record("secretary"), record("secretary")),
    "plans:edition_approve": (record("director"), record("director")),
    "plans:edition_return": (record("director"), record("director")),
    "plans:document_file": (record(*READERS), record(*READERS)),
    "plans:external_list": (agency(*READERS, *ACTING_ELSEWHERE), agency(*SECRETARY)),
    "plans:external_detail": (record(*READERS), record("secretary")),
    "reports:document_list_pdf": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "reports:document_list_docx": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "reports:document_list_xlsx": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    # the public list is public only when the agency turns it on (the demo agency has)
    "reports:public_documents": (public(), public()),
    # context, risks and opportunities (the sample risk is unit A's)
    "plans:context": (signed_in(), signed_in()),  # a redirect to this year's context
    "plans:context_detail": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "plans:context_copy": (post_only(), agency(*SECRETARY)),
    "plans:context_entry_add": (agency(*SECRETARY), agency(*SECRETARY)),
    "plans:context_entry_edit": (record("secretary"), record("secretary")),
    "plans:context_entry_remove": (record("secretary"), record("secretary")),
    "plans:risk_list": (agency(*READERS, *ACTING_ELSEWHERE), agency(*READERS, *ACTING_ELSEWHERE)),
    "plans:risk_create": (
        agency("head_a", "head_b", *SECRETARY),
        agency("head_a", "head_b", *SECRETARY),
    ),
    "plans:risk_detail": (record(*READERS), record()),  # a step is required: see test_risks
    "plans:risk_edit": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:risk_withdraw": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:risk_history": (record(*READERS), record(*READERS)),
    "reports:risk_register_xlsx": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "reports:risk_register_pdf": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "reports:risk_register_docx": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    # printouts, exports, annual report, province
    **{
        name: (record(*READERS), record(*READERS))
        for name in (
            "reports:plan_pdf",
            "reports:plan_docx",
            "reports:plan_xlsx",
            "reports:objective_report_pdf",
            "reports:objective_report_docx",
            "reports:objective_report_xlsx",
            "reports:audit_notice_pdf",
            "reports:audit_notice_docx",
            "reports:audit_report_pdf",
            "reports:audit_report_docx",
            "reports:audit_report_xlsx",
            "reports:corrective_report_pdf",
            "reports:corrective_report_docx",
            "reports:corrective_report_xlsx",
            "reports:review_notice_pdf",
            "reports:review_notice_docx",
            "reports:review_minutes_pdf",
            "reports:review_minutes_docx",
            "reports:annual_report_pdf",
            "reports:annual_report_docx",
        )
    },
    "reports:annual_report_list": (agency(*READERS, *ACTING_ELSEWHERE), agency(*SECRETARY)),
    "reports:annual_report_detail": (record(*READERS), record("secretary")),
    "reports:annual_report_history": (record(*READERS), record(*READERS)),
    "reports:annual_report_approve": (record("director"), record("director")),
    "reports:annual_report_submit": (record("secretary"), record("secretary")),
    "reports:province": (agency("coordinator"), agency("coordinator")),
    # the coordinator reads an agency of their province and a report it sent; nobody else, and
    # nothing is written there (a POST renders the same page: tests/reports/test_province.py)
    "reports:province_agency": (agency("coordinator"), agency("coordinator")),
    "reports:province_report": (agency("coordinator"), agency("coordinator")),
    "reports:province_report_pdf": (agency("coordinator"), agency("coordinator")),
    # ... and answers it (an empty answer: the form again, nothing written)
    "reports:province_report_reply": (post_only(), agency("coordinator")),
    # the province's templates (the demo's question bank): the coordinator writes, publishes and
    # withdraws them; the ISO secretary of each agency of the province (the outsider's agency is
    # of the same province) reads the published ones and copies them into the agency
    "reports:province_templates": (agency("coordinator"), agency("coordinator")),
    "reports:province_template_create": (agency("coordinator"), agency("coordinator")),
    "reports:province_template": (agency("coordinator"), agency("coordinator")),
    "reports:province_template_publish": (post_only(), agency("coordinator")),
    "reports:province_template_withdraw": (agency("coordinator"), agency("coordinator")),
    "reports:agency_templates": (agency(*SECRETARY), agency(*SECRETARY)),
    "reports:agency_template": (agency(*SECRETARY), agency(*SECRETARY)),
    # the province's consolidated report: its coordinator only (a POST saves its texts; the
    # downloads answer a POST as a GET)
    **{
        name: (agency("coordinator"), agency("coordinator"))
        for name in (
            "reports:province_consolidated",
            "reports:province_consolidated_pdf",
            "reports:province_consolidated_docx",
            "reports:province_consolidated_xlsx",
        )
    },
    # the inspection dossier: the whole agency's records, so its secretary and leaders only
    "reports:dossier_list": (
        agency("secretary", "director", "outsider"),
        agency("secretary", "director", "outsider"),
    ),
    "reports:dossier_detail": (record("secretary", "director"), record("secretary", "director")),
    "reports:dossier_progress": (record("secretary", "director"), post_only()),
    "reports:dossier_rebuild": (record("secretary", "director"), record("secretary", "director")),
    "reports:dossier_zip": (record("secretary", "director"), post_only()),
    "reports:dossier_pdf": (record("secretary", "director"), post_only()),
    # satisfaction surveys (the sample survey is collecting): the secretary plans and closes it,
    # everyone of the agency reads the tally and types in paper forms; the public page is public
    "audits:survey_list": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "audits:survey_create": (agency(*SECRETARY), agency(*SECRETARY)),
    "audits:survey_template": (agency(*SECRETARY), agency(*SECRETARY)),
    "audits:template_question": (record("secretary"), record("secretary")),
    "audits:survey_detail": (record(*READERS), record(*READERS)),
    "audits:survey_edit": (record("secretary"), record("secretary")),
    "audits:survey_questions": (record("secretary"), record("secretary")),
    "audits:survey_question": (record("secretary"), record("secretary")),
    "audits:survey_paper": (record(*READERS), record(*READERS)),
    # a paper form: who typed it in (the staff member at the desk) and the secretary correct it
    "audits:survey_response_edit": (record("staff", "secretary"), record("staff", "secretary")),
    "audits:survey_response_history": (
        record("staff", "secretary"),
        record("staff", "secretary"),
    ),
    "audits:survey_tokens": (record("secretary"), record("secretary")),
    "audits:survey_qr": (record(*READERS), record(*READERS)),
    "audits:survey_history": (record(*READERS), record(*READERS)),
    "audits:survey_action": (record("secretary"), record("secretary")),
    "audits:survey_public": (public(), public()),
    "reports:survey_report_pdf": (record(*READERS), record(*READERS)),
    "reports:survey_report_docx": (record(*READERS), record(*READERS)),
    "reports:survey_report_xlsx": (record(*READERS), record(*READERS)),
    # the steering committee: everyone of the agency sees it; the secretary and the director
    # (not a deputy) prepare a composition and issue it
    "plans:committee": (agency(*READERS, *ACTING_ELSEWHERE), agency(*READERS, *ACTING_ELSEWHERE)),
    "plans:committee_start": (post_only(), agency("secretary", "director", "outsider")),
    "plans:committee_detail": (record(*READERS), record(*READERS)),
    "plans:committee_history": (record(*READERS), record(*READERS)),
    **{
        f"plans:committee_{name}": (
            record("secretary", "director"),
            record("secretary", "director"),
        )
        for name in ("edit", "issue", "discard", "member_add", "member_edit", "member_remove")
    },
    "reports:committee_pdf": (record(*READERS), record(*READERS)),
    "reports:committee_docx": (record(*READERS), record(*READERS)),
    # the declaration of conformity: everyone of the agency reads it and prints its drafts; the
    # secretary and the director record it (the public page shows the one in force: above)
    "reports:declaration": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency("secretary", "director", "outsider"),
    ),
    "reports:declaration_notice": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    **{
        f"reports:declaration_draft_{part}_{extension}": (
            agency(*READERS, *ACTING_ELSEWHERE),
            agency(*READERS, *ACTING_ELSEWHERE),
        )
        for part in ("decision", "statement")
        for extension in ("pdf", "docx")
    },
    **{
        f"reports:declaration_{name}": (record(*READERS), record(*READERS))
        for name in (
            "detail",
            "history",
            "decision_pdf",
            "decision_docx",
            "statement_pdf",
            "statement_docx",
        )
    },
    # training and onboarding: the world's training is unit A's (its staff attended), the
    # newcomer to guide is in unit A, the certificate is the auditor's
    "plans:training_list": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "plans:training_create": (
        agency("head_a", "head_b", *SECRETARY),
        agency("head_a", "head_b", *SECRETARY),
    ),
    **{
        name: (record("staff", "head_a", "secretary", "director"),) * 2
        for name in (
            "plans:training_detail",
            "plans:training_history",
            "plans:training_file",
            "plans:person_training",  # the staff member's own record
        )
    },
    "plans:training_edit": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:training_delete": (record("head_a", "secretary"), record("head_a", "secretary")),
    "plans:onboarding_list": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "plans:onboarding_detail": (
        record("head_a", "secretary", "director"),
        record("head_a", "secretary"),  # who guides records it
    ),
    "plans:onboarding_history": (
        record("head_a", "secretary", "director"),
        record("head_a", "secretary", "director"),
    ),
    "plans:certificate_list": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "plans:certificate_create": (agency(*SECRETARY), agency(*SECRETARY)),
    "plans:certificate_edit": (record("secretary"), record("secretary")),
    **{
        name: (record("auditor", "secretary", "director"),) * 2
        for name in ("plans:certificate_file", "plans:certificate_history")
    },
    # improvement proposals: anyone proposes; the world's proposal is the staff member's, of
    # unit A: they, their unit's head, the secretary and the leadership see it; the secretary
    # decides and adds its actions
    "audits:improvement_list": (agency(*READERS, *ACTING_ELSEWHERE), post_only()),
    "audits:improvement_create": (
        agency(*READERS, *ACTING_ELSEWHERE),
        agency(*READERS, *ACTING_ELSEWHERE),
    ),
    "audits:improvement_detail": (record(*UNIT_A), record("secretary")),
    "audits:improvement_accept": (record("secretary"), record("secretary")),
    "audits:improvement_merge": (record("secretary"), record("secretary")),
    "audits:improvement_decline": (record("secretary"), record("secretary")),
    "audits:improvement_history": (record(*UNIT_A), record(*UNIT_A)),
    "audits:improvement_attachment": (record(*UNIT_A), record(*UNIT_A)),
}
