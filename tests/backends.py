"""Run a sandbox test on every database the sandbox supports.

    pytestmark = [pytest.mark.integration, ON_EVERY_DATABASE]

parametrizes the `sandbox_backend` fixture (tests/conftest.py), so `sandbox` and `sandbox_db_url`
give each test a fresh database of each kind: a SQLite file and a database on the throwaway
PostgreSQL server (skipped, with the reason, where PostgreSQL cannot run). The PostgreSQL cases
carry the `postgres` mark: `-m postgres` runs only them, `-m "not postgres"` none of them.
"""
from __future__ import annotations

import pytest

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))

ON_EVERY_DATABASE = pytest.mark.parametrize("sandbox_backend", BACKENDS, indirect=True)
