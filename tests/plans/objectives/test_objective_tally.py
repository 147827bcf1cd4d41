"""The objective tally the province's pages read: kept by the database's triggers, whatever
writes the results, the objectives or their sets, it says what judging the results says."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction

from plans.choices import PlanStatus, Role
from plans.objectives.choices import Comparison, Frequency
from plans.objectives.models import ObjectiveResult, ObjectiveSet
from plans.objectives.selectors import (
    achieved_by_agency,
    judged_by_agency,
    judged_so_far,
    objectives_so_far,
)
from plans.objectives.services import result_record
from tests.factories import OrganizationFactory, add_objective

pytestmark = pytest.mark.usefixtures("require_postgres")


def _figures(organization, year=2023):
    """(tallied, judged): each (objectives, achieved so far), (0, 0) when it has none."""
    tallied = {row[0]: row[1:] for row in achieved_by_agency([organization.pk], year)}
    judged = {row[0]: row[1:] for row in judged_by_agency([organization.pk], year)}
    return tallied.get(organization.pk, (0, 0)), judged.get(organization.pk, (0, 0))


@pytest.fixture
def objectives(organization):
    approved = ObjectiveSet.objects.create(
        organization=organization, year=2023, status=PlanStatus.APPROVED
    )
    return {
        "set": approved,
        "rate": add_objective(approved, target_value=Decimal(95)),
        "report": add_objective(
            approved,
            statement="Báo cáo kết quả ISO đúng hạn",
            comparison=Comparison.YES,
            target_value=None,
            frequency=Frequency.YEARLY,
        ),
    }


def _check(organization, expected, year=2023):
    """The province's figure and the agency's dashboard, each as the tally and as judging say."""
    tallied, judged = _figures(organization, year)
    assert tallied == judged == expected
    assert objectives_so_far(organization, year) == judged_so_far(organization, year)


@pytest.mark.django_db
def test_the_tally_follows_every_change_of_results_objectives_and_sets(
    objectives, organization, department, make_member
):
    secretary = make_member(Role.ISO_SECRETARY)
    rate, report = objectives["rate"], objectives["report"]
    _check(organization, (2, 0))  # nothing measured yet: not achieved
    result_record(objective=rate, period_key="q-1", user=secretary, value=Decimal(96))
    _check(organization, (2, 1))
    result_record(objective=rate, period_key="q-2", user=secretary, value=Decimal(90))
    _check(organization, (2, 0))  # missed once: not achieved so far
    result_record(
        objective=rate,
        period_key="q-2",
        user=secretary,
        value=Decimal(90),
        achieved_override=True,
        override_reason="Số liệu quý II tính thiếu hồ sơ liên thông",
    )
    _check(organization, (2, 1))
    result_record(objective=report, period_key="y", user=secretary, done=True)
    _check(organization, (2, 2))
    rate.target_value = Decimal(97)  # Q1's 96 now falls short
    rate.save()
    _check(organization, (2, 1))
    ObjectiveResult.objects.filter(objective=rate).update(value=Decimal(99))  # a bulk write
    _check(organization, (2, 2))
    report.soft_delete()
    _check(organization, (1, 1))
    ObjectiveResult.objects.filter(objective=rate, period_key="q-2").delete()
    _check(organization, (1, 1))
    # A unit's draft of the same year counts for nothing, approved it counts.
    draft = ObjectiveSet.objects.create(organization=organization, year=2023, department=department)
    add_objective(draft, statement="Giảm 10% thời gian giải quyết hồ sơ")
    _check(organization, (1, 1))
    draft.status = PlanStatus.APPROVED
    draft.save()
    _check(organization, (2, 1))
    # Another year is another row.
    ObjectiveSet.objects.create(organization=organization, year=2024, status=PlanStatus.APPROVED)
    _check(organization, (2, 1))
    _check(organization, (0, 0), year=2024)


@pytest.mark.django_db
def test_sets_moved_to_another_agency_or_deleted_leave_both_right(objectives, organization):
    other = OrganizationFactory(name="UBND xã Tân Hòa")
    ObjectiveResult.objects.create(
        objective=objectives["rate"], period_key="q-1", period_label="Quý I", value=Decimal(96)
    )
    _check(organization, (2, 1))
    ObjectiveSet.objects.filter(pk=objectives["set"].pk).update(organization=other)  # a merge
    _check(organization, (0, 0))
    _check(other, (2, 1))
    objectives["set"].delete()  # its results and objectives first, then the set
    _check(other, (0, 0))
    assert not ObjectiveSet.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_results_recorded_at_once_are_both_counted(objectives, organization):
    """The second writer waits for the first to commit, then counts what it wrote: neither
    figure counted without the other's result."""
    rate, report = objectives["rate"], objectives["report"]
    first_written, errors = threading.Event(), []

    def first():
        try:
            with transaction.atomic():
                ObjectiveResult.objects.create(
                    objective=rate, period_key="q-1", period_label="Quý I", value=Decimal(96)
                )
                first_written.set()
                second.join(timeout=0.5)  # the second writer is held on this agency's row
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def second_writer():
        try:
            first_written.wait()
            with transaction.atomic():
                ObjectiveResult.objects.create(
                    objective=report, period_key="y", period_label="Năm 2023", done=True
                )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    second = threading.Thread(target=second_writer)
    threads = [threading.Thread(target=first), second]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _check(organization, (2, 2))
