"""The till's local SQLite store: customer display cache, transaction journal and outbox (docs/architecture.md §5).

Plain SQLAlchemy, no Qt. `cache.database.open_database(path)` opens (creating or upgrading) the file.
"""
