"""付録 03a (学習率と最適化手法): 本文の主張と、演習の確かめ方のテストです。

本文が学習の結果について述べることは、シードプール data/seed_pool/03a_appendix_learning_rate.csv の
どの 10 個の組でも、どちらの環境でも成り立つことを確かめます (`claim_tests`)。節 7 が見せるノートブック 03 の
プールについての文は、そのプールの値で確かめます。
"""

import numpy as np
import pytest

from helpers.exercises import CORRECT, NOT_YET, lookup, verdict
from tools.sweeps import Claim, claim_tests, read_pool


def mostly(values, at_least=8):
    """10 個の種のうち ``at_least`` 個以上で真 (本文の「たいてい」)。"""
    return int(np.sum(values)) >= at_least


CLAIMS = [
    Claim("3 つとも最初の損失は約 1.1", lambda b: bool(np.all(b["first_loss_max_gap"] < 0.15))),
    # 節 2: 学習率の大小
    Claim("300 エポック後も損失は 0.7 以上", lambda b: bool(np.all(b["small_final"] >= 0.7))),
    Claim("300 エポックで損失は 0.3 を切り", lambda b: bool(np.all(b["base_final"] < 0.3))),
    Claim("最初の 10 エポックのうちに損失が 1000 を超えて跳ね上がり、300 エポック後も 1 以上です",
          lambda b: bool(np.all(b["large_max_first10"] > 1000) and np.all(b["large_final"] >= 1))),
    # 節 3: モーメンタム (歩幅の上限をそろえた比較)
    Claim("モーメンタムなし (学習率 1) の 10 分の 1 未満です",
          lambda b: bool(np.all(b["momentum_final"] < b["base_final"] / 10))),
    Claim("前のエポックより上がる回数がたいてい 80 回以上", lambda b: mostly(b["plain10_ups"] >= 80)),
    Claim("モーメンタム付きはたいてい 20 回以下", lambda b: mostly(b["momentum_ups"] <= 20)),
    Claim("300 エポック後の損失はモーメンタム付きの 100 倍以上です",
          lambda b: bool(np.all(b["plain10_final"] >= 100 * b["momentum_final"]))),
    # 節 4: スケジューラ (学習率 3 は初期値 5 通り)
    # 「まれ」: 種 10 個 × 初期値 5 通りの 50 回のうち、0.05 以上で止まるのは 1 割 (5 回) 以下
    Claim("損失が 0.05 以上で止まる回はまれで", lambda b: float(np.sum(b["warm3_failures"])) <= 5),
    Claim("5 回の中央値は一定 1 より低い損失です", lambda b: bool(np.all(b["warm3_median"] < b["momentum_final"]))),
    # 一定 1 は初期値 1 通りの結果なので、その大小が SEED (データと初期値) を変えても保たれること
    Claim("`SEED` を変えても、この大小はたいてい同じです", lambda b: mostly(b["warm3_median"] < b["momentum_final"])),
    Claim("たいてい 5 回のうち 1 回以上は損失が 0.05 以上で止まります", lambda b: mostly(b["constant3_failures"] >= 1)),
    Claim("一定 1 より高い損失で終わります", lambda b: bool(np.all(b["decay_final"] > b["momentum_final"]))),
    # 節 5: Adam
    Claim("300 エポック後も損失は 0.4 以上で", lambda b: bool(np.all(b["adam0.001_final"] >= 0.4))),
    Claim("300 エポック後の損失がモーメンタム付き SGD ほど下がりません",
          lambda b: bool(np.all(b["adam0.01_final"] > b["momentum_final"]))),
    Claim("たいていモーメンタム付き SGD より低い損失で終わります",
          lambda b: mostly(b["adam0.1_final"] < b["momentum_final"])),
    # 学習率 0.1 の Adam と、ウォームアップして 3 の SGD (初期値 5 通りの中央値): どちらが低くても比は 3 倍未満
    Claim("300 エポック後の損失の違いは 3 倍未満で",
          lambda b: bool(np.all(np.abs(np.log(b["adam0.1_final"] / b["warm3_median"])) < np.log(3)))),
]

test_pool, test_live, test_text = claim_tests("03a_appendix_learning_rate", CLAIMS)


def test_section_7_reads_the_pool_of_notebook_03_correctly():
    # 本文: 隠れ層なしは 50% 前後、2 層ネットワークと最近傍法は 100% 近く。種を変えても、隠れ層なしがいちばん低い。
    # 2 つの環境の結果はほとんど同じ (種ごとの差が 1 ポイント以下)。
    pool = read_pool("03_two_layer_network")
    for key in ("test_accuracy", "linear_accuracy", "nearest_accuracy"):
        reference, perturbed = (np.array([row[key] for row in pool[env]]) for env in ("reference", "perturbed"))
        assert np.max(np.abs(reference - perturbed)) <= 0.01, key
    for env, rows in pool.items():
        columns = {key: np.array([row[key] for row in rows]) for key in rows[0]}
        assert abs(np.median(columns["linear_accuracy"]) - 0.5) < 0.05, env
        assert np.min(columns["test_accuracy"]) > 0.95 and np.min(columns["nearest_accuracy"]) > 0.95, env
        assert np.all(columns["linear_accuracy"] < np.minimum(columns["test_accuracy"], columns["nearest_accuracy"]))


# ---- 演習 1: モーメンタムの速度 ----

def ex1(value):
    return verdict("03a-1", {"v_limit": value})


def test_exercise_1_accepts_the_limit():
    v = 0.0
    for _ in range(100):
        v = 0.8 * v + 1.0
    assert ex1(v) == CORRECT
    assert ex1(5) == CORRECT


@pytest.mark.parametrize(("value", "phrase"), [
    (10.0, "μ = 0.9 (節 3)"),  # 本文の μ のまま
    (0.2, "増えていきます"),  # 1 − μ
    (4.0, "最初の g の分"),  # μ / (1 − μ)
    (4.9, "近づいている途中"),  # 更新の回数が少ない
    (7.0, "v が近づく値と違います"),
])
def test_exercise_1_names_the_likely_mistake(value, phrase):
    message = ex1(value)
    assert message.startswith("❌") and phrase in message, message


def test_exercise_1_untouched():
    assert ex1(...).startswith(NOT_YET)


# ---- 演習 2: StepLR ----

def ex2(value):
    return verdict("03a-2", {"lr_at_250": value})


def test_exercise_2_accepts_the_step_lr_value():
    import torch

    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    schedule = torch.optim.lr_scheduler.StepLR(optimizer, step_size=100, gamma=0.3)
    for _ in range(250):
        optimizer.step()
        schedule.step()
    assert ex2(optimizer.param_groups[0]["lr"]) == CORRECT


@pytest.mark.parametrize(("value", "phrase"), [
    (0.3, "1 回だけではありません"),  # 1 回しか下げていない
    (0.027, "エポック 300"),  # 3 回下げた
    (1.0, "基準のままではありません"),
    ([1.0, 0.3, 0.09], "リストではなく"),
])
def test_exercise_2_names_the_likely_mistake(value, phrase):
    message = ex2(value)
    assert message.startswith("❌") and phrase in message, message


def test_exercise_2_untouched():
    assert ex2(...).startswith(NOT_YET)


def test_exercise_2_the_first_hint_and_the_message_do_not_give_the_answer_away():
    # 1 回しか下げなかった答えへのヒントも、最初の段のヒントも、下がるエポック (100 と 200) を書きません
    assert "200" not in ex2(0.3)
    first_hint = lookup("03a-2").hints[0]
    assert "200" not in first_hint and "2 回" not in first_hint
