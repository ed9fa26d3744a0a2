"""The 雨露计划就业 window (issue 16): schools, enterprises, agreements, positions, job fairs, campaigns,
unemployed graduates, follow-ups and the statistics of graduate employment.

``window.EmploymentWindow`` hosts the pages in tabs chosen by the laptop's role (``services.acting``); each page is
a ``page.EmploymentPage``: ``Page(worker, actor, acting, *, today=None, parent=None)`` with ``refresh()``,
``set_graduation_year(year)`` and the signals ``openPerson(str)`` and ``changed()``. Open it with
``window.open_employment_window`` (one window per database worker).
"""
