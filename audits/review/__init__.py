"""The management review domain (ISO 9001:2015 clause 9.3): the meeting, its inputs gathered from
the period's data, its decisions (a decision with a unit and a deadline is a work item,
kinds.py), the minutes and their approval; the satisfaction surveys it reads.

Same pattern as ``audits.internal_audit``: ``choices``, ``models``, ``services`` are public;
``forms``, ``views`` and ``urls`` are the package's own.
"""
