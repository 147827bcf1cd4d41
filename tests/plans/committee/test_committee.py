"""The steering committee: compositions issued by decision, a new one superseding the one in
force, the committee-changed event dating what waits for it, the plan's re-forming task closed,
and "Ban Chỉ đạo ISO" in a plan meaning the members in force."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from plans.choices import EventKind, Role, TaskParty, WorkItemStatus
from plans.committee.choices import CommitteePosition, CompositionStatus
from plans.committee.models import CommitteeMember
from plans.committee.services import (
    CommitteeError,
    composition_change,
    composition_issue,
    composition_start,
    member_remove,
    member_save,
)
from plans.models import Event, WorkItem
from plans.planning.services.plan import plan_approve, plan_submit
from plans.planning.services.task import UnitRef
from plans.work.calendar_feed import items_of_person
from plans.work.reminders import responsible_people
from plans.work.responsibility import answers_for, may_close
from tests.factories import PlanFactory, add_task

pytestmark = pytest.mark.django_db
D = datetime.date


def issued(organization, user, number, on, members):
    """A composition through the services: ``members`` are (user or name, position)."""
    draft = composition_start(organization=organization, user=user)
    for member in list(draft.members.all()):
        member_remove(member=member)
    for who, position in members:
        person = None if isinstance(who, str) else who
        member_save(
            member=CommitteeMember(
                composition=draft,
                user=person,
                name=who if isinstance(who, str) else "",
                title="Phó Giám đốc Sở" if position == CommitteePosition.CHAIR else "",
                position=position,
            )
        )
    draft.decision_number, draft.decided_on = number, on
    composition_change(composition=draft)
    return composition_issue(composition=draft, user=user)


def next_request(user):
    """The person as the next request loads them: their roles and committee seats read anew
    (both are read once per user object)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def head(make_member, department):
    return make_member(Role.DEPARTMENT_HEAD, department=department)


@pytest.fixture
def plan_with_committee_tasks(organization, secretary, director):
    """An approved 2023 plan: re-form the committee when its members change, assign the
    members' duties 10 working days after, and a yearly task the committee itself leads."""
    plan = PlanFactory(organization=organization, year=2023)
    add_task(plan, content="Kiện toàn Ban Chỉ đạo ISO", timing="Khi có thay đổi thành viên BCĐ")
    add_task(
        plan,
        content="Phân công nhiệm vụ các thành viên",
        timing="Trong vòng 10 ngày làm việc sau khi kiện toàn BCĐ",
    )
    add_task(
        plan,
        content="Chỉ đạo khắc phục điểm không phù hợp",
        timing="Tháng 12/2023",
        leads=[UnitRef(party=TaskParty.STEERING_COMMITTEE)],
    )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    return plan


def test_a_new_composition_supersedes_the_one_in_force(organization, secretary, director, head):
    first = issued(
        organization,
        secretary,
        "12/QĐ-SLĐTBXH",
        D(2022, 3, 1),
        [(director, CommitteePosition.CHAIR), (head, CommitteePosition.MEMBER)],
    )
    assert first.status == CompositionStatus.IN_FORCE
    # Re-forming starts from the members in force.
    draft = composition_start(organization=organization, user=secretary)
    assert sorted(draft.members.values_list("user", flat=True)) == sorted([director.pk, head.pk])
    second = issued(
        organization,
        secretary,
        "45/QĐ-SLĐTBXH",
        D(2023, 6, 5),
        [(director, CommitteePosition.CHAIR), ("Trần Văn B", CommitteePosition.VICE_CHAIR)],
    )
    first.refresh_from_db()
    assert (first.status, first.superseded_by) == (CompositionStatus.SUPERSEDED, second)
    assert second.status == CompositionStatus.IN_FORCE
    events = Event.objects.filter(organization=organization)
    assert list(events.values_list("kind", "occurred_on")) == [
        (EventKind.COMMITTEE_CHANGED, D(2023, 6, 5)),
        (EventKind.COMMITTEE_CHANGED, D(2022, 3, 1)),
    ]
    # An issued composition is the decision as signed: it is not changed any more.
    with pytest.raises(CommitteeError):
        member_save(member=CommitteeMember(composition=second, name="X"))
    with pytest.raises(CommitteeError):
        member_remove(member=second.members.first())


def test_issuing_needs_the_number_the_date_and_a_chair(organization, secretary, head):
    draft = composition_start(organization=organization, user=secretary)
    member_save(member=CommitteeMember(composition=draft, user=head))
    with pytest.raises(CommitteeError, match="Nhập số và ngày"):
        composition_issue(composition=draft, user=secretary)
    draft.decision_number, draft.decided_on = "1/QĐ-X", D(2023, 1, 5)
    composition_change(composition=draft)
    with pytest.raises(CommitteeError, match="Trưởng ban"):
        composition_issue(composition=draft, user=secretary)
    draft.refresh_from_db()
    assert draft.status == CompositionStatus.DRAFT
    assert not Event.objects.exists()


def test_a_decision_dated_before_the_one_in_force_is_refused(organization, secretary, director):
    issued(organization, secretary, "45/QĐ-X", D(2023, 6, 5), [(director, "chair")])
    with pytest.raises(CommitteeError, match="05/06/2023"):
        issued(organization, secretary, "46/QĐ-X", D(2023, 6, 1), [(director, "chair")])


def test_a_member_is_a_person_of_the_agency_or_a_typed_name(organization, secretary, head):
    draft = composition_start(organization=organization, user=secretary)
    head.job_title = "Trưởng phòng Lao động"
    head.save()
    member = member_save(member=CommitteeMember(composition=draft, user=head))
    assert (member.name, member.title, member.order) == (
        head.get_full_name(),
        "Trưởng phòng Lao động",
        1,
    )
    outside = member_save(
        member=CommitteeMember(composition=draft, name="Lê Văn C", title="Phó Chủ tịch UBND xã")
    )
    assert (outside.user, outside.order) == (None, 2)
    with pytest.raises(CommitteeError):
        member_save(member=CommitteeMember(composition=draft, name="  "))


def test_issuing_dates_what_waits_for_the_change_and_closes_the_re_forming_task(
    organization, secretary, director, plan_with_committee_tasks
):
    items = WorkItem.objects.filter(task__plan=plan_with_committee_tasks)
    renew = items.get(task__content="Kiện toàn Ban Chỉ đạo ISO")
    duties = items.get(task__content="Phân công nhiệm vụ các thành viên")
    assert (renew.due_date, duties.due_date) == (None, None)
    with time_machine.travel(datetime.datetime(2023, 6, 20, 2, tzinfo=datetime.UTC)):
        composition = issued(
            organization, secretary, "45/QĐ-SLĐTBXH", D(2023, 6, 5), [(director, "chair")]
        )
    renew.refresh_from_db()
    duties.refresh_from_db()
    # 10 working days after Monday 05/06/2023: Monday 19/06/2023.
    assert duties.due_date == D(2023, 6, 19)
    assert duties.status != WorkItemStatus.DONE
    assert (renew.status, renew.done_on, renew.closed_by_record) == (
        WorkItemStatus.DONE,
        D(2023, 6, 5),
        composition,
    )


def test_the_committee_in_plans_and_reminders_is_its_members_in_force(
    organization, secretary, director, head, make_member, department, plan_with_committee_tasks
):
    item = WorkItem.objects.get(
        task__plan=plan_with_committee_tasks, party=TaskParty.STEERING_COMMITTEE
    )
    staff = make_member(Role.STAFF, department=department)
    assert not answers_for(head, item)
    issued(
        organization,
        secretary,
        "45/QĐ-SLĐTBXH",
        D(2023, 6, 5),
        [(director, "chair"), (head, "member"), ("Khách mời", "member")],
    )
    head = next_request(head)
    assert answers_for(head, item)
    assert may_close(head, item)
    assert not answers_for(staff, item)
    key = (organization.pk, None, TaskParty.STEERING_COMMITTEE)
    reminded = responsible_people([organization.pk])[key]
    assert {head.pk, director.pk} <= set(reminded)
    assert staff.pk not in reminded
    assert len(reminded) == len(set(reminded))  # one digest line each, however named
    assert item in items_of_person(head)
    # Re-formed without the head: no longer theirs.
    issued(organization, secretary, "60/QĐ-SLĐTBXH", D(2023, 9, 1), [(director, "chair")])
    head = next_request(head)
    assert not answers_for(head, item)
    assert head.pk not in responsible_people([organization.pk])[key]
    assert item not in items_of_person(head)


def committee_items(organization, secretary, director, count):
    """An approved 2023 plan of ``count`` tasks the committee leads; the director chairs it."""
    plan = PlanFactory(organization=organization, year=2023)
    for number in range(count):
        add_task(
            plan,
            content=f"Chỉ đạo khắc phục điểm không phù hợp {number + 1}",
            timing="Tháng 12/2023",
            leads=[UnitRef(party=TaskParty.STEERING_COMMITTEE)],
        )
    plan_submit(plan=plan, user=secretary)
    plan_approve(plan=plan, user=director)
    issued(organization, secretary, "45/QĐ-SLĐTBXH", D(2023, 6, 5), [(director, "chair")])
    return list(WorkItem.objects.filter(task__plan=plan).order_by("pk"))


def member_lookups(captured) -> int:
    return sum("committeemember" in query["sql"] for query in captured.captured_queries)


@pytest.mark.parametrize("count", [1, 10])
def test_the_committee_is_read_once_for_a_list_of_its_items(
    organization, secretary, director, count, django_assert_max_num_queries
):
    """Who may close each row of a list of committee items: the members in force are read once,
    not once per row."""
    items = committee_items(organization, secretary, director, count)
    person = next_request(director)
    with django_assert_max_num_queries(2) as captured:  # their roles, the committee's members
        assert all(person.has_perm("plans.complete_workitem", item) for item in items)
    assert member_lookups(captured) == 1


def test_a_committee_items_page_reads_the_committee_once(
    client, organization, secretary, director, django_assert_max_num_queries
):
    """The page asks three times whether the director may close it (mark done, reopen, why
    not): one read of the committee."""
    (item,) = committee_items(organization, secretary, director, 1)
    client.force_login(director)
    with django_assert_max_num_queries(30) as captured:
        page = client.get(reverse("plans:work_item_detail", args=[item.pk]))
    assert page.status_code == 200
    assert page.context["can_complete"]
    assert member_lookups(captured) == 1
