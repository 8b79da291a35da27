"""ノートブック 01 (PyTorch の概要) のテストです。

- 演習 1〜3 の確かめ (helpers/exercises/n01.py): 正しい答え、よくある間違い (ヒントの中身まで)、書いていない答え。
- このノートブックの出力は乱数の種にも PC にもよらない (種で変わる主張が無いのでシードプールは要らない) こと:
  `nbval-ignore-output` のセルが無く、保存した出力を nbval がそのまま比べられること。

ブロードキャスト・自動微分・define-by-run のセルが本文のとおりの値を表示することは、保存した出力と nbval
(`make test` の 2 つの数値環境) が確かめます。
"""

import math

import nbformat
import numpy as np
import pytest
import torch

from helpers.exercises import CORRECT, NOT_YET, verdict
from tools import NOTEBOOK_DIR

NOTEBOOK = NOTEBOOK_DIR / "01_pytorch_overview.ipynb"


def assert_wrong(key: str, name: str, answer, hint_words: str) -> None:
    message = verdict(key, {name: answer})
    assert message.startswith("❌") and hint_words in message, (answer, message)


def assert_untouched(key: str, name: str) -> None:
    assert verdict(key, {name: ...}).startswith(NOT_YET)
    assert verdict(key, {}).startswith(NOT_YET)


# 演習 1: 形 (3, 1) + 形 (4,) の結果の形を予想する
def test_exercise_1_broadcast_shape_correct():
    actual = tuple((torch.zeros(3, 1) + torch.zeros(4)).shape)
    for answer in [actual, list(actual), torch.Size(actual)]:
        assert verdict("01-1", {"predicted_shape": answer}) == CORRECT, answer


@pytest.mark.parametrize(("answer", "hint_words"), [
    ((4, 3), "順番が逆"),
    ((3, 1), "引き伸ばされます"),
    ((1, 4), "左から補った"),
    ((4,), "次元の数は、多いほう"),
    ((12,), "次元の数は、多いほう"),
    ((3, 12), "掛け合わせる"),
    ((2, 2), "右端からそろえて"),
    ("エラー", "エラーにはならず"),
    ("エラーになる", "エラーにはならず"),
    (None, "エラーにはならず"),
    ("(3, 4)", "文字列 (引用符"),  # 引用符で囲んだ文字列 (正しい形でも、文字列では受け付けません)
    ("3, 4", "文字列 (引用符"),
    ((3.0, 4.0), "整数を並べたタプル"),
])
def test_exercise_1_broadcast_shape_wrong(answer, hint_words):
    assert_wrong("01-1", "predicted_shape", answer, hint_words)


def test_exercise_1_untouched():
    assert_untouched("01-1", "predicted_shape")


# 演習 2: source[0] を書き換えたとき、t_a (from_numpy)・t_b (torch.tensor)・arr_c (t_a.numpy()) は変わるか
def observed_changes() -> list[bool]:
    """演習のセルと同じものを作って実際に書き換え、どれが変わったかを返します。"""
    source = np.array([1.0, 2.0, 3.0])
    t_a = torch.from_numpy(source)
    t_b = torch.tensor(source)
    arr_c = t_a.numpy()
    source[0] = 100.0
    return [t_a[0].item() == 100.0, t_b[0].item() == 100.0, bool(arr_c[0] == 100.0)]


def test_exercise_2_memory_sharing_correct():
    actual = observed_changes()
    for answer in [actual, tuple(actual), np.array(actual)]:
        assert verdict("01-2", {"changes": answer}) == CORRECT, answer


@pytest.mark.parametrize(("answer", "hint_words"), [
    ([False, False, False], "1 つ目の t_a"),
    ([False, True, True], "1 つ目の t_a"),
    ([True, True, True], "2 つ目の t_b"),
    ([True, True, False], "2 つ目の t_b"),
    ([True, False, False], "3 つ目の arr_c"),
    ([True, False], "3 つ"),
    ([1, 0, 1], "True か False"),
    (True, "True か False"),
])
def test_exercise_2_memory_sharing_wrong(answer, hint_words):
    assert_wrong("01-2", "changes", answer, hint_words)


def test_exercise_2_names_only_the_first_wrong_item():
    """全部違うときも、最初の 1 つだけを伝えます (3 つとも伝えると、答えを教えたのと同じになるため)。"""
    message = verdict("01-2", {"changes": [False, True, False]})
    assert "t_a" in message and "t_b" not in message and "arr_c" not in message, message


def test_exercise_2_untouched():
    assert_untouched("01-2", "changes")


# 演習 3: g(x) = sin(x)·x² の x = 1 での微分
def autograd_x1(backward_calls: int = 1) -> torch.Tensor:
    """答えのセルの x1 (backward() を backward_calls 回呼んだ後)。"""
    x1 = torch.tensor(1.0, requires_grad=True)
    for _ in range(backward_calls):
        (torch.sin(x1) * x1**2).backward()
    return x1


def autograd_slope(backward_calls: int = 1) -> torch.Tensor:
    return autograd_x1(backward_calls).grad


def test_exercise_3_slope_correct():
    x1 = autograd_x1()
    for answer in [x1.grad.item(), x1.grad]:
        assert verdict("01-3", {"slope": answer, "x1": x1}) == CORRECT, answer


def test_exercise_3_slope_by_the_formula_without_autograd_is_sent_back_to_backward():
    """式 (cos(1) + 2 sin(1)) で計算した値は、数は合っていても、自動微分を使うように促します。"""
    fresh_x1 = torch.tensor(1.0, requires_grad=True)  # backward() を呼んでいない (x1.grad は None)
    message = verdict("01-3", {"slope": math.cos(1.0) + 2 * math.sin(1.0), "x1": fresh_x1})
    assert message.startswith("❌") and "x1.grad が None" in message and "g.backward()" in message, message


@pytest.mark.parametrize(("answer", "hint_words"), [
    (math.sin(1.0), "g(1) (関数の値)"),  # 微分ではなく g の値
    (torch.sin(torch.tensor(1.0)), "g(1) (関数の値)"),
    (autograd_slope(backward_calls=2).item(), "足し込まれて"),
    (math.cos(1.0), "片方だけを微分"),
    (2 * math.sin(1.0), "片方だけを微分"),
    (None, "None"),  # backward() の前の x1.grad
    (1.5, "値が違います"),
    ("2.22", "1 つの数"),
])
def test_exercise_3_slope_wrong(answer, hint_words):
    message = verdict("01-3", {"slope": answer, "x1": autograd_x1()})
    assert message.startswith("❌") and hint_words in message, (answer, message)


def test_exercise_3_backward_twice_points_to_accumulation():
    """同じ x1 で backward() を 2 回呼ぶと、x1.grad はちょうど 2 倍になります。ヒントは足し込みを指します。"""
    x1 = autograd_x1(backward_calls=2)
    message = verdict("01-3", {"slope": x1.grad.item(), "x1": x1})
    assert message.startswith("❌") and "2 回以上呼んで" in message and "足し込まれて" in message, message
    assert "値が違います" not in message


def test_exercise_3_untouched():
    x1 = torch.tensor(1.0, requires_grad=True)
    assert verdict("01-3", {"slope": ..., "x1": x1}).startswith(NOT_YET)
    assert verdict("01-3", {}).startswith(NOT_YET)


def test_no_output_depends_on_the_seed_or_the_machine():
    """種や PC で変わる出力が無い (だからシードプールも、帯で確かめる主張も要らない) こと。"""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    ignored = [i for i, c in enumerate(nb.cells) if "nbval-ignore-output" in c.metadata.get("tags", [])]
    assert ignored == []
