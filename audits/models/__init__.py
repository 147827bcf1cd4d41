from .audit import Audit, AuditSession, Finding, QuestionTemplate
from .nonconformity import CorrectiveAction, Nonconformity

__all__ = [
    "Audit",
    "AuditSession",
    "CorrectiveAction",
    "Finding",
    "Nonconformity",
    "QuestionTemplate",
]
