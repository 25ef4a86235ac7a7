"""The till's settings, declared once (type, default, description), stored in an INI file.

The file lives in the platform's config folder (platformdirs) unless `--config` names another.
A missing file is written with every setting commented by its description, so an admin can
open it and see what there is to set. Secrets never live here (they go to the OS keyring, or
to private files in the secrets folder: see app/secrets_store.py).
"""
from __future__ import annotations

import configparser
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from app.offline.redemption_modes import MODES as OFFLINE_MODES

APP_NAME = "till-loyalty"
LANGUAGES = ("ru", "be", "en")
"""The interface languages the till ships."""


class Setting:
    """One setting: where it lives in the INI file, its type, default and what it is for.

    A default that depends on the machine (a folder of the platform's) is given as `default_from`,
    a function called only when the default is asked for.
    """

    __slots__ = ("section", "key", "kind", "description", "choices", "_default", "_default_from")

    def __init__(
        self,
        section: str,
        key: str,
        kind: type,
        default: Any,
        description: str,
        choices: tuple[str, ...] = (),  # the only values allowed, when not empty
        *,
        default_from: Callable[[], Any] | None = None,
    ) -> None:
        self.section = section
        self.key = key
        self.kind = kind
        self.description = description
        self.choices = choices
        self._default = default
        self._default_from = default_from

    @property
    def default(self) -> Any:
        """The value the setting has when the file does not give one."""
        return self._default if self._default_from is None else self._default_from()


def _platform_dirs() -> ModuleType:
    # Imported when a folder of the platform's is asked for: a settings file that names the
    # till's files (and `--config`) spares every start the library's import.
    import platformdirs

    return platformdirs


def _data_file(name: str) -> Callable[[], str]:
    return lambda: str(Path(_platform_dirs().user_data_dir(APP_NAME, appauthor=False)) / name)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "service", "endpoint", str, "http://127.0.0.1:8580/",
        "The loyalty service: http(s)://host:port/ (the SOAP contract) or"
        " retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE (its API key: till-loyalty service set-key)",
    ),
    Setting(
        "service", "timeout_seconds", float, 1.0,
        "How long a call the cashier waits on may take before the till works from its cache",
    ),
    Setting("service", "verify_tls", bool, True, "Check the service's TLS certificate (leave on outside a lab)"),
    Setting("store", "store_id", str, "001", "Store number as the loyalty service knows it"),
    Setting("store", "till_id", str, "01", "Till number within the store"),
    Setting("store", "region", str, "BY", "Default phone region: BY or RU"),
    Setting("store", "currency", str, "BYN", "Currency shown before the program is loaded: BYN or RUB"),
    Setting("ui", "language", str, "ru", "Interface language: ru, be or en", LANGUAGES),
    Setting(
        "ui", "always_on_top", bool, False,
        "Keep the till's window above other windows (the POS), for a narrow panel beside it",
    ),
    Setting(
        "ui", "code_resend_seconds", int, 30,
        "Seconds before the cashier may send a customer a new one-time code (an SMS takes a while to arrive)",
    ),
    Setting(
        "cache", "database", str, None, "The till's local database (journal, outbox, customer cache)",
        default_from=_data_file("till.sqlite"),
    ),
    Setting(
        "secrets", "folder", str, "",
        "Where the till keeps its secrets when the system has no keyring: a folder only the till's user can"
        " read, never the database's folder (empty: the platform's config folder)",
    ),
    Setting("sync", "interval_seconds", float, 2.0, "How often the till retries sending queued transactions"),
    Setting(
        "offline", "redemption", str, "refuse",
        "Spending points while the loyalty service is unreachable: refuse, or capped (each time approved"
        " with the admin PIN, within the daily limit, against the cached balance less what this till spent)",
        OFFLINE_MODES,
    ),
    Setting(
        "offline", "redeem_limit_per_day", Decimal, Decimal("20.00"),
        "With capped: the most points one customer may spend offline at this till in a day",
    ),
    Setting(
        "host_api", "enabled", bool, True,
        "Serve the host API: the POS hands the till its receipts over HTTP on this computer (see docs/host-api.md)",
    ),
    Setting("host_api", "port", int, 8766, "Port of the host API"),
    Setting(
        "host_api", "host", str, "127.0.0.1",
        "Address the host API listens on: 127.0.0.1 or ::1 only (it refuses any other)", ("127.0.0.1", "::1"),
    ),
    Setting(
        "devices", "scanner", str, "wedge://?suffix=Enter",
        "Scanner URI: wedge://?prefix=..&suffix=Enter (keyboard), serial:///dev/ttyACM0?baudrate=9600; empty: none",
    ),
    Setting(
        "devices", "printer", str, "",
        "Receipt printer URI: tcp://10.0.0.5:9100?width=80&codepage=auto, serial://, usb://, file://, cups://; empty: none",
    ),
    Setting(
        "devices", "slip_wait_seconds", float, 4.0,
        "Seconds a sale's or return's slip waits for the loyalty service's figures before it prints the"
        " till's own, marked not yet confirmed",
    ),
)

_PARSERS: dict[type, Callable[[configparser.SectionProxy, str], Any]] = {
    str: lambda section, key: section.get(key),
    float: lambda section, key: section.getfloat(key),
    int: lambda section, key: section.getint(key),
    bool: lambda section, key: section.getboolean(key),
    Decimal: lambda section, key: _decimal(section.get(key)),
}

_KIND_NAMES = {str: "text", float: "a number", int: "a whole number", bool: "true or false", Decimal: "a number"}


def _decimal(text: str | None) -> Decimal:
    try:
        value = Decimal((text or "").strip())
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not a number: {text!r}")
    return value


class SettingsError(ValueError):
    """The settings file cannot be read, is not an INI file, or a setting has a value of the wrong type."""


def default_config_path() -> Path:
    """Where the settings file lives when `--config` is not given."""
    return Path(_platform_dirs().user_config_dir(APP_NAME, appauthor=False)) / "till-loyalty.ini"


class Settings:
    """Typed values of every declared setting, read from an INI file with defaults filled in."""

    def __init__(self, values: dict[tuple[str, str], Any], path: Path | None = None) -> None:
        self._values = values
        self.path = path

    @classmethod
    def defaults(cls) -> "Settings":
        """Settings with every default, tied to no file."""
        return cls({(s.section, s.key): s.default for s in SETTINGS})

    def get(self, section: str, key: str) -> Any:
        """The typed value of a declared setting."""
        return self._values[(section, key)]

    def replace(self, **changes: Any) -> "Settings":
        """A copy with `section_key=value` changes, e.g. `service_endpoint="http://..."`,
        `host_api_port=0` (a section's name may hold underscores too)."""
        values = dict(self._values)
        for name, value in changes.items():
            found = [
                (name[:cut], name[cut + 1 :]) for cut, char in enumerate(name) if char == "_"
            ]
            known = [place for place in found if place in values]
            if not known:
                raise KeyError(name)
            values[known[0]] = value
        return Settings(values, self.path)

    def at(self, path: Path) -> "Settings":
        """The same values, tied to another file (saving writes there)."""
        return Settings(dict(self._values), path)


def secrets_folder(settings: Settings) -> Path | None:
    """The folder named by `[secrets] folder`, or None for the default (see app/secrets_store.py)."""
    text = settings.get("secrets", "folder").strip()
    return Path(text).expanduser() if text else None


def load_settings(path: Path | None = None, *, create: bool = True) -> Settings:
    """Read the settings file (written with defaults and descriptions first if it is missing)."""
    path = path or default_config_path()
    if path.is_dir():
        raise SettingsError(f"{path} is a folder, not a settings file: name a file (or a new one) instead")
    if create and not path.exists():
        folder = next((parent for parent in path.parents if parent.exists()), None)
        if folder is not None and not folder.is_dir():
            raise SettingsError(f"{folder} is a file, so the settings file {path} cannot be made: name another")
        try:
            write_template(path)
        except OSError as exc:
            raise SettingsError(f"cannot write the settings file {path}: {exc.strerror or exc}") from exc
    parser = _read_ini(path)
    values: dict[tuple[str, str], Any] = {}
    for setting in SETTINGS:
        if parser.has_option(setting.section, setting.key):
            try:
                values[(setting.section, setting.key)] = _PARSERS[setting.kind](parser[setting.section], setting.key)
            except ValueError as exc:
                raise SettingsError(
                    f"{path}: [{setting.section}] {setting.key} must be {_KIND_NAMES[setting.kind]}: {exc}"
                ) from exc
        else:
            values[(setting.section, setting.key)] = setting.default
        value = values[(setting.section, setting.key)]
        if setting.choices and value not in setting.choices:
            raise SettingsError(
                f"{path}: [{setting.section}] {setting.key} must be one of {', '.join(setting.choices)}, not {value!r}"
            )
    return Settings(values, path)


def _read_ini(path: Path) -> configparser.ConfigParser:
    """The file parsed as INI (nothing when it is missing); unreadable or malformed is a SettingsError.

    `ConfigParser.read` would skip a file it cannot open without a word: the till would then run
    on defaults the admin never chose.
    """
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as file:
            parser.read_file(file)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise SettingsError(f"cannot read the settings file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: not a settings file (not UTF-8 text at byte {exc.start})") from exc
    except configparser.MissingSectionHeaderError as exc:
        raise SettingsError(f"{path}: not a settings file: line {exc.lineno} comes before any [section]") from exc
    except configparser.ParsingError as exc:
        lines = ", ".join(str(number) for number, _ in exc.errors)
        raise SettingsError(f"{path}: not a settings file: cannot read line {lines} (want key = value)") from exc
    except configparser.Error as exc:
        raise SettingsError(f"{path}: not a valid settings file: {' '.join(exc.message.split())}") from exc
    return parser


def write_template(path: Path) -> None:
    """Write a settings file with every setting at its default, each with its description."""
    save_settings(Settings.defaults(), path)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write every setting with its description to the file (atomically: a crash leaves the old one)."""
    path = path or settings.path
    if path is None:
        raise ValueError("these settings are tied to no file")
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# till-loyalty settings. Delete a line to go back to its default.", ""]
    section = None
    for setting in SETTINGS:
        if setting.section != section:
            if section is not None:
                lines.append("")
            lines.append(f"[{setting.section}]")
            section = setting.section
        value = settings.get(setting.section, setting.key)
        text = str(value).lower() if setting.kind is bool else value
        lines.append(f"# {setting.description}")
        lines.append(f"{setting.key} = {text}")
    temporary = path.with_name(path.name + ".new")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, path)


DEMO_SETTINGS_NAME = "till-loyalty-demo.ini"


def demo_settings(settings: Settings, folder: Path) -> Settings:
    """The demo till's settings, tied to a file of its own in `folder` (the demo's work folder).

    The demo starts from the settings it was given, but what it saves (devices, offline selling)
    must never land in the real till's settings file. Started with `--config FILE`, it keeps
    saving to that file, as asked.
    """
    path = settings.path
    if path is not None and path.expanduser().resolve() != default_config_path().expanduser().resolve():
        return settings
    return settings.at(folder / DEMO_SETTINGS_NAME)
