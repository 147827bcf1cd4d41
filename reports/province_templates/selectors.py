"""The province's templates as the coordinator and the agencies list them."""

from django.db.models import Count, QuerySet

from plans.models import Organization

from .models import ProvinceTemplate


def province_templates(province: str) -> QuerySet[ProvinceTemplate]:
    """Every template of the province, with how many agencies copied each: one query."""
    return (
        ProvinceTemplate.objects.filter(province=province)
        .annotate(copied_by_agencies=Count("copies__organization", distinct=True))
        .order_by("-created_at", "-pk")  # Meta.ordering is not applied with an aggregate
    )


def published_templates(organization: Organization) -> QuerySet[ProvinceTemplate]:
    """What the agency's province offers it now (none without a province)."""
    return ProvinceTemplate.objects.filter(
        province=organization.province or None, published_on__isnull=False, is_withdrawn=False
    )


def has_published_templates(organization: Organization) -> bool:
    return bool(organization.province) and published_templates(organization).exists()
