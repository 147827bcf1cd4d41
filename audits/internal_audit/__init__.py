"""The internal audit domain (ISO 9001:2015 clause 9.2): the year's programme, each audit's plan
and sessions, checklists and findings, finishing the audit and the director's approval of its
report.

The pattern every domain package of ``audits`` follows (README, "Layout"), like the domain
packages of ``plans``: ``choices`` and ``models`` (registered with the ``audits`` app through
``audits.models``), ``services`` (the steps that change records), ``forms``, ``views`` and
``urls`` (private to the package: only its ``urls`` reaches its views). Other packages and apps
use ``choices``, ``models`` and ``services``.
"""
