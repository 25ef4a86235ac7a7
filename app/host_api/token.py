"""The host API's bearer token: 32 random bytes made on first use, kept like the till's other
secrets (the OS keyring, else a private file: app/secrets_store.py), written as 64 hex digits."""
from __future__ import annotations

from pathlib import Path

from app.secrets_store import till_secret
from app.settings import Settings, secrets_folder

SECRET_NAME = "host-api-token"


def host_api_token(settings: Settings) -> str:
    """The token a POS must send (`Authorization: Bearer <token>`) to this till's host API."""
    database = Path(settings.get("cache", "database"))
    return till_secret(SECRET_NAME, database.parent, folder=secrets_folder(settings)).hex()
