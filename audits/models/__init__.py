from .audit import Audit, AuditProgramme, AuditSession, Finding, QuestionTemplate
from .nonconformity import CorrectiveAction, Nonconformity
from .review import ManagementReview, ReviewInput, ReviewOutput, SatisfactionSurvey

__all__ = [
    "Audit",
    "AuditProgramme",
    "AuditSession",
    "CorrectiveAction",
    "Finding",
    "ManagementReview",
    "Nonconformity",
    "QuestionTemplate",
    "ReviewInput",
    "ReviewOutput",
    "SatisfactionSurvey",
]
