"""The province's templates: a model plan, a question bank for internal audits and a model
document list that the province coordinator publishes and the agencies of the province copy
(issue 28). The coordinator's pages are under ``toan-tinh/mau/``, the agency's under
``mau-cua-tinh/``; who may is reports.rules (``manage_provincetemplate``,
``use_provincetemplate``)."""
