from .audit import Audit, AuditProgramme, AuditSession, Finding, QuestionTemplate
from .nonconformity import CorrectiveAction, Nonconformity

__all__ = [
    "Audit",
    "AuditProgramme",
    "AuditSession",
    "CorrectiveAction",
    "Finding",
    "Nonconformity",
    "QuestionTemplate",
]
