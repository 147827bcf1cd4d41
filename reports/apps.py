from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _load_demo_declaration() -> str:
    """Sở LĐTBXH's declaration of conformity, shown on its public list of documents."""
    import datetime

    from plans.models import Organization
    from reports.models import ConformityDeclaration

    organization = Organization.objects.get(name="Sở Lao động – Thương binh và Xã hội")
    declaration, created = ConformityDeclaration.objects.get_or_create(
        organization=organization,
        number="125/QĐ-SLĐTBXH",
        defaults={
            "signed_on": datetime.date(2021, 6, 28),
            "scope": "Các lĩnh vực giải quyết thủ tục hành chính và hoạt động nội bộ của Sở",
        },
    )
    return f"Declaration of conformity {declaration} [{'created' if created else 'exists'}]"


def _load_demo_annual_report() -> str:
    from reports.demo import load_demo_annual_report

    report, created = load_demo_annual_report()
    return (
        f"{report}: sent to the province on {report.submitted_on:%d/%m/%Y} "
        f"[{'created' if created else 'exists'}]"
    )


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and printing")

    def ready(self) -> None:
        from plans.demo import EXTRA_LOADERS
        from reports import kinds as _kinds  # noqa: F401  (what its records complete)

        EXTRA_LOADERS.append(_load_demo_declaration)
        EXTRA_LOADERS.append(_load_demo_annual_report)
