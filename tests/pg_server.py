"""A throwaway PostgreSQL server for tests: its own cluster in a temporary folder, on a free loopback port.

    server = PgServer.start()                 # raises PgUnavailable (with the reason) where it cannot run
    url = server.create_database("t1")        # postgresql+psycopg://postgres@127.0.0.1:PORT/t1
    ...
    server.stop()                             # the server and its folder are gone

The binaries are Debian's (`/usr/lib/postgresql/<version>/bin`, `scripts/postgres-deps.sh`
installs them). PostgreSQL refuses to run as root, so as root the cluster belongs to the
`postgres` system user (or `nobody`); it trusts connections on 127.0.0.1 and on its socket in
the temporary folder, and listens nowhere else.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_START_TIMEOUT_SECONDS = 60
_SERVER_SETTINGS = (
    # a test cluster: durability is not wanted, speed is
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=200 -c shared_buffers=32MB"
)
SUPERUSER = "postgres"


class PgUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why."""


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise PgUnavailable(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl; run scripts/postgres-deps.sh as root)"
        )
    return Path(found[-1]).parent


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run the server as (None: the current user, when it is not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PgUnavailable("running as root and no unprivileged 'postgres' or 'nobody' user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgServer:
    """A running throwaway cluster; `url()` names a database in it, `stop()` removes everything."""

    folder: Path
    port: int
    bin_dir: Path
    user: pwd.struct_passwd | None

    @classmethod
    def start(cls) -> "PgServer":
        """initdb a cluster in a new temporary folder and start it on a free port of 127.0.0.1."""
        bin_dir = _bin_dir()
        user = _server_user()
        folder = Path(tempfile.mkdtemp(prefix="till-loyalty-pg-"))
        try:
            if user is not None:
                os.chown(folder, user.pw_uid, user.pw_gid)
            server = cls(folder, 0, bin_dir, user)
            server._run(
                "initdb", "-D", str(folder / "data"), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                "--locale=C", "--no-sync",
            )
            for attempt in range(3):  # the free port may be taken before the server binds it
                server.port = _free_port()
                try:
                    server._run(
                        "pg_ctl", "start", "-w", "-t", str(_START_TIMEOUT_SECONDS), "-D", str(folder / "data"),
                        "-l", str(folder / "server.log"),
                        "-o", f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 {_SERVER_SETTINGS}",
                    )
                    return server
                except PgUnavailable:
                    if attempt == 2:
                        raise
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        raise AssertionError("unreachable")

    def _run(self, program: str, *args: str) -> str:
        kwargs: dict = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "HOME": str(self.folder)}
        try:
            done = subprocess.run(
                [str(self.bin_dir / program), *args], cwd=self.folder, env=env, capture_output=True, text=True,
                timeout=_START_TIMEOUT_SECONDS + 30, **kwargs,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise PgUnavailable(f"{program} could not run: {exc}") from exc
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PgUnavailable(f"{program} failed ({done.returncode}): {done.stderr.strip()[-2000:]} {tail}".strip())
        return done.stdout

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of `database` on this server (psycopg 3 driver, over TCP on loopback)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection still open to it."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        import psycopg  # only where PostgreSQL tests run

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        try:
            self._run("pg_ctl", "stop", "-m", "immediate", "-w", "-D", str(self.folder / "data"))
        except PgUnavailable:
            pass
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
