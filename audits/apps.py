from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _members(user, organization, roles) -> bool:
    return organization is not None


def _load_demo_audit() -> str:
    from audits.demo import load_demo_audit

    audit, created = load_demo_audit()
    return f"{audit} [{'created' if created else 'exists'}]"


def _load_current_audit(today) -> str:
    from audits.demo import load_current_audit, load_current_nonconformity

    audit, created = load_current_audit(today)
    nc, nc_created = load_current_nonconformity(today)
    return (
        f"  {audit}: from {audit.starts_on:%d/%m/%Y} [{'created' if created else 'exists'}]\n"
        f"  Nonconformity {nc.code} ({nc.get_status_display()}) "
        f"[{'created' if nc_created else 'exists'}]"
    )


def _load_current_proposals(today) -> str:
    from audits.improvement.demo import load_current_proposals

    proposals, created = load_current_proposals(today)
    return f"  {len(proposals)} improvement proposals [{'created' if created else 'exist'}]"


def _load_current_survey(today) -> str:
    from audits.survey.demo import load_current_survey

    survey, created = load_current_survey(today)
    return (
        f"  {survey}: {survey.responses.count()} responses [{'created' if created else 'exists'}]"
    )


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Audits and improvement")

    def ready(self) -> None:
        # audits uses plans, never the other way: its menu entries are added from here,
        # before the agency's menu and "Administration".
        # Each domain declares its kinds of work item.
        from audits.improvement import kinds as _improvement_kinds  # noqa: F401
        from audits.internal_audit import kinds as _internal_audit_kinds  # noqa: F401
        from audits.nonconformity import kinds as _nonconformity_kinds  # noqa: F401
        from audits.review import kinds as _review_kinds  # noqa: F401
        from isoplan.navigation import NavEntry, add_entries
        from plans.demo import CURRENT_YEAR_LOADERS, EXTRA_LOADERS

        EXTRA_LOADERS.append(_load_demo_audit)
        CURRENT_YEAR_LOADERS.append(_load_current_audit)
        CURRENT_YEAR_LOADERS.append(_load_current_proposals)
        CURRENT_YEAR_LOADERS.append(_load_current_survey)

        check = _("Check and act")
        add_entries(
            [
                NavEntry(
                    _("Audits"), "audits:audit_list", "bi-clipboard-check", _members, group=check
                ),
                NavEntry(
                    _("Nonconformities"),
                    "audits:nonconformity_list",
                    "bi-exclamation-diamond",
                    _members,
                    group=check,
                ),
                NavEntry(_("Reviews"), "audits:review_list", "bi-people", _members, group=check),
                NavEntry(
                    _("Improvement proposals"),
                    "audits:improvement_list",
                    "bi-lightbulb",
                    _members,
                    group=check,
                ),
                NavEntry(
                    _("Satisfaction surveys"),
                    "audits:survey_list",
                    "bi-emoji-smile",
                    _members,
                    group=check,
                ),
            ]
        )
