"""Training and onboarding (ISO 9001 7.2 competence, 7.3 awareness): the guidance a person gets
on the quality system when given a new role or unit (a kind of work item for the unit's head),
the trainings held and who attended, and the internal auditors' certificates (flagged when an
auditor without a valid one is put on an audit; their renewal is a kind of work item)."""
