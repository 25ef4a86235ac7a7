"""scripts/system-deps.sh waits for another apt run's lock instead of failing (and says so).

apt-get, dpkg-query, id and sleep are stand-ins on PATH: the real ones would install packages.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "system-deps.sh"
LISTS_LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"
DPKG_LOCKED = (
    "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 777 (unattended-upgr)\n"
    "E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?"
)


def fake_tools(bin_dir: Path, refusals: dict[str, str], times: int) -> Path:
    """Stand-ins: every package missing, root, an apt-get that prints `refusals[command]` and fails
    `times` times per command before it succeeds; returns the file apt-get logs its calls to."""
    log = bin_dir / "apt-get.log"
    bin_dir.mkdir()
    (bin_dir / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")
    (bin_dir / "sleep").write_text(f"#!/bin/sh\necho \"sleep $*\" >> {log}\n")
    cases = "".join(
        f"  {command}) message='{text}' ;;\n" for command, text in refusals.items()
    )
    (bin_dir / "apt-get").write_text(
        f"""#!/bin/bash
echo "apt-get $*" >> {log}
for arg; do case "$arg" in update|install) command=$arg ;; esac; done
count_file={bin_dir}/count-$command
count=$(( $(cat "$count_file" 2>/dev/null || echo 0) + 1 ))
echo $count > "$count_file"
message=""
case "$command" in
{cases}esac
if [[ -n $message && $count -le {times} ]]; then echo "$message" >&2; exit 100; fi
exit 0
"""
    )
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return log


def run_script(bin_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)


def test_a_held_lock_is_waited_for_with_a_message(tmp_path: Path) -> None:
    log = fake_tools(tmp_path / "bin", {"update": LISTS_LOCKED, "install": DPKG_LOCKED}, times=2)
    result = run_script(tmp_path / "bin")
    assert result.returncode == 0, result.stderr
    waits = [line for line in result.stderr.splitlines() if line.startswith("Waiting")]
    assert waits == [
        "Waiting up to 10 minutes for another package manager run (e.g. unattended upgrades) to release "
        "the apt/dpkg lock, held by process 4242 (apt-get) ...",
        "Waiting up to 10 minutes for another package manager run (e.g. unattended upgrades) to release "
        "the apt/dpkg lock, held by process 777 (unattended-upgr) ...",
    ]
    calls = log.read_text().splitlines()
    apt_calls = [call for call in calls if call.startswith("apt-get")]
    assert ["update" if call.endswith(" update") else "install" for call in apt_calls] == ["update"] * 3 + ["install"] * 3
    assert "DPkg::Lock::Timeout=0" in apt_calls[0], "the first try does not wait, so that the wait can be said"
    for call in apt_calls[1:3] + apt_calls[4:6]:
        timeout = int(call.split("DPkg::Lock::Timeout=")[1].split()[0])
        assert 590 <= timeout <= 600, call
    assert "install -y --no-install-recommends libgl1" in apt_calls[-1]


@pytest.mark.parametrize("command", ["update", "install"])
def test_any_other_failure_ends_at_once_with_apt_gets_words(tmp_path: Path, command: str) -> None:
    log = fake_tools(tmp_path / "bin", {command: "E: Unable to locate package libgl1"}, times=1)
    result = run_script(tmp_path / "bin")
    assert result.returncode != 0
    assert "E: Unable to locate package libgl1" in result.stderr and "Waiting" not in result.stderr
    assert sum(command in call for call in log.read_text().splitlines()) == 1
