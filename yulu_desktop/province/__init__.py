"""The province (or city) view over many county servers (issue 17).

Each county server projects what the province needs into small ``prov_*`` tables and publishes them
(``server.province_feed``); the province database subscribes to every county with PostgreSQL's own logical
replication, into tables partitioned by county code, one partition per county. Nothing here copies rows between
machines: this package creates and drops the partitions and subscriptions (:mod:`.counties`), reports how far
behind each county is (:mod:`.status`), and reads the partitioned tables for the cross-county checks
(:mod:`.checks`) and the province figures (:mod:`.stats`). ``yulu-province`` (:mod:`.cli`) is the command line,
:mod:`.web` the read-only web page.

The province database is PostgreSQL only: declarative partitioning and subscriptions have no SQLite equivalent,
and a province that holds 20 million people would not live in a file anyway.
"""
