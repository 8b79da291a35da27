"""すべてのノートブックが COURSE.md の決まりを守っているかを確かめます (カーネルは起動しません)。

新しいノートブックを notebooks/ に置けば、このファイルを直さなくても対象になります。
"""

import re
import tomllib

import nbformat
import pytest

from notebook_runner import ROOT, notebook_paths, output_problems

SETUP_CELL = (ROOT / "tests" / "colab_setup_cell.py").read_text(encoding="utf-8").rstrip("\n")
REPO_URL = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"][
    "Repository"
]
COLAB_PREFIX = REPO_URL.replace("https://github.com/", "https://colab.research.google.com/github/")
SECTIONS = ["学習目標", "まとめ", "演習", "参考文献"]


@pytest.fixture(params=notebook_paths(), ids=lambda p: p.name)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_there_are_notebooks():
    assert notebook_paths(), "notebooks/ にノートブックがありません"


def test_file_name_and_size(notebook):
    path, _ = notebook
    assert re.fullmatch(r"\d{2}_[a-z0-9_]+\.ipynb", path.name)
    assert path.stat().st_size < 1_000_000, f"{path.stat().st_size / 1e6:.2f} MB"


def test_title_badge_time_and_prerequisites(notebook):
    path, nb = notebook
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert f"{COLAB_PREFIX}/blob/main/notebooks/{path.name}" in first.source
    assert re.search(r"目安時間.*約 \d+〜\d+ 秒", first.source)
    assert "前提" in first.source


def test_sections_in_order(notebook):
    _, nb = notebook
    headings = [line for c in nb.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("#")]
    positions = []
    for section in SECTIONS:
        found = [i for i, h in enumerate(headings) if section in h]
        assert found, f"見出し「{section}」がありません"
        positions.append(found[0])
    assert positions == sorted(positions)


def test_setup_cell_is_the_course_one(notebook):
    _, nb = notebook
    assert code_cells(nb)[0].source == SETUP_CELL
    assert f'"{REPO_URL}"' in SETUP_CELL


def test_parameters_cell(notebook):
    _, nb = notebook
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    assert re.search(r"^SEED = \d+", tagged[0].source, re.MULTILINE)


def test_outputs_are_fresh_and_clean(notebook):
    _, nb = notebook
    cells = code_cells(nb)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    assert any(c.outputs for c in cells)
    assert not output_problems(nb)


def test_solutions_are_hidden_code_after_an_exercise(notebook):
    _, nb = notebook
    solutions = [i for i, c in enumerate(nb.cells) if "solution" in c.metadata.get("tags", [])]
    assert solutions, "解答例 (tag: solution) のセルがありません"
    for i in solutions:
        cell = nb.cells[i]
        assert cell.cell_type == "code"
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
        assert cell.source.startswith("# 解答例")
