"""Rules of the 雨露计划+ program: entities, code lists, validation. Pure Python, no I/O."""
