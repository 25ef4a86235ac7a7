"""An installed back office carries the sandbox's migrations: setup.cfg ships every script."""
from __future__ import annotations

import configparser
from pathlib import Path

from loyalty_client.sandbox.migrate import BEFORE_MIGRATIONS, MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]


def test_package_data_ships_every_migration_script() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    patterns = [p.strip() for p in config["options.package_data"]["loyalty_client.sandbox"].split(",")]
    package = MIGRATIONS.parent
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    scripts = {path for path in MIGRATIONS.rglob("*.py") if "__pycache__" not in path.parts}
    assert scripts and scripts <= shipped
    assert MIGRATIONS / "versions" / f"{BEFORE_MIGRATIONS}_create_sandbox.py" in shipped
