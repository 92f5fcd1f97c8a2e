"""Run one command; write [wall seconds, peak RSS KiB, exit code] to a file.

    python bench/launch.py STATS_FILE TIMEOUT_SECONDS COMMAND…

A separate, minimal script (stdlib imports only) so its own memory is small.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path


def launch(stats: Path, timeout: float, argv: list[str]) -> None:
    """Run `argv`, writing [wall seconds, peak RSS KiB, exit code] to `stats`.

    This runs in a fresh, small process because Linux carries the parent's
    peak RSS over fork (or vfork) and exec into the child's ru_maxrss: spawned
    from the harness, which held the corpus in memory, every tool would show
    the harness's peak.
    os.wait4 gives this one child's peak; getrusage(RUSAGE_CHILDREN) would give
    the largest of all children so far.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(argv)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stats.write_text(json.dumps([wall, usage.ru_maxrss, proc.returncode]))


if __name__ == "__main__":
    launch(Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3:])
