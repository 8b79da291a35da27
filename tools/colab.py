"""`make test-colab`: Colab と同じパッケージの版で環境を作り、すべてのノートブックを準備のセルごと実行します。

Colab の中身 (Python、torch、NumPy、IPython、ipywidgets …) は、こちらの requirements.txt とは違う版で、しかも
ときどき変わります。そこで、Colab が公開しているパッケージ一式の写し (tools/colab_packages.txt) から、その版の
Python で build/colab-venv/ を作り、コースが使うパッケージだけをその版で入れます (ほかの依存も同じ一覧の版に
固定します)。ノートブックは、Colab の代役 (空の google.colab モジュール) を置いたカーネルで、準備のセル
(教材の clone と matplotlib-fontja のインストール) から最後まで実行し、エラーと stderr の出力が無いことを
確かめます。教材は、このリポジトリのコミット済みの版を clone させます。

初回は PyPI から数 GB (Linux の PyPI の torch は CUDA 入り) を取ってくるので数分かかり、2 回目からは
tools/colab_packages.txt が変わらない限り環境を作り直しません。Colab の一覧を新しくする手順は、
tools/colab_packages.txt の先頭にあります。
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from tools import ROOT, TOOLS_DIR, ToolError
from tools.runner import TIMEOUT_S, apply_kernel_env, notebook_paths, output_problems

PACKAGES = TOOLS_DIR / "colab_packages.txt"
VENV = ROOT / "build" / "colab-venv"
# ノートブックが import するものと、カーネル (ipykernel とその仲間) です。ほかは pip が依存として入れます。
USED = ["torch", "numpy", "matplotlib", "ipython", "ipykernel", "ipywidgets", "statsmodels", "tqdm",
        "jupyter_client", "traitlets", "pillow", "pandas", "scipy"]
STAND_IN = "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')"


def colab_python_version() -> str:
    """写しの先頭の行から、Colab の Python の版 (例: 3.13) を返します。"""
    match = re.search(r"^# Python (\d+\.\d+)", PACKAGES.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise ToolError(f"{PACKAGES.relative_to(ROOT)} の先頭に「# Python 3.13.x」の行がありません。")
    return match.group(1)


# Colab の torch は CPU 版ですが、PyPI の Linux 版の torch は CUDA 入りで、GPU のライブラリ (nvidia-*、cuda-*、
# triton) を自分の版で求めます。Colab の CPU 版の環境にはもともと関係の無いものなので、制約から外します。
CUDA_ONLY = ("nvidia-", "cuda-", "triton")


def constraints() -> str:
    """pip の制約ファイルの中身: 写しの各行を「名前==版」にします (URL の torch は版を URL から読みます)。"""
    lines = []
    for line in PACKAGES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.lower().startswith(CUDA_ONLY):
            continue
        if " @ " in line:
            name, url = line.split(" @ ", 1)
            version = re.search(rf"/{name}-([\d.]+)(?:%2B|\+)", url)
            if version:
                lines.append(f"{name}=={version.group(1)}")
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def find_python(version: str) -> str:
    """Python ``version`` (例: 3.13) の実行ファイルを探します (PATH の python3.13 と pyenv の版)。"""
    candidates = [str(p) for p in sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"))]
    candidates.append(shutil.which(f"python{version}") or "")
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    raise ToolError(f"Colab と同じ Python {version} が見つかりません。python{version} を入れてから実行してください。")


def build_env() -> Path:
    """build/colab-venv/ を作り (一覧が変わっていなければそのまま)、その Python のパスを返します。"""
    digest = hashlib.sha256(PACKAGES.read_bytes()).hexdigest()[:16]
    python, stamp = VENV / "bin" / "python", VENV / f".colab-{digest}"
    if stamp.exists():
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([find_python(colab_python_version()), "-m", "venv", str(VENV)], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(constraints())
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", f.name,
                    *USED], check=True)
    stamp.touch()
    return python


def kernel_spec(python: Path, where: Path) -> str:
    """Colab の版の Python で動くカーネルの定義を ``where`` に書き、その名前を返します。"""
    spec = where / "kernels" / "colab"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Colab の版", "language": "python"}), encoding="utf-8")
    return "colab"


def run_like_colab(path: Path, kernel: str, workdir: Path) -> list[str]:
    """Colab の代役を置いたカーネルで、準備のセルから最後まで実行し、問題 (エラーと stderr) を返します。"""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(STAND_IN))
    client = NotebookClient(nb, timeout=TIMEOUT_S, kernel_name=kernel, resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return [f"{error.ename}: {error.evalue}"]
    return output_problems(nb)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools colab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    python = build_env()
    versions = subprocess.run([str(python), "-c", "import sys, torch, numpy, IPython, ipywidgets; print("
                               "sys.version.split()[0], torch.__version__, numpy.__version__, IPython.__version__, "
                               "ipywidgets.__version__)"], capture_output=True, text=True, check=True).stdout.split()
    print("Colab の版: Python {} / torch {} / NumPy {} / IPython {} / ipywidgets {}".format(*versions), flush=True)
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        apply_kernel_env()
        os.environ.update({"JUPYTER_PATH": str(workdir / "share"), "COURSE_REPO_URL": ROOT.as_uri(),
                           "COURSE_DIR": str(workdir / "content" / "pytorch-nyumon")})
        kernel = kernel_spec(python, workdir / "share")
        for path in [p.resolve() for p in args.notebooks] or notebook_paths():
            start = time.perf_counter()
            problems = run_like_colab(path, kernel, workdir)
            print(f"{path.name}: {problems or 'OK'} ({time.perf_counter() - start:.0f} 秒)",
                  flush=True)
            failed += [f"{path.name}: {p}" for p in problems]
    if failed:
        print("Colab の版で問題がありました:\n" + "\n".join(failed), file=sys.stderr)
    return 1 if failed else 0
