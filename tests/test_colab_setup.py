"""Colab の「最初のセル」を、Colab の代役を立てて実行してみるテストです。

本物の google.colab の代わりに空のモジュールを置き、リポジトリはネットではなくこのチェックアウトから
一時ディレクトリへ clone させます。clone する版は準備のセルの REPO_REF (`make pin` で変わります) です。
"""

import subprocess
import warnings

import nbformat

from tools import ROOT
from tools.runner import execute
from tools.sync import course_ref, setup_cell


def run_cells(sources, cwd):
    """新しいカーネルで、セルのソースを順に実行したノートブックを返します。"""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return execute(nb, cwd)


def outputs_text(cell):
    return "".join(o.get("text", "") for o in cell.outputs)


def git(*args, cwd=ROOT):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)


def course_source(tmp_path):
    """準備のセルが clone する版 (REPO_REF) を持つリポジトリの URL を返します。

    `make pin REF=タグ` の直後でタグをまだ作っていないときは、そう警告したうえで、今のコミットに
    同じ名前の仮のタグを付けた複製から clone させます (手順そのものは確かめられます)。
    """
    ref = course_ref()
    if git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0:
        return ROOT.as_uri()
    warnings.warn(f"準備のセルが clone する版 {ref!r} は、このリポジトリにまだありません。README の手順どおり、"
                  "make pin の後でコミットし、そのコミットにタグを付けて push してください。", stacklevel=2)
    copy = tmp_path / "origin"
    assert git("clone", "--quiet", str(ROOT), str(copy)).returncode == 0
    assert git("tag", ref, cwd=copy).returncode == 0
    return copy.as_uri()


def test_setup_cell_fetches_the_course_and_makes_helpers_importable(tmp_path, monkeypatch):
    course_dir = tmp_path / "content" / "course"
    monkeypatch.setenv("COURSE_REPO_URL", course_source(tmp_path))
    monkeypatch.setenv("COURSE_DIR", str(course_dir))
    stand_in = "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')"
    check = (
        "import os, helpers\n"
        "print(helpers.__file__)\n"
        "print(os.getcwd())\n"
        "print(len(helpers.load_airline_passengers()), len(helpers.load_tokyo_temperature()))"
    )
    nb = run_cells([stand_in, setup_cell(), setup_cell(), check], tmp_path)
    lines = outputs_text(nb.cells[3]).splitlines()
    assert lines[0] == str(course_dir / "helpers" / "__init__.py")
    assert lines[1] == str(course_dir / "notebooks")
    assert lines[2] == "144 1200"


def test_setup_cell_does_nothing_outside_colab(tmp_path):
    nb = run_cells([setup_cell(), "import os; print(os.getcwd())"], tmp_path)
    assert outputs_text(nb.cells[1]).strip() == str(tmp_path)
    assert not nb.cells[0].outputs
