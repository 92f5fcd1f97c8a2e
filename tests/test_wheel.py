"""The built-in packs ship inside the wheel: pre-commit installs a non-editable copy."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import venv

import pytest

from conftest import ROOT, seed


@pytest.mark.slow
def test_wheel_in_fresh_venv_lints_a_seed(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("unionlint-*.whl")
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
    result = subprocess.run(
        [str(env_dir / "bin" / "unionlint"), "--format", "json", str(seed("004"))],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)["diagnostics"]
    assert any(d["fix"] == "（2023年12月7日）" for d in found)
    location = subprocess.run(
        [str(python), "-c", "import unionlint;print(unionlint.__file__)"], capture_output=True, text=True, cwd=tmp_path
    ).stdout
    assert str(env_dir) in location and str(ROOT) not in location
