"""The 雨露计划补助 window (issue 15): the subsidy cycle's screens for the village, the township and the county.

``window.SubsidyWindow`` hosts the pages in tabs chosen by the laptop's role (``services.acting``); each page is a
``page.SubsidyPage``: ``Page(worker, actor, parent)`` with ``set_term(term)`` and an ``openPerson(str)`` signal. Open it with
``window.open_subsidy_window`` (one window per database worker).
"""
