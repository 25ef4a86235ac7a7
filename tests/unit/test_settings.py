from pathlib import Path

import pytest

from app.settings import SETTINGS, SettingsError, load_settings


def test_missing_file_is_written_with_every_setting_described(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "till.ini"
    settings = load_settings(path)
    text = path.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"# {setting.description}" in text
        assert f"{setting.key} = " in text
        assert settings.get(setting.section, setting.key) == setting.default


def test_values_are_typed_and_missing_ones_default(tmp_path: Path) -> None:
    path = tmp_path / "till.ini"
    path.write_text("[service]\ntimeout_seconds = 2.5\nverify_tls = no\n[store]\nregion = RU\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.get("service", "timeout_seconds") == 2.5
    assert settings.get("service", "verify_tls") is False
    assert settings.get("store", "region") == "RU"
    assert settings.get("store", "store_id") == "001"


def test_a_wrong_type_names_the_file_and_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "till.ini"
    path.write_text("[service]\ntimeout_seconds = soon\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"\[service\] timeout_seconds must be a number"):
        load_settings(path)


def test_command_line_overrides_replace_single_values(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "till.ini").replace(service_endpoint="http://127.0.0.1:1/", cache_database="x.db")
    assert settings.get("service", "endpoint") == "http://127.0.0.1:1/"
    assert settings.get("cache", "database") == "x.db"
    with pytest.raises(KeyError):
        settings.replace(service_nothing=1)


def test_saved_settings_read_back_and_keep_the_descriptions(tmp_path: Path) -> None:
    from app.settings import save_settings

    path = tmp_path / "till.ini"
    settings = load_settings(path).replace(devices_printer="tcp://127.0.0.1:9100?width=58", service_verify_tls=False)
    save_settings(settings)
    again = load_settings(path)
    assert again.get("devices", "printer") == "tcp://127.0.0.1:9100?width=58"
    assert again.get("service", "verify_tls") is False
    assert "# Receipt printer URI" in path.read_text(encoding="utf-8")
    assert not (tmp_path / "till.ini.new").exists()


def test_the_offline_policy_is_read_as_a_choice_and_an_exact_amount(tmp_path: Path) -> None:
    from decimal import Decimal

    path = tmp_path / "till.ini"
    path.write_text("[offline]\nredemption = capped\nredeem_limit_per_day = 12.50\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.get("offline", "redemption") == "capped"
    assert settings.get("offline", "redeem_limit_per_day") == Decimal("12.50")
    assert load_settings(tmp_path / "new.ini").get("offline", "redemption") == "refuse", "refused by default"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("redemption = sometimes", r"\[offline\] redemption must be one of refuse, capped, not 'sometimes'"),
        ("redeem_limit_per_day = lots", r"\[offline\] redeem_limit_per_day must be a number"),
        ("redeem_limit_per_day = NaN", r"\[offline\] redeem_limit_per_day must be a number"),
    ],
)
def test_a_wrong_offline_policy_names_the_setting(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "till.ini"
    path.write_text(f"[offline]\n{text}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        load_settings(path)


def test_the_secrets_folder_is_the_default_unless_the_admin_names_one(tmp_path: Path) -> None:
    from app.settings import secrets_folder

    assert secrets_folder(load_settings(tmp_path / "new.ini")) is None, "empty: the platform's config folder"
    path = tmp_path / "till.ini"
    path.write_text("[secrets]\nfolder = /etc/till-loyalty/secrets\n", encoding="utf-8")
    assert secrets_folder(load_settings(path)) == Path("/etc/till-loyalty/secrets")
    path.write_text("[secrets]\nfolder = ~/till-secrets\n", encoding="utf-8")
    assert secrets_folder(load_settings(path)) == Path.home() / "till-secrets"


def test_the_platform_folders_are_looked_up_only_for_a_setting_the_file_leaves_out(tmp_path: Path) -> None:
    import subprocess
    import sys

    complete = tmp_path / "complete.ini"
    load_settings(complete)  # written with every setting, the database's place among them
    partial = tmp_path / "partial.ini"
    partial.write_text("[store]\nregion = RU\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.settings import load_settings\n"
        "print('on import:', 'platformdirs' in sys.modules)\n"
        f"settings = load_settings(Path({str(complete)!r}))\n"
        "print('complete file:', 'platformdirs' in sys.modules)\n"
        f"settings = load_settings(Path({str(partial)!r}))\n"
        "print('file without the database:', 'platformdirs' in sys.modules, settings.get('cache', 'database'))\n"
    )
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "on import: False",
        "complete file: False",
        f"file without the database: True {tmp_path / 'data' / 'till-loyalty' / 'till.sqlite'}",
    ]
