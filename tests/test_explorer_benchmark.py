"""The explorer benchmarks stop what they start: ``ecomap app`` waits for Streamlit as
its child, and ending ``ecomap`` alone leaves Streamlit serving."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.explorer_memory import _children, stop

# A parent that waits for its child, as ``ecomap app`` waits for Streamlit.
PARENT = "import subprocess, sys; subprocess.call([sys.executable, '-c', 'import time; time.sleep(600)'])"


def test_stopping_the_server_ends_the_process_it_started():
    server = subprocess.Popen([sys.executable, "-c", PARENT], start_new_session=True)
    deadline = time.monotonic() + 30
    while not (children := _children(server.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(children) == 1
    child = children[0]

    stop(server)

    assert server.returncode is not None
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # reaped by init once its parent is gone
    assert not Path(f"/proc/{child}").exists()
