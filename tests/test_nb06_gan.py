"""ノートブック 06 (GAN で正規分布を学ぶ): 本文の主張、種によらない数、演習の確かめ方のテストです。

本文が種について述べること (「たいてい …」「中央値は …」) は、シードプール data/seed_pool/06_gan_gaussian.csv の
どの 10 個の組でも、どちらの環境でも成り立つことを確かめます (tools/sweeps.py の ``claim_tests``)。
KS 統計量の手計算の例、R1 の手計算の例、ノイズの下限は種によらないので、ここで別の書き方で計算し直します。
"""

import math

import numpy as np
import pytest
import torch
from torch import nn

from helpers.exercises import CORRECT, NOT_YET, verdict
from tools.sweeps import Claim, claim_tests, read_pool


def mostly(flags, at_least=8):
    """10 個の種のうち ``at_least`` 個以上で真 (本文の「たいてい」は 8 個以上、「半分以上」は 5 個以上)。"""
    return int(np.sum(flags)) >= at_least


def floor(b):
    return float(np.median(b["floor"]))  # ノイズの下限 (種によらない数)


CLAIMS = [
    Claim("半分以上の種で、いちばん高い棒が正解の山の高さの 1.3 倍を超えます",
          lambda b: mostly(b["plain_peak"] > 1.3, at_least=5)),  # 節 4 の決まり: 半分以上 = 10 個のうち 5 個以上
    Claim("後半の振れ幅は、たいてい 0.7 を超えます", lambda b: mostly(b["plain_swing"] > 0.7)),
    Claim("素朴な GAN の KS は、たいていノイズの下限の 5 倍を超えます",
          lambda b: mostly(b["plain_ks"] > 5 * floor(b))),
    Claim("10 個ずつのどの組でも 4 分の 3 以下です",
          lambda b: np.median(b["std_ks"]) <= 0.75 * np.median(b["plain_ks"])),
    Claim("後半の振れ幅が 0.3 を超えたままの種もあります", lambda b: bool(np.any(b["std_swing"] > 0.3))),
    Claim("後半の振れ幅はたいてい 0.15 未満", lambda b: mostly(b["fixed_swing"] < 0.15)),
    Claim("KS の中央値はノイズの下限の 2 倍以上", lambda b: np.median(b["fixed_ks"]) >= 2 * floor(b)),
    # 単純な方法の KS は、当てはめた平均と標準偏差の誤差の分だけ、ノイズの下限 (正解から取った標本の 95
    # パーセンタイル) を超える種が 1 割ほどあります。そこで「下限以下」は中央値で、「たいてい」は 1.5 倍で言います。
    Claim("単純な方法の KS は、中央値がノイズの下限より小さく",
          lambda b: np.median(b["simple_ks"]) < floor(b)),
    Claim("たいてい下限の 1.5 倍以下です", lambda b: mostly(b["simple_ks"] <= 1.5 * floor(b))),
    Claim("工夫を 2 つ入れた GAN の KS の中央値は、単純な方法の 2 倍以上",
          lambda b: np.median(b["fixed_ks"]) >= 2 * np.median(b["simple_ks"])),
]

test_pool, test_live, test_text = claim_tests("06_gan_gaussian", CLAIMS)


def test_statements_about_the_forty_seeds_of_the_pool():
    """本文の「40 個全体では …」は、組ごとではなく、プールの 40 個についての記述です (付録 06a の節 4 と 8 の表)。"""
    for rows in read_pool("06_gan_gaussian").values():
        col = {key: np.array([r[key] for r in rows]) for key in rows[0]}
        std, plain, fixed = (np.median(col[f"{key}_ks"]) for key in ("std", "plain", "fixed"))
        assert abs(std / plain - 1 / 3) < 0.05  # 節 6「40 個全体では素朴な GAN の約 3 分の 1」
        # 節 7 (ミニバッチ標準偏差だけと比べた + R1) の「40 個全体では:」の箇条書き: 振れ幅の中央値は半分以下、
        # KS が 0.1 を超える種は 12 個から 0 個に、KS の中央値は約 0.7 倍
        assert np.median(col["fixed_swing"]) <= 0.5 * np.median(col["std_swing"])
        assert int(np.sum(col["std_ks"] > 0.1)) == 12 and int(np.sum(col["fixed_ks"] > 0.1)) == 0
        assert abs(fixed / std - 0.7) < 0.05


def test_folds_of_the_final_model_in_the_appendix_record():
    """節 7「R1 を足すと、$G(z)$ が V 字などに折れる種 ($-2 \\le z \\le 2$ を 80 の小区間に分け、上り坂と下り坂の
    うち少ない方の小区間が 4 つを超える種) はむしろ増えます (40 個全体で 18 個から 30 個に。10 個のどの組でも増えます。
    付録 06a の節 2・4)」。

    折れの印は付録 06a の記録にだけあります。その「ミニバッチ標準偏差」と「ミニバッチ標準偏差 + R1」は
    本編の + ミニバッチ標準偏差と + R1 と同じ学習なので (種ごとの KS が一致することで確かめます)、
    どちらの環境でも、40 個全体で 18 個から 30 個に増え、10 個のどの組でも R1 を足したほうが折れた種が
    多いことを確かめます。
    """
    main, appendix = read_pool("06_gan_gaussian"), read_pool("06a_appendix_gan_evidence")
    for env, rows in appendix.items():
        ks_main = {r["seed"]: (r["std_ks"], r["fixed_ks"]) for r in main[env]}
        assert all((r["std_ks"], r["std_r1_ks"]) == ks_main[r["seed"]] for r in rows), env
        std_fold = np.array([r["std_fold"] for r in rows])
        std_r1_fold = np.array([r["std_r1_fold"] for r in rows])
        assert (std_fold.sum(), std_r1_fold.sum()) == (18, 30), env
        assert all(std_r1_fold[start:start + 10].sum() > std_fold[start:start + 10].sum()
                   for start in range(0, len(rows), 10)), env


def test_exercise_4_points_to_a_stuck_loss_with_a_wrong_distribution_in_the_appendix():
    """演習 4 の考察の例「付録 06a の節 7 に、偽物のある範囲で D の答えが一定で G に勾配が届かず、損失がほぼこの値の
    まま分布が大きく外れた例があります」: 付録 06a の記録のどちらの環境にも、学習率の高い素朴な GAN で、
    最後の 100 ステップの損失が釣り合いの値から 0.01 以内で、偽物の上の D(x) の最大と最小の差がちょうど 0
    (D の答えが一定なので G への勾配は 0) で、KS が 0.3 (ノイズの下限の 20 倍ほど) を超える種があります。"""
    for env, rows in read_pool("06a_appendix_gan_evidence").items():
        assert any(r["fast_loss_gap"] < 0.01 and r["fast_d_range"] == 0 and r["fast_ks"] > 0.3 for r in rows), env


def test_r1_raises_the_median_ks_in_some_block_of_the_pool():
    """節 7「10 個の組によっては逆に大きくなります」: 記録のどちらの環境にも、+ R1 の KS の中央値が
    ミニバッチ標準偏差だけのときより大きい 10 個の組があります (R1 が KS の中央値を下げるとは限らない)。"""
    for rows in read_pool("06_gan_gaussian").values():
        blocks = [rows[start:start + 10] for start in range(0, len(rows), 10)]
        assert any(np.median([r["fixed_ks"] for r in b]) > np.median([r["std_ks"] for r in b]) for b in blocks)


# --- 種によらない数 -------------------------------------------------------------------------------------

def normal_cdf(x, mean=5.0, std=2.0):
    return 0.5 * (1 + math.erf((x - mean) / (std * math.sqrt(2))))


def ks_by_hand(samples):
    """階段の各段の直前と直後で、正解の累積分布との差を調べます (ノートブックとは別の書き方)。"""
    xs, n = sorted(samples), len(samples)
    return max(max(abs(normal_cdf(x) - i / n), abs(normal_cdf(x) - (i + 1) / n)) for i, x in enumerate(xs))


def test_ks_worked_example_in_the_text():
    assert round(ks_by_hand([3.0, 4.0, 6.0, 9.0]), 3) == 0.227
    assert round(normal_cdf(9.0), 3) == 0.977  # 本文の「x = 9 で 0.977」


def test_r1_worked_example_in_the_text():
    # ロジット 3x² の傾きは 6x。x = 1, 2 で 6 と 12、ペナルティは 1/2 × (36 + 144) / 2
    assert 0.5 * (6**2 + 12**2) / 2 == 45


def test_noise_floor_is_about_the_textbook_value():
    # 正解の分布から 10,000 個を 200 回。95 パーセンタイルは、漸近の値 1.358 / √n (≈ 0.0136) に近い
    rng = torch.Generator().manual_seed(0)
    values = [ks_by_hand_fast(5 + 2 * torch.randn(10_000, generator=rng)) for _ in range(200)]
    assert round(float(np.percentile(values, 95)), 3) == 0.013
    assert abs(np.percentile(values, 95) - 1.358 / math.sqrt(10_000)) < 0.002


def ks_by_hand_fast(x):
    x = np.sort(x.double().numpy())
    cdf = np.array([normal_cdf(v) for v in x])
    n = len(x)
    return float(max(np.max(np.arange(1, n + 1) / n - cdf), np.max(cdf - np.arange(n) / n)))


# --- 演習の確かめ方 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "expected"), [
    (-3.0, 0.5, CORRECT),
    (-3, 0.25, "❌ b に分散"),
    (3.0, 0.5, "❌ a の符号"),
    (0.5, -3.0, "❌ a と b が入れ替わって"),
    (-3.0, -0.5, "❌ b = −0.5 でも"),
    ("-3", 0.5, "❌ `a` には数"),
    (..., 0.5, NOT_YET),
])
def test_exercise_06_1(a, b, expected):
    assert verdict("06-1", {"a": a, "b": b}).startswith(expected)


@pytest.mark.parametrize(("value", "expected"), [
    (0.038, CORRECT),
    (0.0128, "❌ 10,000 個のとき"),
    (0.026, "❌ 95 パーセンタイルより小さい"),
    (0.0133 * 10**0.5, "❌ 理論の見積もり"),
    (0.04, "❌ 小数第 2 位までに丸めた"),
    (0.0354, "❌ 値が違います"),  # 例: くり返しの回数を変えた値
    (0.2, "❌ 値が違います"),
    ([0.038], "❌ `floor_1000` には数"),
    (..., NOT_YET),
])
def test_exercise_06_2(value, expected):
    assert verdict("06-2", {"floor_1000": value}).startswith(expected)


def test_exercise_06_2_accepts_the_solution_value():
    rng = torch.Generator().manual_seed(0)  # ノートブックの noise_floor(1000, draws=200) と同じ流れ
    value = float(np.percentile([ks_by_hand_fast(5 + 2 * torch.randn(1000, generator=rng)) for _ in range(200)], 95))
    assert verdict("06-2", {"floor_1000": value}) == CORRECT


@pytest.fixture
def small_g():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Linear(8, 1))


def test_exercise_06_3(small_g):
    z0 = torch.zeros(1, 1, requires_grad=True)
    output = small_g(z0)
    (grad,) = torch.autograd.grad(output.sum(), z0)
    namespace = {"G_fixed": small_g}
    assert verdict("06-3", {**namespace, "slope_at_0": grad.item()}) == CORRECT
    assert verdict("06-3", {**namespace, "slope_at_0": output.item()}).startswith("❌ それは z = 0 での G の値")
    assert verdict("06-3", {**namespace, "slope_at_0": 2.0}).startswith("❌ 正解の写像の傾き")
    assert verdict("06-3", {**namespace, "slope_at_0": grad}).startswith("❌ `slope_at_0` はテンソルのまま")
    assert verdict("06-3", {**namespace, "slope_at_0": grad.item() + 1}).startswith("❌ 傾きが違います")
    assert verdict("06-3", {**namespace, "slope_at_0": ...}).startswith(NOT_YET)
