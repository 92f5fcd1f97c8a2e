"""Is the output of every format byte-identical to another commit's? (refactoring check)

    python bench/same_output.py 4c0d14b        # compare this checkout with commit 4c0d14b

The reference commit is extracted with `git archive` into a temporary folder and run from source
(its `lint/` folder imported as `unionlint`) with the same interpreter; both versions lint
`seeds/` and `tests/corpus/` of this checkout in every format, with `--jobs 1` and `--jobs 2`,
and `--diff`. Timings (`--statistics`) are compared without their milliseconds.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "github", "sarif", "gitlab")
INPUTS = ("seeds", "tests/corpus")
TIMES = r" *\d+\.\d(?=  )|；规则共耗时[^\n]*".encode()  # --statistics: milliseconds differ from run to run


def extract(commit: str, into: Path) -> Path:
    """The commit's source, importable as `unionlint` from the returned folder."""
    data = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as archive:
        archive.extractall(into / "src", filter="data")
    (into / "path").mkdir()
    (into / "path" / "unionlint").symlink_to(into / "src" / "lint")
    return into / "path"


def run(python_path: Path | None, args: list[str]) -> bytes:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore"}  # the reference import path upsets pkg_resources
    env.pop("GITHUB_ACTIONS", None)
    if python_path is not None:
        env["PYTHONPATH"] = str(python_path)
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from unionlint.cli import main; sys.exit(main())", *args],
        cwd=ROOT,
        capture_output=True,
        env=env,
    )
    return b"exit %d\n" % result.returncode + result.stdout + b"\n--stderr--\n" + result.stderr


def invocations() -> list[list[str]]:
    found = []
    for jobs in ("1", "2"):
        for name in FORMATS:
            found.append(["--isolated", "--format", name, "--jobs", jobs, *INPUTS])
        found.append(["--isolated", "--statistics", "--jobs", jobs, *INPUTS])
    found.append(["--isolated", "--diff", *INPUTS])
    found.append(["--isolated", "--diff", "--unsafe-fixes", *INPUTS])
    return found


def main() -> int:
    commit = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    differing = 0
    with tempfile.TemporaryDirectory() as folder:
        reference = extract(commit, Path(folder))
        for args in invocations():
            before, after = run(reference, args), run(None, args)
            if "--statistics" in args:
                before, after = (re.sub(TIMES, b"#", out) for out in (before, after))
            same = before == after
            differing += not same
            print(f"{'same' if same else 'DIFFERENT'} ({len(after)} bytes): unionlint {' '.join(args)}")
    print(f"{differing} of {len(invocations())} invocations differ from {commit}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
