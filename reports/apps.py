from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _load_demo_declaration() -> str:
    """Sở LĐTBXH's declaration of conformity, shown on its public list of documents: signed in
    2021 on the procedures of then; the register rebuilt in 2022 no longer has QT-03 (the
    unemployment benefit moved to the employment service centre), so a re-declaration is
    proposed."""
    import datetime

    from plans.models import Organization, User
    from reports.annual import declaration_record
    from reports.models import ConformityDeclaration

    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    if ConformityDeclaration.objects.filter(organization=organization).exists():
        return "Declaration of conformity 125/QĐ-SLĐTBXH [exists]"
    declaration = ConformityDeclaration(
        number="125/QĐ-SLĐTBXH",
        signed_on=datetime.date(2021, 6, 28),
        scope="Các lĩnh vực giải quyết thủ tục hành chính và hoạt động nội bộ của Sở",
        signer_name="Trần Văn Minh",
        basis={
            "scope_source": "",
            "units": list(
                organization.departments.filter(is_active=True)
                .order_by("order", "name")
                .values_list("name", flat=True)
            ),
            "procedures": [
                ["QT-01", "Quy trình kiểm soát thông tin dạng văn bản"],
                ["QT-02", "Quy trình đánh giá nội bộ"],
                ["QT-03", "Quy trình giải quyết hưởng trợ cấp thất nghiệp"],
                ["QT-05", "Quy trình giải quyết hồ sơ hưởng trợ cấp ưu đãi đối với người có công"],
            ],
        },
    )
    declaration_record(
        declaration=declaration,
        organization=organization,
        user=User.objects.get(username="thuky"),
    )
    return f"Declaration of conformity {declaration} [created]"


def _load_demo_annual_report() -> str:
    from reports.demo import load_demo_annual_report

    report, created = load_demo_annual_report()
    return (
        f"{report}: sent to the province on {report.submitted_on:%d/%m/%Y} "
        f"[{'created' if created else 'exists'}]"
    )


def _load_demo_province_templates() -> str:
    from reports.province_templates.demo import load_demo_province_templates

    template, created = load_demo_province_templates()
    return f"{template}: published to the province [{'created' if created else 'exists'}]"


def _province_templates_offer(user, organization):
    """ "Use the province's template" on the plan list, for the ISO secretary of an agency whose
    province has published templates."""
    import rules
    from django.urls import reverse

    from reports.province_templates.selectors import has_published_templates

    if not rules.has_perm("reports.use_provincetemplate", user, organization):
        return None
    if not has_published_templates(organization):
        return None
    return _("Use the province's templates"), reverse("reports:agency_templates")


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and printing")

    def ready(self) -> None:
        from isoplan.navigation import NavEntry, _secretary_or_leaders, add_entries
        from plans.demo import EXTRA_LOADERS
        from plans.planning.selectors import PLAN_LIST_OFFERS
        from reports import kinds as _kinds  # noqa: F401  (what its records complete)
        from reports.dossier import sections as _sections  # noqa: F401  (the dossier's sections)

        EXTRA_LOADERS.append(_load_demo_declaration)
        EXTRA_LOADERS.append(_load_demo_annual_report)
        EXTRA_LOADERS.append(_load_demo_province_templates)
        PLAN_LIST_OFFERS.append(_province_templates_offer)
        # Beside the audits' entries, before the agency's menu and "Administration".
        add_entries(
            [
                NavEntry(
                    _("Inspection dossier"),
                    "reports:dossier_list",
                    "bi-archive",
                    _secretary_or_leaders,
                    group=_("Check and act"),
                )
            ]
        )
