"""``column__any=[ids]`` (isoplan/lookups.py): the rows whose column is one of the ids, the ids
sent as one parameter, so the statement is the same whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Organization, WorkTally
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_rows_of_the_ids_given():
    first, second, third = (OrganizationFactory() for _ in range(3))
    picked = Organization.objects.filter(pk__any=[first.pk, third.pk])
    assert set(picked) == {first, third}
    # on a foreign key, as the province's figures use it
    WorkTally.objects.create(
        organization=second, year=2026, status="done", due="9999-12-31", items=2
    )
    assert list(WorkTally.objects.filter(organization__any=[second.pk]).values_list("items")) == [
        (2,)
    ]
    assert not WorkTally.objects.filter(organization__any=[first.pk, third.pk]).exists()


def test_no_ids_no_rows_and_no_query():
    OrganizationFactory()
    with CaptureQueriesContext(connection) as queries:
        assert list(Organization.objects.filter(pk__any=[])) == []
    assert len(queries) == 0


def test_one_statement_whatever_the_number_of_ids():
    ids = [OrganizationFactory().pk for _ in range(3)]
    one_sql, one_params = Organization.objects.filter(pk__any=ids[:1]).query.sql_with_params()
    all_sql, all_params = Organization.objects.filter(pk__any=ids).query.sql_with_params()
    assert one_sql == all_sql
    assert (one_params, all_params) == ((ids[:1],), (ids,))
