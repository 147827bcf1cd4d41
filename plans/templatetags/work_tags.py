"""The unit's work list rows, written here rather than by the template engine: resolving each
cell's variables and filters was most of the page's template time (bench: unit_work)."""

import html

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


@register.simple_tag
def work_rows(items, today, critical_before, headless, item_url) -> str:
    label = {
        key: html.escape(str(text))
        for key, text in {
            "due": _("Due"),
            "period": _("Period"),
            "unit": _("Unit"),
            "source": _("Source"),
            "status": _("Status"),
        }.items()
    }
    waiting = f'<div class="text-body-secondary">{html.escape(_("waiting for the event"))}</div>'
    evidence = html.escape(_("Evidence"))
    clip = f' <i class="bi bi-paperclip" title="{evidence}" aria-label="{evidence}"></i>'
    no_head = (
        ' <span class="badge text-bg-warning" title="'
        f'{html.escape(_("This unit has no head: the ISO secretary answers for its items."))}">'
        f"{html.escape(_('no head'))}</span>"
    )
    out = []
    for item in items:
        due, is_open = item.due_date, item.is_open
        lead = item.prepared_for
        lead_line = (
            '<div class="text-body-secondary">'
            + _("Lead: %(lead)s — the advising unit prepares") % {"lead": html.escape(lead)}
            + "</div>"
            if lead
            else ""
        )
        if item.done_on:
            closed = f'<div class="text-body-secondary">{_day(item.done_on)}</div>'
        elif item.completed_at:
            completed = _day(timezone.localtime(item.completed_at))
            closed = f'<div class="text-body-secondary">{completed}</div>'
        else:
            closed = ""
        danger = ' class="table-danger"' if is_open and due and due < critical_before else ""
        out.append(
            f"<tr{danger}>"
            f'\n      <td data-label="{label["due"]}" class="text-nowrap'
            f'{" text-danger fw-semibold" if due and due < today and is_open else ""}">'
            f"{_day(due) or '—'}</td>"
            f'\n      <td data-label="{label["period"]}" class="small">'
            f"{html.escape(item.period_label)}"
            f"{waiting if item.waiting_for and not due else ''}</td>"
            f'\n      <td class="cell-lead"><a href="{item_url}{item.pk}/" class="clamp-2">'
            f"{html.escape(item.title)}</a>{clip if item.has_evidence else ''}</td>"
            f'\n      <td data-label="{label["unit"]}" class="small">'
            f"{html.escape(item.responsible_label)}"
            f"{no_head if item.department_id in headless else ''}{lead_line}</td>"
            f'\n      <td data-label="{label["source"]}" class="small text-nowrap">'
            f'<a href="{html.escape(item.source_url)}" class="text-body">'
            f"{html.escape(item.source_label)}</a></td>"
            f'\n      <td data-label="{label["status"]}" class="small">'
            f"{html.escape(str(item.get_status_display()))}{closed}</td>\n    </tr>\n"
        )
    return mark_safe("".join(out))  # noqa: S308 - every text escaped above
