"""The built-in packs ship inside the wheel: pre-commit installs a non-editable copy."""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT, seed


def build_wheel(folder: Path) -> Path:
    """Build the wheel as pip does for an install (isolated: setuptools comes from the index)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = folder.glob("unionlint-*.whl")
    return wheel


@pytest.mark.slow
def test_wheel_in_fresh_venv_lints_a_seed(tmp_path, package_index):
    wheel = build_wheel(tmp_path / "wheels")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True
    )
    # Dependencies come from the test environment (offline); the package itself only from the wheel.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig;print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (tmp_path / "deps.pth").write_text("\n".join(site.getsitepackages()))
    (tmp_path / "deps.pth").rename(f"{purelib}/zz_test_deps.pth")
    _lint_as_json(env_dir, str(seed("004")), tmp_path)
    location = subprocess.run(
        [str(python), "-c", "import unionlint;print(unionlint.__file__)"], capture_output=True, text=True, cwd=tmp_path
    ).stdout
    assert str(env_dir) in location and str(ROOT) not in location


def _lint_as_json(env_dir: Path, target: str, cwd: Path) -> list[dict]:
    """Run the installed unionlint on a seed; it must find the seed's errors, among them the
    half-width parentheses both wheel tests look for."""
    result = subprocess.run(
        [str(env_dir / "bin" / "unionlint"), "--format", "json", target], capture_output=True, text=True, cwd=cwd
    )
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)["diagnostics"]
    assert any(d["fix"] == "（2023年12月7日）" for d in found)
    return found


def _minimum_python() -> tuple[int, int]:
    declared = re.search(r'requires-python = ">=(\d+)\.(\d+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return int(declared[1]), int(declared[2])


def oldest_python() -> tuple[tuple[int, int], str] | None:
    """The oldest interpreter on this machine that pyproject.toml says is supported: `python3.X`
    on PATH, then pyenv's and uv's installed versions."""
    lowest = _minimum_python()
    for minor in range(lowest[1], sys.version_info[1] + 1):
        name = f"python3.{minor}"
        found = [shutil.which(name)]
        pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
        found += sorted(map(str, pyenv.glob(f"3.{minor}.*/bin/{name}")), reverse=True)
        uv_home = Path(os.environ.get("UV_PYTHON_INSTALL_DIR", Path.home() / ".local/share/uv/python"))
        found += sorted(map(str, uv_home.glob(f"cpython-3.{minor}.*/bin/{name}")), reverse=True)
        for python in filter(None, found):
            if subprocess.run([python, "-c", "import venv, ensurepip"], capture_output=True).returncode == 0:
                return (3, minor), python
    return None


@pytest.mark.slow
def test_wheel_installs_and_lints_on_the_oldest_supported_python(tmp_path, package_index):
    """requires-python is a promise: the wheel, with its dependencies as pip resolves them for that
    Python (tomli instead of tomllib on 3.9/3.10), installs and lints a seed there."""
    oldest = oldest_python()
    if oldest is None:
        pytest.skip(
            f"no Python {'.'.join(map(str, _minimum_python()))}–3.{sys.version_info[1] - 1} on PATH, pyenv or uv"
        )
    version, python = oldest
    if version == sys.version_info[:2]:
        pytest.skip(f"the oldest Python here is the one running the tests ({python}); the suite covers it")
    wheel = build_wheel(tmp_path / "wheels")
    env_dir = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(env_dir)], check=True, capture_output=True)
    installed = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    config = tmp_path / "pyproject.toml"  # read with tomli where tomllib is missing
    config.write_text('[tool.unionlint]\nignore = ["numbers"]\n', encoding="utf-8")
    article = tmp_path / "article.txt"
    shutil.copy(seed("004"), article)
    found = _lint_as_json(env_dir, "article.txt", tmp_path)
    assert not any(d["rule"].startswith("numbers.") for d in found)
