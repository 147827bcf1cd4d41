"""The documents domain: documented information (ISO 9001 clause 7.5), the register of the
agency's own documents with their editions and files, and the external texts they follow.

It follows the pattern of ``plans.risks`` (README, "Development"): ``choices``, ``models``,
``services``, ``selectors``, ``forms``, ``views`` and ``urls`` (private to the package), ``demo``.
"""
