from .organization import Department, Organization
from .people import Membership, User
from .plan import Plan, PlanDuty, PlanTask, PlanTransition, TaskAssignment

__all__ = [
    "Department",
    "Membership",
    "Organization",
    "Plan",
    "PlanDuty",
    "PlanTask",
    "PlanTransition",
    "TaskAssignment",
    "User",
]
