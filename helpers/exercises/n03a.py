"""付録 03a (学習率と最適化手法) の演習の確かめ方です。

どの関数も、正しければ None を、違えば何が違いそうかを伝える日本語の文を返します (正解の値は書きません)。
"""

from __future__ import annotations

import math

from helpers.exercises import as_number, exercise

_TOLERANCE = 1e-3


def _near(value: float, target: float) -> bool:
    return abs(value - target) <= _TOLERANCE * max(1.0, abs(target))


@exercise("03a-1", names=("v_limit",), hints=(
    "v = 0 から始めて、v = mu * v + g を 1 回、2 回 … と計算すると 1、1.8、2.44 … と増えていきます。",
    "v は 1 + 0.8 + 0.8² + 0.8³ + … という和に近づきます。等比数列の和 1 / (1 − 公比) です。",
))
def momentum_limit(v_limit: object) -> str | None:
    """演習 1: μ = 0.8、g = 1 で v ← μv + g をくり返したときに v が近づく値。"""
    value = as_number(v_limit)
    if value is None:
        return "v_limit には数を 1 つ (例: 2.5) 入れてください。"
    if not math.isfinite(value):
        return "v_limit が nan か inf です。μ が 1 より小さければ、v は有限の値に近づきます。"
    if _near(value, 1 / (1 - 0.8)):
        return None
    if _near(value, 10.0):
        return "それは μ = 0.9 (節 3) のときの値です。この演習の μ は 0.8 です。"
    if _near(value, 1 - 0.8) or _near(value, 0.8):
        return "v は更新のたびに増えていきます。v = mu * v + g を何回かくり返して、どこまで増えるかを見てください。"
    if _near(value, 0.8 / (1 - 0.8)):
        return "最初の g の分 (1) が抜けていませんか? 1 回目の更新で v = 0.8 × 0 + 1 = 1 になります。"
    if 4.0 < value < 5.0:
        return "まだ近づいている途中の値です。更新の回数を増やすと (例えば 100 回)、どこに落ち着くかが分かります。"
    return "v が近づく値と違います。v = mu * v + g を for で 100 回くり返して、最後の v を見てください。"


@exercise("03a-2", names=("lr_at_250",), hints=(
    "StepLR は step_size エポックごとに、学習率に gamma を掛けます。エポック 0 から 250 までに、何回掛かるかを"
    "数えます。",
    "エポック 100 と 200 で 1 回ずつ下がります。",
    "lr_curve(shapes[\"StepLR (100 エポックごとに 0.3 倍)\"]) は 300 個の学習率のリストです。[250] で取り出せます。",
))
def step_lr(lr_at_250: object) -> str | None:
    """演習 2: StepLR(step_size=100, gamma=0.3) のエポック 250 (0 から数える) の学習率 (基準 1)。"""
    value = as_number(lr_at_250)
    if value is None:
        return "lr_at_250 には数を 1 つ (例: 0.5) 入れてください。リストではなく、エポック 250 の 1 つの値です。"
    if _near(value, 0.3**2):
        return None
    if _near(value, 0.3):
        return ("エポック 250 までに下がるのは 1 回だけではありません。step_size エポックごとに下がることから、"
                "エポック 0〜250 の間に何回 gamma が掛かるかを数えてください。")
    if _near(value, 0.3**3):
        return "3 回目に下がるのはエポック 300 で、エポック 250 ではまだです。"
    if _near(value, 1.0):
        return "学習率は基準のままではありません。StepLR は 100 エポックごとに 0.3 倍にします。"
    if _near(value, 0.3**2.5):
        return "StepLR は階段の形で、途中のエポックではなだらかに下がりません。直前に下がったのはエポック 200 です。"
    return "エポック 250 の学習率と違います。lr_curve で StepLR の学習率のリストを作り、[250] を見てください。"
