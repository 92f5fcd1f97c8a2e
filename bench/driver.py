"""In-process work run as a child process, so it is timed exactly like a CLI.

`python bench/driver.py read FILE…`        the I/O floor: read + UTF-8 decode.
`python bench/driver.py autocorrect FILE…` autocorrect_py.lint_for on each file
                                           (needs autocorrect_py on PYTHONPATH).

Both print one JSON object; the harness treats a non-empty "failed" list as a
failed run, which is how autocorrect's refusal of large documents is recorded.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def read(paths: list[str]) -> dict:
    """Decode every file: what any Python linter pays before linting."""
    chars = sum(len(Path(path).read_bytes().decode("utf-8")) for path in paths)
    return {"files": len(paths), "chars": chars, "failed": []}


def autocorrect(paths: list[str]) -> dict:
    """Lint each file with autocorrect-py; keep going past refusals to list them all.

    Only the first lint_for call in a process may parse any size; later calls
    refuse documents past ~0.5 MB.  A tiny first call puts every file under the
    limit that a long-running process (editor, server, batch job) lives with,
    and makes the outcome independent of file order.
    """
    import autocorrect_py

    autocorrect_py.lint_for("预热。", "warm-up.txt")
    problems, failed = 0, []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        try:
            problems += len(autocorrect_py.lint_for(text, path).lines)
        except ValueError as error:  # "call limit reached"
            lines = [line.strip(" =|") for line in str(error).splitlines() if line.strip(" =|")]
            where = next((line[4:] for line in lines if line.startswith("-->")), "?")
            failed.append([path, f"{lines[-1]} (at line:col {where})"])
    return {"files": len(paths), "problems": problems, "failed": failed}


if __name__ == "__main__":
    mode, *files = sys.argv[1:]
    print(json.dumps({"read": read, "autocorrect": autocorrect}[mode](files), ensure_ascii=False))
