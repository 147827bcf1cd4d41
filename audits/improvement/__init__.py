"""Improvement proposals (đề xuất cải tiến, ISO 9001:2015 clause 10.3): anyone of the agency
proposes, the ISO secretary decides (accepted, merged into another, declined with a reason),
and an accepted proposal becomes improvement actions on its units' work (kinds.py); it is
implemented when they are all done.

Same pattern as ``audits.nonconformity``: ``choices``, ``models``, ``services``, ``selectors``
are public; ``forms``, ``views`` and ``urls`` are the package's own.
"""
