"""Satisfaction surveys (ISO 9001:2015 clause 9.1.2): the survey's plan, its questionnaire copied
from the agency's template, responses through a public page (a link, a QR code, printed slips
with a token each) or typed in from paper forms, the tally and the results report. Closing a
survey writes its results where the management review and the annual report read them
(``audits.review.models.SatisfactionSurvey``) and completes the plan's survey task."""
