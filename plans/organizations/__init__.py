"""The organizations domain: agencies, their units (departments), the people who log in, the
roles they hold (memberships) and who may see what (``access``: organization scoping and roles).

It follows the pattern of ``plans.risks`` (README, "Development"): ``models``, ``access``,
``services`` (passwords: reset links and their throttle), ``forms``, ``views`` and ``urls``
(private to the package; ``account_urls`` holds the password pages, mounted at the top level),
``demo`` (the demo agencies and logins). Its vocabulary (``Role``, ``DepartmentKind``) is still in
``plans.choices``, shared with the other domains; the role predicates are in ``plans.rules``.
"""
