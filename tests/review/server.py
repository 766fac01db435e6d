"""Start and stop the real ``concord review`` server as a subprocess, for the end-to-end tests."""
from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"http://\S+/\?token=\S+")


class Server:
    """A running ``concord review`` process and the address it printed."""

    def __init__(self, args: list[str], cwd: Path, timeout: float = 120) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS="200")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "concord", "review", *args, "--no-browser", "--port", "0"],
            cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = ""
        deadline = time.monotonic() + timeout
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            found = URL.search(line)
            if found:
                self.url = found.group(0)
                break
        if not self.url:
            self.process.kill()
            _, err = self.process.communicate()
            raise RuntimeError(f"concord review did not start: {err}")
        self.port = int(self.url.split(":")[2].split("/")[0])
        self.token = self.url.split("token=")[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs at all, as in a crash."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> tuple[int, str]:
        """SIGTERM, the polite stop; returns the exit status and standard error."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            _, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err


def non_loopback_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    candidates = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent for a UDP connect
            candidates.append(probe.getsockname()[0])
        except OSError:
            pass
    with contextlib.suppress(OSError):
        candidates += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None,
                                                                 socket.AF_INET)]
    for address in candidates:
        if not address.startswith("127.") and address != "0.0.0.0":
            return address
    return None
