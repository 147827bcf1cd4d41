from .organization import Department, Organization
from .people import Membership, User
from .plan import Plan, PlanDuty, PlanTask, PlanTransition, TaskAssignment
from .work_item import CalendarException, Event, WorkItem, WorkItemEvidence

__all__ = [
    "CalendarException",
    "Department",
    "Event",
    "Membership",
    "Organization",
    "Plan",
    "PlanDuty",
    "PlanTask",
    "PlanTransition",
    "TaskAssignment",
    "User",
    "WorkItem",
    "WorkItemEvidence",
]
