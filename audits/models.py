# The models of the domain packages (audits/<domain>/models.py) are imported here: this is how
# Django registers them with the ``audits`` app (``from audits.models import Audit`` works too).
from audits.improvement.models import (
    ImprovementAction,
    ImprovementAttachment,
    ImprovementProposal,
)
from audits.internal_audit.models import (
    Audit,
    AuditProgramme,
    AuditSession,
    Finding,
    QuestionTemplate,
)
from audits.nonconformity.models import CorrectiveAction, Nonconformity, Verification
from audits.review.models import ManagementReview, ReviewInput, ReviewOutput, SatisfactionSurvey
from audits.survey.models import (
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyToken,
    TemplateQuestion,
)

__all__ = [
    "Audit",
    "AuditProgramme",
    "AuditSession",
    "CorrectiveAction",
    "Finding",
    "ImprovementAction",
    "ImprovementAttachment",
    "ImprovementProposal",
    "ManagementReview",
    "Nonconformity",
    "QuestionTemplate",
    "ReviewInput",
    "ReviewOutput",
    "SatisfactionSurvey",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyToken",
    "TemplateQuestion",
    "Verification",
]
