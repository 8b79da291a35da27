"""受講者用ノートブック (student/) が講師用から正しく作られ、最新で、解答を含まず、上から最後まで動くこと。"""

import re

import nbformat
import pytest

from notebook_runner import execute, notebook_paths, output_problems
from student import _DETAILS, STUDENT_DIR, exercises_start, planned_writes, stray_files


@pytest.fixture(params=notebook_paths(), ids=lambda p: p.name)
def editions(request):
    teacher = nbformat.read(request.param, as_version=4)
    return teacher, nbformat.read(STUDENT_DIR / request.param.name, as_version=4)


def answer_lines(teacher):
    """解答例のセルと <details> の中にしか現れない行 (受講者用に残ってはいけない行) を返します。"""
    answers, rest = set(), set()
    start = exercises_start(teacher)
    for index, cell in enumerate(teacher.cells):
        if "solution" in cell.metadata.get("tags", []):
            answers.update(cell.source.splitlines()[1:])  # 1 行目は見出しの「# 解答例」
        else:
            blocks = _DETAILS.findall(cell.source) if cell.cell_type == "markdown" and index >= start else []
            for block in blocks:
                answers.update(re.sub(r"</?details>|<summary>.*?</summary>", "", block).splitlines())
            rest.update((_DETAILS.sub("", cell.source) if blocks else cell.source).splitlines())
    answers, rest = {line.strip() for line in answers}, {line.strip() for line in rest}
    return {line for line in answers - rest if len(line) > 3}


def test_student_edition_is_current():
    stale = [p.name for p in [*planned_writes(), *stray_files()]]
    assert not stale, f"受講者用が古くなっています。`make student` を実行してください: {stale}"


def test_no_answer_survives(editions):
    teacher, student = editions
    lines = answer_lines(teacher)
    assert lines, "解答例の行が見つかりません"
    student_lines = {line.strip() for c in student.cells for line in c.source.splitlines()}
    leaked = sorted(lines & student_lines)
    assert not leaked, leaked
    assert all(not c.outputs for c in student.cells if "solution" in c.metadata.get("tags", []))


def test_only_answers_change(editions):
    teacher, student = editions
    assert [(c.cell_type, c.metadata.get("tags", [])) for c in teacher.cells] == \
        [(c.cell_type, c.metadata.get("tags", [])) for c in student.cells]
    start = exercises_start(teacher)
    for index, (t, s) in enumerate(zip(teacher.cells, student.cells, strict=True)):
        if "solution" in t.metadata.get("tags", []):
            assert s.source.startswith("#") and not s.outputs
        elif index > 0 and (index < start or "<details>" not in t.source):
            assert t == s


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_student_edition_runs_top_to_bottom(path):
    nb = execute(nbformat.read(STUDENT_DIR / path.name, as_version=4), STUDENT_DIR)
    assert not output_problems(nb)
