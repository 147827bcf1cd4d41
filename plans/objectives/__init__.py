"""The objectives domain: quality objectives (MTCL) per organization or unit and year, the actions
to reach them, their approval, the measurement work items and the results per period, the
achievement report (ISO 9001 clause 6.2). It follows the pattern of ``plans.risks``."""
