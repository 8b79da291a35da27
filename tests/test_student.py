"""受講者用ノートブック (student/) が講師用から正しく作られ、最新で、解答が見えず、上から最後まで動くこと。"""

import html

import nbformat
import pytest

from tools import STUDENT_DIR
from tools.runner import execute, notebook_paths, output_problems
from tools.student import SOLUTION_HEADING, SOLUTION_TAG, planned_writes, stray_files, student_edition


def with_solutions(paths):
    return [p for p in paths if any(SOLUTION_TAG in c.metadata.get("tags", [])
                                     for c in nbformat.read(p, as_version=4).cells)]


@pytest.fixture(params=notebook_paths(), ids=lambda p: p.name)
def editions(request):
    teacher = nbformat.read(request.param, as_version=4)
    return teacher, nbformat.read(STUDENT_DIR / request.param.name, as_version=4)


def test_student_edition_is_current():
    stale = [p.name for p in [*planned_writes(), *stray_files()]]
    assert not stale, f"受講者用が古くなっています。`make student` を実行してください: {stale}"


def test_solutions_are_folded_without_their_output(editions):
    teacher, student = editions
    for t, s in zip(teacher.cells, student.cells, strict=True):
        if SOLUTION_TAG in t.metadata.get("tags", []):
            code = t.source.removeprefix(SOLUTION_HEADING).strip("\n")
            assert s.cell_type == "markdown" and s.source.startswith("<details>")
            assert html.escape(code) in s.source  # コードはクリックで開ける (出力は無い)
            assert "outputs" not in s


def test_only_solutions_and_the_badge_change(editions):
    teacher, student = editions
    def solutions(nb):
        return [SOLUTION_TAG in c.metadata.get("tags", []) for c in nb.cells]

    assert solutions(teacher) == solutions(student)
    assert "/student/" in student.cells[0].source and "/notebooks/" not in student.cells[0].source
    for t, s in zip(teacher.cells[1:], student.cells[1:], strict=True):
        if SOLUTION_TAG not in t.metadata.get("tags", []):
            assert t == s


def test_a_solution_cell_becomes_a_folded_markdown_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 09 x\n\n[badge](https://colab.research.google.com/github/a/b/blob/main/notebooks/09.ipynb)"),
                nbformat.v4.new_code_cell("# 解答例\nif a < b:\n    print('<ok>')", metadata={"tags": ["solution"]})]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="<ok>\n")]
    student = student_edition(nb)
    assert student.cells[0].source.endswith("/blob/main/student/09.ipynb)")
    folded = student.cells[1]
    assert folded.cell_type == "markdown" and folded.id == nb.cells[1].id
    assert "if a &lt; b:\n    print(&#x27;&lt;ok&gt;&#x27;)" in folded.source and "解答例" in folded.source


@pytest.mark.parametrize("path", with_solutions(notebook_paths()), ids=lambda p: p.name)
def test_student_edition_runs_top_to_bottom(path):
    nb = execute(nbformat.read(STUDENT_DIR / path.name, as_version=4), STUDENT_DIR)
    assert not output_problems(nb)
