# The models of the domain packages (plans/<domain>/models.py) are imported here: this is how
# Django registers them with the ``plans`` app.
from plans.committee.models import CommitteeComposition, CommitteeMember
from plans.documents.models import Document, DocumentEdition, DocumentFile, ExternalDocument
from plans.objectives.models import (
    Objective,
    ObjectiveAction,
    ObjectiveResult,
    ObjectiveSet,
    ObjectiveTally,
)
from plans.organizations.models import (
    AgencyMerge,
    Department,
    DepartmentName,
    Membership,
    Organization,
    OrganizationName,
    User,
)
from plans.planning.models import (
    Plan,
    PlanDuty,
    PlanTask,
    PlanTransition,
    TaskAssignment,
    TaskImport,
)
from plans.risks.models import ContextEntry, Risk, RiskAction, risk_level
from plans.training.models import (
    AuditorCertificate,
    Onboarding,
    Training,
    TrainingFile,
)
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
    "AgencyMerge",
    "AuditorCertificate",
    "CalendarException",
    "CommitteeComposition",
    "CommitteeMember",
    "ContextEntry",
    "Delivery",
    "DeliveryKind",
    "DeliveryStatus",
    "Department",
    "DepartmentName",
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
    "ObjectiveTally",
    "Onboarding",
    "Organization",
    "OrganizationName",
    "Plan",
    "PlanDuty",
    "PlanTask",
    "PlanTransition",
    "Risk",
    "RiskAction",
    "TaskAssignment",
    "TaskImport",
    "Training",
    "TrainingFile",
    "User",
    "WorkItem",
    "WorkItemEvidence",
    "WorkTally",
    "risk_level",
]
