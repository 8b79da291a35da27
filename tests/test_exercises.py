"""演習の確かめの仕組み (helpers.exercises) そのもののテストです。

演習ごとの確かめ方は、各ノートブックのテスト (tests/test_nbNN_*.py) にあります。
"""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch

from helpers import CourseError
from helpers.exercises import (
    _REGISTRY,
    CORRECT,
    NOT_YET,
    as_number,
    assigned_names,
    check,
    exercise,
    hint,
    lookup,
    verdict,
)
from tools import NOTEBOOK_DIR, ROOT


@pytest.fixture
def toy():
    @exercise("99-1", names=("answer",), hints=("一段目", "二段目"))
    def judge(answer):
        if answer == 42:
            return None
        return "数が違います" if isinstance(answer, int) else "整数を入れてください"

    yield "99-1"
    _REGISTRY.pop("99-1")


def test_three_outcomes(toy):
    assert verdict(toy, {"answer": 42}) == CORRECT
    wrong = verdict(toy, {"answer": 41})
    assert wrong.startswith("❌ 数が違います") and 'hint("99-1")' in wrong and "42" not in wrong
    assert verdict(toy, {"answer": ...}).startswith(NOT_YET)


@pytest.mark.parametrize("answer", [1.5, np.float32(1.5), np.array([1.5]), torch.tensor(1.5, requires_grad=True),
                                    torch.tensor([[1.5]])])
def test_one_number_in_any_form_is_read_as_a_float(answer):
    assert as_number(answer) == 1.5


@pytest.mark.parametrize("answer", [True, "1.5", [1.5], np.array([1.5, 2.0]), torch.tensor([1.5, 2.0]), None])
def test_anything_but_one_number_is_not_a_number(answer):
    assert as_number(answer) is None


def test_a_missing_variable_after_a_restart_is_a_clear_message_not_a_name_error(toy):
    message = verdict(toy, {})
    assert message.startswith(NOT_YET) and "`answer`" in message and "再起動" in message


def test_an_error_inside_the_judge_becomes_a_hint(toy):
    @exercise("99-2", names=("answer",), hints=("一段目",))
    def judge(answer):
        return None if answer.shape == (2,) else "形が違います"

    try:
        message = verdict("99-2", {"answer": [1, 2]})
        assert message.startswith("❌ 答えを確かめる途中でエラーになりました (AttributeError")
    finally:
        _REGISTRY.pop("99-2")


def test_check_reads_the_callers_variables_and_prints(toy, capsys):
    namespace = {"answer": 42, "check": check}  # check は、呼び出したセルの変数 (globals) を読みます
    exec('check("99-1")', namespace)
    assert capsys.readouterr().out.strip() == CORRECT


def test_hints_come_one_level_at_a_time(toy, capsys):
    hint(toy)
    hint(toy)
    hint(toy)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "演習 99-1 のヒント 1/2: 一段目" and out[1] == "演習 99-1 のヒント 2/2: 二段目"
    assert "解答例を見る" in out[2]


def test_unknown_exercise_is_a_japanese_error_and_a_friendly_line_in_a_notebook(capsys):
    with pytest.raises(CourseError, match="演習 '77-9' の確かめとヒントはありません"):
        lookup("77-9")
    hint("77-9")
    check("77-9")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all("考察の例" in line for line in out)


def exercise_cells():
    """ノートブックの (ファイル名, 確かめのセルの番号, キー) の一覧です。"""
    found = []
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for key in re.findall(r'\bcheck\("(\d+a?-\d+)"\)', cell.source) if cell.cell_type == "code" else []:
                found.append((path, i, key))
    return found


def test_every_check_in_a_notebook_names_a_registered_exercise_of_that_notebook():
    cells = exercise_cells()
    assert cells, "check(...) を使う演習がありません"
    for path, _, key in cells:
        assert key.split("-")[0] == path.name.split("_")[0], (path.name, key)
        lookup(key)


def test_every_exercise_has_answer_check_and_folded_solution_in_that_order():
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        for i, cell in enumerate(cells):
            if "solution" not in cell.metadata.get("tags", []):
                continue
            key = re.search(r'check\("([^"]+)"\)', cell.source)
            assert key, f"{path.name} セル {i}: 解答例の最後で check(...) を呼んでください"
            before = [c.source for c in cells[max(0, i - 3):i] if c.cell_type == "code"]
            assert any(f'check("{key.group(1)}")' in s and "solution" not in s for s in before[-1:]), \
                f"{path.name} セル {i}: 解答例の直前に確かめのセルが要ります"
            assert any(" = ..." in s for s in before), f"{path.name} セル {i}: 答えを書くセル (`名前 = ...`) が要ります"


def test_every_check_cell_is_followed_by_its_folded_solution():
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        for i, cell in enumerate(cells):
            key = re.search(r'check\("([^"]+)"\)', cell.source)
            if cell.cell_type != "code" or not key or "solution" in cell.metadata.get("tags", []):
                continue
            after = cells[i + 1] if i + 1 < len(cells) else None
            assert after is not None and "solution" in after.metadata.get("tags", []), \
                f"{path.name} セル {i}: 確かめのセルの次に解答例 (tag: solution) が要ります"
            assert f'check("{key.group(1)}")' in after.source, \
                f"{path.name} セル {i + 1}: 解答例が同じ演習を確かめていません"


def test_exercise_modules_are_tested_per_notebook():
    for module in sorted((ROOT / "helpers" / "exercises").glob("n*.py")):
        number = module.stem.removeprefix("n")
        tests = list(Path(ROOT / "tests").glob(f"test_nb{number}_*.py"))
        assert tests and any("verdict" in t.read_text(encoding="utf-8") for t in tests), module.name


def test_a_check_after_an_answer_cell_that_failed_says_so_instead_of_judging_old_values():
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in (
        "import helpers\nanswer = 1",
        "answer = 2\nraise ValueError('途中で止まった答えのセル')",
        "from helpers.exercises import check, exercise\ncheck('99-1')",
        "exercise('99-1', names=('answer',), hints=())(lambda answer: None)\ncheck('99-1')",  # もう一度
        "print('別のセル')",
        "check('99-1')",
        "answer = 3",  # 直して実行し直すと
        "check('99-1')",
    )]
    NotebookClient(nb, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(ROOT)}}).execute()
    text = ["".join(o.get("text", "") for o in cell.outputs) for cell in nb.cells]
    assert text[2].startswith("直前に実行したセルがエラーで止まっています")
    assert text[3].startswith("`answer` を代入したセルが、最後に実行したときエラーで止まっています")
    assert text[5].startswith("`answer` を代入したセルが、最後に実行したときエラーで止まっています")
    assert text[7] == CORRECT + "\n"


@pytest.mark.parametrize(("source", "names"), [
    ("a = 1\nb, c = 2, 3", {"a", "b", "c"}),
    ("total += x\nfor i in range(3):\n    y = i", {"total", "i", "y"}),
    ("answer = (1 +", {"answer"}),  # 書きかけ (SyntaxError) でも行頭の代入は拾います
    ("print(a == 1)", set()),
])
def test_names_assigned_by_a_cell(source, names):
    assert assigned_names(source) == names


def test_keys_typed_loosely_are_understood_and_a_non_string_key_is_a_japanese_message(toy, capsys):
    assert lookup("９９ー１".replace("ー", "-")).key == "99-1"  # 全角の数字
    assert lookup(" 99_1 ").key == "99-1"  # 前後の空白と _
    check(1)  # type: ignore[arg-type]
    hint(2)  # type: ignore[arg-type]
    out = capsys.readouterr().out
    assert out.count("引用符で囲んだ文字列で書きます") == 2
