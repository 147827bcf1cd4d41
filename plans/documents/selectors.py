"""Reads the pages and the reports share: the published list of documents in force."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from plans.models import Organization

from .choices import DocumentKind, DocumentStatus
from .models import Document


def documents_in_force(organization: Organization) -> QuerySet[Document]:
    """The published list: documents in force by kind (policy first), then code."""
    kinds = [When(kind=kind, then=Value(i)) for i, kind in enumerate(DocumentKind.values)]
    return (
        Document.objects.filter(organization=organization, status=DocumentStatus.IN_FORCE)
        .select_related("current_edition", "department")
        .annotate(kind_order=Case(*kinds, output_field=IntegerField()))
        .order_by("kind_order", "code", "pk")
    )
