"""Colab の「最初のセル」を、Colab の代役を立てて実行してみるテストです。

本物の google.colab の代わりに空のモジュールを置き、リポジトリはネットではなく
このチェックアウトから一時ディレクトリへ clone させます。
"""

import nbformat

from notebook_runner import ROOT, execute

SETUP_CELL = (ROOT / "tests" / "colab_setup_cell.py").read_text(encoding="utf-8")


def run_cells(sources, cwd):
    """新しいカーネルで、セルのソースを順に実行したノートブックを返します。"""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return execute(nb, cwd)


def outputs_text(cell):
    return "".join(o.get("text", "") for o in cell.outputs)


def test_setup_cell_fetches_the_course_and_makes_helpers_importable(tmp_path, monkeypatch):
    course_dir = tmp_path / "content" / "course"
    monkeypatch.setenv("COURSE_REPO_URL", ROOT.as_uri())
    monkeypatch.setenv("COURSE_DIR", str(course_dir))
    stand_in = "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')"
    check = (
        "import os, helpers\n"
        "print(helpers.__file__)\n"
        "print(os.getcwd())\n"
        "print(len(helpers.load_airline_passengers()), len(helpers.load_tokyo_temperature()))"
    )
    nb = run_cells([stand_in, SETUP_CELL, SETUP_CELL, check], tmp_path)
    lines = outputs_text(nb.cells[3]).splitlines()
    assert lines[0] == str(course_dir / "helpers" / "__init__.py")
    assert lines[1] == str(course_dir / "notebooks")
    assert lines[2] == "144 1200"


def test_setup_cell_does_nothing_outside_colab(tmp_path):
    nb = run_cells([SETUP_CELL, "import os; print(os.getcwd())"], tmp_path)
    assert outputs_text(nb.cells[1]).strip() == str(tmp_path)
    assert not nb.cells[0].outputs
