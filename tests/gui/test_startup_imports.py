"""What the till loads before its window is shown: nothing the first paint does not need."""
import os
import subprocess
import sys

# Each loads on a worker thread after the window is shown, or when its dialog first opens.
LATER = ["zeep", "sqlalchemy", "lxml", "escpos", "argon2", "phonenumbers", "widgets.admin.pin_dialog", "widgets.admin.queue_dialog"]

SHOW_THE_WINDOW = """
import sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.settings import Settings
from app.till import TillApplication
app = QApplication([])
with tempfile.TemporaryDirectory() as folder:
    till = TillApplication(Settings.defaults(), demo=True, database_path=Path(folder) / "till.sqlite")
    till.window.show()
    app.processEvents()
    print(",".join(sorted(name for name in sys.modules if name in LATER)))
    till.shutdown()
"""


def test_the_window_is_shown_before_the_service_database_device_and_phone_libraries_load(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    code = f"LATER = {LATER!r}\n{SHOW_THE_WINDOW}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"loaded before the window was shown: {result.stdout.strip()}"
