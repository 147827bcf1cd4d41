"""The inspection dossier (hồ sơ phục vụ kiểm tra, Circular 26/2014/TT-BKHCN): a year's records
indexed by what the inspection reviews and by clause of ISO 9001, printed with their evidence
into one ZIP and one PDF. Sections: ``sections.py`` (registry in ``registry.py``); writing:
``build.py``; asking and building in the background: ``services.py`` and ``reports/tasks.py``;
pages: ``views.py``. ``services.build_now(organization, year)`` writes one at once."""
