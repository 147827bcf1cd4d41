"""The risks domain: the context of the organization (issues, interested parties) and the
register of risks and opportunities with their treatment actions (ISO 9001 clauses 4.1, 4.2, 6.1).

The pattern every domain package of ``plans`` follows (README, "Layout"):
``choices`` and ``models`` (registered with the ``plans`` app through ``plans.models``),
``services`` (the steps that change records), ``selectors`` (the reads pages and reports share),
``forms``, ``views`` and ``urls`` (private to the package: only its ``urls`` reaches its views),
``demo`` (the demo data). Other apps and packages use ``models``, ``services``, ``selectors``.
"""
