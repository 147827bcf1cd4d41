"""The nonconformity domain (ISO 9001:2015 clause 10.2): the register of nonconformities, their
cause, corrective actions (each a work item of its unit, kinds.py) and verification.

Same pattern as ``audits.internal_audit``: ``choices``, ``models``, ``services`` are public;
``forms``, ``views`` and ``urls`` are the package's own.
"""
