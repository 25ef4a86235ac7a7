"""The loyalty service's API key: `TILL_LOYALTY_API_KEY` if set, else the till's secret store.

The key is kept like the till's other secrets (the OS keyring, else a private file in the secrets
folder: app/secrets_store.py), never in the settings file, and never logged. Reading it may ask
the keyring: call these off the GUI thread.
"""
from __future__ import annotations

import os
from pathlib import Path

from app.secrets_store import forget_secret, store_secret, stored_secret
from app.service.key_rules import KEY_PROBLEM_MESSAGES, key_problem
from app.settings import Settings, secrets_folder
from loyalty_client.endpoints import API_KEY_ENV

SECRET_NAME = "service-api-key"


def _data_folder(settings: Settings) -> Path:
    return Path(settings.get("cache", "database")).parent


def environment_api_key() -> str | None:
    """The key given in the environment (`TILL_LOYALTY_API_KEY`), or None."""
    return os.environ.get(API_KEY_ENV, "").strip() or None


def stored_api_key(settings: Settings) -> str | None:
    """The key kept in the till's secret store, or None when none was stored."""
    value = stored_secret(SECRET_NAME, _data_folder(settings), folder=secrets_folder(settings))
    return None if value is None else value.decode("utf-8")


def read_api_key(settings: Settings) -> str | None:
    """The key the till uses: the environment's, else the stored one; None when there is neither."""
    return environment_api_key() or stored_api_key(settings)


def store_api_key(settings: Settings, key: str) -> None:
    """Keep `key` in the secret store, replacing the one kept before (ValueError for an unusable key)."""
    problem = key_problem(key)
    if problem is not None:
        raise ValueError(KEY_PROBLEM_MESSAGES[problem])
    key = key.strip()
    store_secret(SECRET_NAME, key.encode("utf-8"), _data_folder(settings), folder=secrets_folder(settings))


def clear_api_key(settings: Settings) -> None:
    """Remove the stored key."""
    forget_secret(SECRET_NAME, _data_folder(settings), folder=secrets_folder(settings))
