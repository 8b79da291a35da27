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
    "節 4.3 の規則 1: 形を右端からそろえます。次元の数が少ない (4,) には、左に大きさ 1 の次元を補います。",
    "規則 2: そろえた次元ごとに、大きさが同じならそのまま、片方が 1 なら相手の大きさに引き伸ばします。"
    "(3, 1) の 1 も、(4,) に補った 1 も、どちらも引き伸ばされます。",
))
def check_broadcast_shape(predicted_shape: Any) -> str | None:
    shape = _as_shape(predicted_shape)
    if shape is None:
        if predicted_shape is None or isinstance(predicted_shape, str):
            return ("この足し算はエラーにはならず、結果の形が決まります。形は (2, 3) のような整数のタプルで"
                    "書いてください。")
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
    "節 4.4 を見直しましょう。コピーを作るのは torch.tensor() と .clone()、メモリを共有するのは "
    "torch.from_numpy() と .numpy() です。",
    "arr_c は t_a から作りました。t_a が source と同じメモリなら、t_a から .numpy() で作った arr_c は…?",
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
    problems = []
    if not a:
        problems.append("t_a は torch.from_numpy() で作りました。from_numpy はコピーせず、"
                        "source と同じメモリを使います。")
    if b:
        problems.append("t_b は torch.tensor() で作りました。torch.tensor() は値をコピーするので、"
                        "source とは別のメモリです。")
    if not c:
        problems.append("arr_c は t_a から .numpy() で作りました。.numpy() もメモリを共有します。"
                        "t_a が source と同じメモリなら、arr_c は…?")
    return " ".join(problems) if problems else None


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


@exercise("01-3", names=("slope",), hints=(
    "節 5 と同じ手順です。x1 = torch.tensor(1.0, requires_grad=True) から g = torch.sin(x1) * x1**2 を計算し、"
    "g.backward() を呼びます。",
    "微分は backward() の後の x1.grad に入ります。x1.grad.item() で Python の数にして slope に入れます。",
))
def check_slope(slope: Any) -> str | None:
    if slope is None:
        return ("slope が None です。backward() を呼ぶ前の x1.grad は None です。g.backward() を実行してから "
                "x1.grad を読みましたか?")
    value = _number(slope)
    if value is None:
        return "答えは 1 つの数 (x1.grad.item() のような Python の数) にしてください。"
    expected = math.cos(1.0) + 2 * math.sin(1.0)  # g'(x) = cos(x)·x² + 2x·sin(x) の x = 1
    if abs(value - expected) < 1e-4:
        return None
    if abs(value - math.sin(1.0)) < 1e-4:
        return "それは g(1) (関数の値) です。微分は g.backward() の後の x1.grad に入ります。"
    if abs(value - 2 * expected) < 1e-4 or abs(value - 3 * expected) < 1e-4:
        return ("backward() を 2 回以上呼んでいませんか? 同じ x1 で backward() を呼ぶと、微分は x1.grad に"
                "足し合わされます。x1 を作るところから実行し直してください。")
    if abs(value - math.cos(1.0)) < 1e-4 or abs(value - 2 * math.sin(1.0)) < 1e-4 or abs(value - 2.0) < 1e-4:
        return ("積 sin(x)·x² の片方だけを微分していませんか? 自動微分に任せるなら、torch.sin(x1) * x1**2 の全体から "
                "backward() を呼びます。")
    return "値が違います。g が torch.sin(x1) * x1**2 になっているか、x1 の値が 1.0 かを確かめてください。"
