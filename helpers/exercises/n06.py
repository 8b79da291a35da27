"""ノートブック 06 (GAN で正規分布を学ぶ) の演習の確かめ方です。"""

from __future__ import annotations

import math
from typing import Any

from helpers.exercises import exercise


def _number(value: Any, name: str) -> float | str:
    """答えを float にします。数でなければ、直し方を伝える文を返します。"""
    if hasattr(value, "numel") and hasattr(value, "item"):
        if value.numel() != 1:
            return f"`{name}` には数を 1 つだけ入れてください (今は要素が {value.numel()} 個あります)。"
        return f"`{name}` はテンソルのままです。`.item()` で Python の数にしてください。"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"`{name}` には数 (例: 1.5) を入れてください。今は {type(value).__name__} です。"
    return float(value)


@exercise("06-1", names=("a", "b"), hints=(
    "5 + 2z が N(5, 2²) になるのと同じ考え方です。足す数が平均、掛ける数が標準偏差になります。",
    "N(−3, 0.5²) の 0.5² は分散です。掛ける数は分散ではなく標準偏差です。",
))
def check_exact_map(a: Any, b: Any) -> str | None:
    a_value, b_value = _number(a, "a"), _number(b, "b")
    for value in (a_value, b_value):
        if isinstance(value, str):
            return value
    assert isinstance(a_value, float) and isinstance(b_value, float)
    if math.isclose(a_value, 0.5, abs_tol=1e-6) and math.isclose(b_value, -3.0, abs_tol=1e-6):
        return "a と b が入れ替わっています。a は足す数 (平均)、b は z に掛ける数です。"
    if math.isclose(b_value, 0.25, abs_tol=1e-6):
        return "b に分散 (0.5² = 0.25) を入れていませんか。z に掛けるのは標準偏差です。"
    if math.isclose(b_value, -0.5, abs_tol=1e-6):
        return "b = −0.5 でも同じ分布になりますが、この演習では b > 0 の方を答えてください。"
    if math.isclose(a_value, 3.0, abs_tol=1e-6):
        return "a の符号を見直してください。目標の平均はマイナスです。"
    if not math.isclose(a_value, -3.0, abs_tol=1e-6):
        return "a が違います。G(z) = a + bz の平均は、z の平均が 0 なので a になります。"
    if not math.isclose(b_value, 0.5, abs_tol=1e-6):
        return "b が違います。a + bz の標準偏差は |b| × (z の標準偏差 1) です。"
    return None


@exercise("06-2", names=("floor_1000",), hints=(
    "節 5 の `noise_floor(n, draws=...)` に、個数とくり返しの回数を渡します。",
    "`noise_floor(1000, draws=200)` の戻り値をそのまま入れます。",
))
def check_floor_1000(floor_1000: Any) -> str | None:
    value = _number(floor_1000, "floor_1000")
    if isinstance(value, str):
        return value
    # noise_floor は種を固定した乱数で計算するので、どの PC でもほぼ同じ値 (約 0.038) になります。理論の見積もり
    # 1.36 / √1000 ≈ 0.043 とは少しずれます (200 回から求めた 95 パーセンタイルにも、ばらつきがあるためです)。
    if 0.0105 <= value <= 0.0165:
        return "10,000 個のときの値に近いようです。`n` を 1000 にしましたか。"
    if 0.020 <= value <= 0.033:
        return "95 パーセンタイルより小さい値です。中央値 (50 パーセンタイル) などを求めていませんか。"
    if value == round(value, 2) and 0.035 <= value <= 0.045:
        return "小数第 2 位までに丸めた値のようです。丸めずに、計算した値をそのまま入れてください。"
    if 0.040 <= value <= 0.045:
        return ("理論の見積もり (FLOOR × √10 や 1.36 / √n) の近くです。見積もりではなく、実際に計算した値を"
                "入れてください。")
    if not 0.0365 <= value <= 0.0395:
        return ("値が違います。`noise_floor` の 1 つ目の引数は標本の個数、`draws` はくり返しの回数です。節 5 のセルを"
                "実行した後で呼んでいるかも確かめてください。")
    return None


@exercise("06-3", names=("slope_at_0", "G_fixed"), hints=(
    "入力 z0 = torch.zeros(1, 1, device=device, requires_grad=True) を G_fixed に入れ、出力を z0 で微分します。",
    "(grad,) = torch.autograd.grad(G_fixed(z0).sum(), z0) の grad.item() が傾きです。",
))
def check_slope_at_0(slope_at_0: Any, G_fixed: Any) -> str | None:
    import torch

    value = _number(slope_at_0, "slope_at_0")
    if isinstance(value, str):
        return value
    device = next(G_fixed.parameters()).device
    z0 = torch.zeros(1, 1, device=device, requires_grad=True)
    output = G_fixed(z0)
    (grad,) = torch.autograd.grad(output.sum(), z0)
    slope, at_zero = grad.item(), output.item()
    if math.isclose(value, slope, rel_tol=1e-4, abs_tol=1e-5):
        return None
    if math.isclose(value, at_zero, rel_tol=1e-4, abs_tol=1e-5):
        return "それは z = 0 での G の値 G(0) です。値ではなく、z で微分した傾きを求めてください。"
    if value in (2.0, -2.0):
        return "正解の写像の傾き (±2) ではなく、学習した G_fixed の z = 0 での傾きを計算してください。"
    return "傾きが違います。torch.autograd.grad で、G_fixed の出力を入力 z0 について微分してください。"
