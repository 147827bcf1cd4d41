"""The benchmark's data set (plans/bench.py, reports/bench.py): it must keep building as models
gain fields, and give the pages it measures what they show. Its speed is measured by `make bench`,
never here."""

import datetime

import pytest
from django.db import models
from django.test.utils import isolate_apps

from plans.bench import CopyRows, build_province, copy_text
from plans.choices import Role
from plans.models import Membership, Organization, WorkItem
from plans.work.kinds import all_kinds
from reports.bench import build_records

TODAY = datetime.date(2026, 10, 13)
YEARS = (2026,)


def test_copy_text_escapes_what_copy_reads_as_syntax():
    assert copy_text(None) == "\\N"
    assert copy_text(True) == "t"
    assert copy_text(datetime.date(2026, 1, 2)) == "2026-01-02"
    assert copy_text("a\tb\nc\\d") == "a\\tb\\nc\\\\d"


def test_copy_rows_give_every_other_column_its_default():
    rows = CopyRows(WorkItem, ["organization_id", "year"])
    columns = {f.column for f in WorkItem._meta.concrete_fields if not f.primary_key}
    assert set(rows.columns) == columns
    line = rows.line(7, 2026).rstrip("\n").split("\t")
    values = dict(zip(rows.columns, line, strict=True))
    assert values["organization_id"] == "7"
    assert values["status"] == "not_started"
    assert values["on_behalf"] == "f"
    assert values["note"] == ""
    assert values["due_date"] == "\\N"


@isolate_apps("plans")
def test_copy_rows_refuse_a_column_without_default_that_is_not_given():
    class Strict(models.Model):
        required = models.IntegerField()

        class Meta:
            app_label = "plans"

        def __str__(self) -> str:
            return str(self.required)

    with pytest.raises(ValueError, match="required has no default"):
        CopyRows(Strict, [])


@pytest.mark.django_db
def test_the_province_builds_its_items_with_the_model_defaults():
    built = build_province(organizations=2, units=3, years=YEARS, today=TODAY)

    assert WorkItem.objects.count() == built["work_items"] > 0
    assert not WorkItem.objects.filter(on_behalf=True).exists()
    assert set(Organization.objects.values_list("province", flat=True)) == {"Tỉnh thử nghiệm 01"}
    done = WorkItem.objects.filter(status="done")
    assert done.exists()
    assert not done.filter(done_on__isnull=True).exists()


@pytest.mark.django_db
def test_the_records_of_a_year_hold_every_kind_of_item():
    build_province(organizations=1, units=3, years=YEARS, today=TODAY)
    organization = Organization.objects.get()
    membership = Membership.objects.filter(organization=organization)
    secretary = membership.get(role=Role.ISO_SECRETARY).user
    director = membership.get(role=Role.DIRECTOR).user

    build_records(organization=organization, year=2026, today=TODAY, user=secretary, chair=director)

    kinds = set(WorkItem.objects.values_list("kind", flat=True))
    assert kinds == {kind.name for kind in all_kinds()}
    assert organization.plans.filter(status="submitted").exists()
    assert organization.annual_reports.filter(year=2026).exists()
