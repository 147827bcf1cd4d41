"""Writing, publishing and withdrawing the province's templates, and an agency copying one.

A copy is the agency's own from then on: withdrawing the template later leaves it alone. Each
copy is recorded (TemplateCopy): who, when, and what the agency got.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audits.models import QuestionTemplate
from plans.documents.choices import DocumentKind
from plans.documents.services import document_create
from plans.models import Department, Document, Organization, Plan
from plans.planning.services.plan import (
    PlanWorkflowError,
    plan_create_from_model,
    plan_model,
)

from .models import (
    BankQuestion,
    ProvinceTemplate,
    TemplateCopy,
    TemplateDocument,
    TemplateKind,
    TemplateTask,
)

TASK_FIELDS = [
    "order",
    "sub",
    "content",
    "responsibility_note",
    "support_note",
    "timing_text",
    "output",
    "leads",
    "supports",
]
_CLAUSE = re.compile(r"^\d{1,2}(\.\d{1,2}){0,3}$")  # 7.5.3, 7.1.5.1
# A document's kind read from its code when the line does not say it (QT-01, BM-QT01-02...).
_KIND_BY_PREFIX = [
    ("BM", DocumentKind.FORM),
    ("HD", DocumentKind.GUIDANCE),
    ("ST", DocumentKind.MANUAL),
    ("CS", DocumentKind.POLICY),
    ("QT", DocumentKind.PROCEDURE),
]


class TemplateError(Exception):
    """What the template's state or the rows typed do not allow. The message is for the user."""


# --- the rows typed or pasted by the coordinator -------------------------------------------------
def _cells(line: str) -> list[str]:
    separator = "|" if "|" in line else "\t"
    return [cell.strip() for cell in line.split(separator)]


def parse_questions(text: str) -> list[dict[str, str]]:
    """One question a line, "clause | question" (or separated by a tab, as pasted from a
    spreadsheet); blank lines are skipped."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = _cells(line)
        if len(cells) < 2 or not cells[1]:
            raise TemplateError(_("Line %(line)s: write “clause | question”.") % {"line": number})
        clause, question = cells[0].rstrip("."), " | ".join(cells[1:])
        if not _CLAUSE.match(clause) or len(clause) > 10:
            raise TemplateError(
                _("Line %(line)s: “%(clause)s” is not a clause of the standard, e.g. 7.5.3.")
                % {"line": number, "clause": cells[0]}
            )
        rows.append({"clause": clause, "question": question})
    return rows


def _kind_names() -> dict[str, str]:
    names = {}
    for language in ("en", "vi"):
        with translation.override(language):
            names |= {str(label).casefold(): value for value, label in DocumentKind.choices}
    return names | {value: value for value in DocumentKind.values}


def parse_documents(text: str) -> list[dict[str, str]]:
    """One document a line, "code | title" or "code | title | kind" (the kind by its name, e.g.
    “Quy trình”, “Biểu mẫu”; without it, read from the code: QT procedure, BM form...)."""
    names = _kind_names()
    rows, codes = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = _cells(line)
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise TemplateError(_("Line %(line)s: write “code | title”.") % {"line": number})
        code, title = cells[0], cells[1]
        if len(code) > 50 or len(title) > 500:
            raise TemplateError(
                _("Line %(line)s: the code or title is too long.") % {"line": number}
            )
        if code.casefold() in codes:
            raise TemplateError(
                _("Line %(line)s: the code %(code)s is already in the list.")
                % {"line": number, "code": code}
            )
        codes.add(code.casefold())
        if len(cells) > 2 and cells[2]:
            kind = names.get(cells[2].casefold())
            if kind is None:
                raise TemplateError(
                    _("Line %(line)s: “%(kind)s” is not a kind of document.")
                    % {"line": number, "kind": cells[2]}
                )
        else:
            kind = next(
                (kind for prefix, kind in _KIND_BY_PREFIX if code.upper().startswith(prefix)),
                DocumentKind.OTHER,
            )
        rows.append({"code": code, "title": title, "kind": kind})
    return rows


# --- the coordinator ---------------------------------------------------------------------------
@transaction.atomic
def template_create(
    *,
    province: str,
    kind: str,
    title: str,
    user: Any,
    note: str = "",
    plan: Plan | None = None,
    rows: list[dict[str, str]] | None = None,
) -> ProvinceTemplate:
    """A draft template of the province: a model plan is a snapshot of ``plan`` as it is now
    (later changes to that plan do not reach it); a question bank or a document list takes
    ``rows`` (parse_questions, parse_documents)."""
    if not province:
        raise TemplateError(_("Your agency has no province set: ask the administrator to set it."))
    template = ProvinceTemplate(province=province, kind=kind, title=title, note=note)
    template.created_by = user
    template._history_user = user
    if kind == TemplateKind.MODEL_PLAN:
        if plan is None:
            raise TemplateError(_("Choose the plan to publish as a model."))
        if plan.organization.province != province:
            raise TemplateError(_("Choose a plan of an agency of your province."))
        model = plan_model(plan)
        if not model["tasks"]:
            raise TemplateError(_("This plan has no task yet."))
        template.source_plan = plan
        template.plan_header = {key: model[key] for key in ("year", "agency", "fields", "duties")}
        template.save()
        TemplateTask.objects.bulk_create(
            TemplateTask(template=template, **{name: row[name] for name in TASK_FIELDS})
            for row in model["tasks"]
        )
        return template
    if not rows:
        raise TemplateError(_("Write at least one line."))
    template.save()
    if kind == TemplateKind.QUESTION_BANK:
        BankQuestion.objects.bulk_create(
            BankQuestion(template=template, order=number, **row) for number, row in enumerate(rows)
        )
    elif kind == TemplateKind.DOCUMENT_LIST:
        TemplateDocument.objects.bulk_create(
            TemplateDocument(template=template, order=number, **row)
            for number, row in enumerate(rows)
        )
    else:
        raise TemplateError(_("Unknown kind of template."))
    return template


def _locked(template: ProvinceTemplate) -> ProvinceTemplate:
    return ProvinceTemplate.objects.select_for_update().get(pk=template.pk)


@transaction.atomic
def template_publish(
    *, template: ProvinceTemplate, user: Any, today: datetime.date | None = None
) -> ProvinceTemplate:
    """Every agency of the province sees it from now on."""
    locked = _locked(template)
    if locked.is_withdrawn:
        raise TemplateError(_("This template was withdrawn."))
    if locked.published_on is not None:
        raise TemplateError(_("This template is already published."))
    locked.published_on = today or timezone.localdate()
    locked.published_by = user
    locked._history_user = user
    locked.save(update_fields=["published_on", "published_by"])
    return locked


@transaction.atomic
def template_withdraw(*, template: ProvinceTemplate, user: Any) -> ProvinceTemplate:
    """The agencies no longer see or copy it; what they copied stays theirs. Kept, not deleted:
    the copies name it."""
    locked = _locked(template)
    if locked.is_withdrawn:
        raise TemplateError(_("This template was withdrawn."))
    locked.is_withdrawn = True
    locked._history_user = user
    locked.save(update_fields=["is_withdrawn"])
    return locked


# --- the agency --------------------------------------------------------------------------------
def _check_usable(template: ProvinceTemplate, organization: Organization, kind: str) -> None:
    if (
        not template.is_published
        or not organization.province
        or template.province != organization.province
    ):
        raise TemplateError(_("This template is not published for your province."))
    if template.kind != kind:
        raise TemplateError(_("Unknown kind of template."))


def _record(template, organization, user, *, plan=None, added=0, skipped=0) -> TemplateCopy:
    return TemplateCopy.objects.create(
        template=template,
        organization=organization,
        copied_by=user,
        plan=plan,
        added=added,
        skipped=skipped,
    )


@transaction.atomic
def template_copy_plan(
    *, template: ProvinceTemplate, organization: Organization, year: int, user: Any
) -> TemplateCopy:
    """A new draft plan of ``year`` for the agency from the model plan: refused when the agency
    already has a plan for that year."""
    _check_usable(template, organization, TemplateKind.MODEL_PLAN)
    tasks = [{name: getattr(task, name) for name in TASK_FIELDS} for task in template.tasks.all()]
    try:
        plan = plan_create_from_model(
            organization=organization, year=year, model={**template.plan_header, "tasks": tasks}
        )
    except PlanWorkflowError as error:
        raise TemplateError(str(error)) from error
    return _record(template, organization, user, plan=plan, added=len(tasks))


@transaction.atomic
def template_copy_questions(
    *, template: ProvinceTemplate, organization: Organization, user: Any
) -> TemplateCopy:
    """The bank's questions into the agency's checklist questions; a question the agency
    already has for the same clause, word for word, is not added again."""
    _check_usable(template, organization, TemplateKind.QUESTION_BANK)
    Organization.objects.select_for_update().get(pk=organization.pk)  # one copy at a time
    have = set(
        QuestionTemplate.objects.filter(organization=organization).values_list("clause", "question")
    )
    new = []
    for row in template.questions.all():
        key = (row.clause, row.question)
        if key not in have:
            have.add(key)
            new.append(QuestionTemplate(organization=organization, clause=key[0], question=key[1]))
    QuestionTemplate.objects.bulk_create(new)
    skipped = template.questions.count() - len(new)
    return _record(template, organization, user, added=len(new), skipped=skipped)


@transaction.atomic
def template_copy_documents(
    *,
    template: ProvinceTemplate,
    organization: Organization,
    department: Department,
    user: Any,
) -> TemplateCopy:
    """A draft register entry (with its first edition to write) for each code of the list the
    agency lacks, owned by ``department`` until the secretary gives each its unit; a code the
    agency has (whatever its state) is skipped."""
    _check_usable(template, organization, TemplateKind.DOCUMENT_LIST)
    if department.organization_id != organization.pk or not department.is_active:
        raise TemplateError(_("Choose a unit of your agency."))
    Organization.objects.select_for_update().get(pk=organization.pk)  # one copy at a time
    have = {
        code.casefold()
        for code in Document.objects.filter(organization=organization).values_list(
            "code", flat=True
        )
    }
    rows = list(template.documents.all())
    added = 0
    for row in rows:
        if row.code.casefold() in have:
            continue
        document_create(
            organization=organization,
            user=user,
            code=row.code,
            title=row.title,
            kind=row.kind,
            department=department,
        )
        have.add(row.code.casefold())
        added += 1
    return _record(template, organization, user, added=added, skipped=len(rows) - added)
