"""ノートブック 01 (PyTorch の概要) の演習の確かめ方です。"""

from __future__ import annotations

import math
from typing import Any

from helpers.exercises import exercise


def _as_shape(value: Any) -> tuple[int, ...] | None:
    """タプル・リスト・torch.Size を整数のタプルにします (整数の並びでなければ None)。"""
    if not isinstance(value, (tuple, list)):
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return None
    return tuple(value)


@exercise("01-1", names=("predicted_shape",), hints=(
    "節 2.4 の規則 1: 形を右端からそろえます。次元の数が少ない (4,) には、左に大きさ 1 の次元を補います。",
    "規則 2: そろえた次元ごとに、大きさが同じならそのまま、片方が 1 なら相手の大きさに引き伸ばします。"
    "節 2.4 の (2, 1) + (3,) と同じく、(3, 1) の 1 も、(4,) に補った 1 も、どちらも引き伸ばされます。",
    "(3, 1) と (1, 4) を次元ごとに比べます。左の次元は 3 と 1、右の次元は 1 と 4 です。"
    "それぞれ 1 のほうが相手に合わせて伸びます。",
))
def check_broadcast_shape(predicted_shape: Any) -> str | None:
    shape = _as_shape(predicted_shape)
    if shape is None:
        if predicted_shape is None or (isinstance(predicted_shape, str)
                                       and ("エラー" in predicted_shape or "error" in predicted_shape.lower())):
            return ("この足し算はエラーにはならず、結果の形が決まります。形は (2, 3) のような整数のタプルで"
                    "書いてください。")
        if isinstance(predicted_shape, str):
            return ("文字列 (引用符 \" \" や ' ' で囲んだもの) ではなく、(2, 3) のように、かっこで囲んで"
                    "コンマで区切った整数のタプルで書いてください。")
        return "答えは (2, 3) のような、整数を並べたタプルで書いてください。"
    if shape == (3, 4):
        return None
    if len(shape) != 2:
        return ("結果の次元の数は、多いほう (ここでは 2) にそろいます。(4,) は左に大きさ 1 の次元を補って、"
                "2 次元として扱われます。")
    if shape == (4, 3):
        return "次元の順番が逆です。形は右端からそろえて比べます。(4,) に補う 1 の次元は、左側に付きます。"
    if shape == (3, 1):
        return "(3, 1) の大きさ 1 の次元は、相手の大きさまで引き伸ばされます。1 のまま残ることはありません。"
    if shape == (1, 4):
        return "(4,) に左から補った大きさ 1 の次元も、相手 (3, 1) の大きさまで引き伸ばされます。"
    if 12 in shape:
        return "要素の数を掛け合わせるのではなく、右端からそろえた次元ごとに大きさを比べます。"
    return "右端からそろえて、次元ごとに規則 2 (同じならそのまま、片方が 1 なら相手に合わせる) を当てはめてください。"


SHAPE_OF_CHANGES = "答えは、True か False を 3 つ、角かっこ [ ] の中にコンマで区切って並べたリストで書いてください。"


@exercise("01-2", names=("changes",), hints=(
    "節 2.5 を見直しましょう。コピーを作るのは torch.tensor() と .clone()、メモリを共有するのは "
    "torch.from_numpy() と .numpy() です。",
    "arr_c は t_a から作りました。t_a が source と同じメモリなら、t_a から .numpy() で作った arr_c は…?",
    "source と同じメモリを使うのは t_a (from_numpy) と arr_c (t_a の .numpy())、コピーなのは t_b (torch.tensor) "
    "だけです。変わるものが True です。",
))
def check_memory_sharing(changes: Any) -> str | None:
    import numpy as np

    try:
        values = list(changes)
    except TypeError:
        return SHAPE_OF_CHANGES
    if len(values) != 3 or not all(isinstance(v, (bool, np.bool_)) for v in values):
        return SHAPE_OF_CHANGES
    a, b, c = (bool(v) for v in values)
    # 違う項目のうち、最初の 1 つだけを伝えます (全部を伝えると、答えをそのまま教えることになるため)
    if not a:
        return ("1 つ目の t_a を見直しましょう。t_a は torch.from_numpy() で作りました。from_numpy はコピーせず、"
                "source と同じメモリを使います。")
    if b:
        return ("2 つ目の t_b を見直しましょう。t_b は torch.tensor() で作りました。torch.tensor() は値をコピー"
                "するので、source とは別のメモリです。")
    if not c:
        return ("3 つ目の arr_c を見直しましょう。arr_c は t_a から .numpy() で作りました。.numpy() もメモリを"
                "共有します。t_a が source と同じメモリなら、arr_c は…?")
    return None


def _number(value: Any) -> float | None:
    """Python の数か、要素が 1 つのテンソル・配列を float にします (それ以外は None)。"""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if hasattr(value, "numel") and value.numel() == 1:  # torch.Tensor
        return float(value.detach().cpu().item())
    if hasattr(value, "size") and getattr(value, "size", 0) == 1 and hasattr(value, "item"):  # numpy
        return float(value.item())
    return None


@exercise("01-3", names=("slope", "x1"), hints=(
    "節 3 の f'(2) のセルと同じ 3 つの手順です。値を計算する → backward() を呼ぶ → 入力の .grad を読む。",
    "g = torch.sin(x1) * x1**2 を計算して g.backward() を呼ぶと、微分が x1.grad に入ります。",
    "g = torch.sin(x1) * x1**2、g.backward()、slope = x1.grad.item() の 3 行です。",
))
def check_slope(slope: Any, x1: Any) -> str | None:
    if slope is None:
        return ("slope が None です。backward() を呼ぶ前の x1.grad は None です。g.backward() を実行してから "
                "x1.grad を読みましたか?")
    value = _number(slope)
    if value is None:
        return "答えは 1 つの数 (x1.grad.item() のような Python の数) にしてください。"
    expected = math.cos(1.0) + 2 * math.sin(1.0)  # g'(x) = cos(x)·x² + 2x·sin(x) の x = 1
    if abs(value - expected) < 1e-4:
        if getattr(x1, "grad", None) is None:  # 値は合っているが、自動微分を使っていない (式で計算した)
            return ("値は合っていますが、x1.grad が None です。この演習では、値を自動微分で求めます。"
                    "g = torch.sin(x1) * x1**2 を計算して g.backward() を呼び、x1.grad から読んでください。")
        return None
    if abs(value - math.sin(1.0)) < 1e-4:
        return "それは g(1) (関数の値) です。微分は g.backward() の後の x1.grad に入ります。"
    if abs(value - 2 * expected) < 1e-4 or abs(value - 3 * expected) < 1e-4:
        return ("backward() を 2 回以上呼んで、微分が x1.grad に足し込まれて"
                "いませんか? 同じ x1 で backward() を呼ぶたびに、微分は x1.grad に足し合わされます。x1 を作る行から"
                "答えのセルを実行し直してください。")
    if abs(value - math.cos(1.0)) < 1e-4 or abs(value - 2 * math.sin(1.0)) < 1e-4 or abs(value - 2.0) < 1e-4:
        return ("積 sin(x)·x² の片方だけを微分していませんか? 自動微分に任せるなら、torch.sin(x1) * x1**2 の全体から "
                "backward() を呼びます。")
    return "値が違います。g が torch.sin(x1) * x1**2 になっているか、x1 の値が 1.0 かを確かめてください。"
