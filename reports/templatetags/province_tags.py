"""The province table's rows, written here rather than by the template engine: for the hundreds
of agencies of a province it spent most of the page on their cells (bench: province_view)."""

import html

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()
_PK = 2_000_000_001  # a placeholder reversed once, replaced by each agency's key


def _url(name: str):
    pattern = reverse(name, args=[_PK])
    return lambda pk: pattern.replace(str(_PK), str(pk))


@register.simple_tag
def province_rows(rows, year) -> str:
    agency_url, report_url = _url("reports:province_agency"), _url("reports:province_report")
    yes, no = html.escape(_("Yes")), f'<span class="text-danger">{html.escape(_("No"))}</span>'
    label = {
        key: html.escape(str(text))
        for key, text in {
            "plan": _("Plan approved"),
            "progress": _("Progress (%)"),
            "overdue": _("Overdue"),
            "audit": _("Internal audit"),
            "review": _("Management review"),
            "objectives": _("Objectives achieved"),
            "report": _("Report sent on"),
        }.items()
    }
    approved = f'<i class="bi bi-check-circle-fill text-success" aria-hidden="true"></i> {yes}'
    out = []
    for row in rows:
        agency = row.organization
        report = (
            f'<a href="{report_url(row.report_id)}">{row.report_submitted:%d/%m/%Y}</a>'
            if row.report_id
            else "—"
        )
        out.append(
            f'<tr><th scope="row" class="fw-normal"><a href="{agency_url(agency.pk)}?nam={year}">'
            f"{html.escape(agency.name)}</a></th>\n"
            f'      <td data-label="{label["plan"]}">{approved if row.plan_approved else no}</td>\n'
            f'      <td data-label="{label["progress"]}" class="text-end">{row.progress}</td>\n'
            f'      <td data-label="{label["overdue"]}" class="text-end'
            f'{" text-danger" if row.overdue else ""}">{row.overdue}</td>\n'
            f'      <td data-label="{label["audit"]}">{yes if row.audit_held else no}</td>\n'
            f'      <td data-label="{label["review"]}">{yes if row.review_held else no}</td>\n'
            f'      <td data-label="{label["objectives"]}" class="text-end">'
            f"{row.objectives_achieved}/{row.objectives}</td>\n"
            f'      <td data-label="{label["report"]}">{report}</td></tr>\n'
        )
    return mark_safe("".join(out))  # noqa: S308 - every text escaped above


@register.simple_tag
def consolidated_rows(agencies, year) -> str:
    """The consolidated report's annex on screen: one row per agency (reports/consolidated.py)."""
    agency_url, report_url = _url("reports:province_agency"), _url("reports:province_report")
    yes, no = html.escape(_("Yes")), f'<span class="text-danger">{html.escape(_("No"))}</span>'
    inactive = f'<span class="badge text-bg-secondary">{html.escape(_("inactive"))}</span>'
    out = []
    for agency in agencies:
        row, organization = agency.row, agency.row.organization
        name = html.escape(organization.name)
        if organization.is_active:
            name = f'<a href="{agency_url(organization.pk)}?nam={year}">{name}</a>'
        else:
            name = f"{name} {inactive}"
        declaration = agency.declaration
        sent = f"{row.report_submitted:%d/%m/%Y}" if row.report_submitted else "—"
        if row.report_id and organization.is_active:
            sent = f'<a href="{report_url(row.report_id)}">{sent}</a>'
        out.append(
            "<tr>\n"
            f'            <th scope="row" class="fw-normal">{name}</th>\n'
            f"            <td>{yes if row.plan_approved else no}</td>\n"
            f'            <td class="text-end">{row.done}/{row.items}</td>\n'
            f'            <td class="text-end{" text-danger" if row.overdue else ""}">'
            f"{row.overdue}</td>\n"
            f"            <td>{yes if row.audit_held else no}</td>\n"
            f"            <td>{yes if row.review_held else no}</td>\n"
            f'            <td class="text-end">{row.objectives_achieved}/{row.objectives}</td>\n'
            "            <td>"
            + (
                f"{html.escape(declaration.number)} ({declaration.signed_on:%d/%m/%Y})"
                if declaration
                else "—"
            )
            + "</td>\n"
            f'            <td class="text-end">{agency.nonconformities_opened}/'
            f"{agency.nonconformities_closed}</td>\n"
            f"            <td>{sent}</td>\n"
            "            <td>"
            + (f"{row.report_accepted:%d/%m/%Y}" if row.report_accepted else "—")
            + "</td>\n          </tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 - every text escaped above
