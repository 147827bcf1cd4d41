# The models of the domain packages (plans/<domain>/models.py) are imported here: this is how
# Django registers them with the ``plans`` app.
from plans.documents.models import Document, DocumentEdition, DocumentFile, ExternalDocument
from plans.objectives.models import Objective, ObjectiveAction, ObjectiveResult, ObjectiveSet
from plans.organizations.models import Department, Membership, Organization, User
from plans.planning.models import (
    Plan,
    PlanDuty,
    PlanTask,
    PlanTransition,
    TaskAssignment,
    TaskImport,
)
from plans.risks.models import ContextEntry, Risk, RiskAction, risk_level
from plans.work.models import (
    CalendarException,
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Event,
    Notification,
    WorkItem,
    WorkItemEvidence,
    WorkTally,
)

__all__ = [
    "CalendarException",
    "ContextEntry",
    "Delivery",
    "DeliveryKind",
    "DeliveryStatus",
    "Department",
    "Document",
    "DocumentEdition",
    "DocumentFile",
    "Event",
    "ExternalDocument",
    "Membership",
    "Notification",
    "Objective",
    "ObjectiveAction",
    "ObjectiveResult",
    "ObjectiveSet",
    "Organization",
    "Plan",
    "PlanDuty",
    "PlanTask",
    "PlanTransition",
    "Risk",
    "RiskAction",
    "TaskAssignment",
    "TaskImport",
    "User",
    "WorkItem",
    "WorkItemEvidence",
    "WorkTally",
    "risk_level",
]
