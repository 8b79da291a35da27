"""ノートブック 03 (2 層ニューラルネットワーク): 本文の主張と、演習の確かめ方のテストです。

本文が種について述べること (正解率、損失) は、シードプール data/seed_pool/03_two_layer_network.csv の
どの 10 個の組でも、どちらの環境でも成り立つことを確かめます (`claim_tests`)。float64 での手書きと
PyTorch の一致 (「1e-12 未満」) は丸め誤差だけの話なので、どの種・どの環境でも成り立つことを求めます。
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from helpers.exercises import CORRECT, NOT_YET, verdict
from tools.sweeps import Claim, claim_tests


def mostly(values, at_least=8):
    """10 個の種のうち ``at_least`` 個以上で真 (本文の「たいてい」)。"""
    return int(np.sum(values)) >= at_least


CLAIMS = [
    Claim("差は $10^{-12}$ 未満", lambda b: bool(np.all(b["max_grad_rel_diff"] < 1e-12))),
    Claim("2 つの実装の損失は丸め誤差の範囲で同じです", lambda b: bool(np.all(b["max_loss_diff"] < 1e-12))),
    Claim("から下がっていき", lambda b: bool(np.all(np.abs(b["first_loss"] - 1.1) < 0.15))),
    Claim("最後に 0.1 を切ります", lambda b: bool(np.all(b["final_loss"] < 0.1))),
    Claim("2 層ネットワークのテスト正解率はたいてい 97% 以上", lambda b: mostly(b["test_accuracy"] >= 0.97)),
    # 「種を変えると 1% 以上変わることもあります」: 10 個の種のテスト正解率の最大と最小が、3 点 (1%) 以上違う
    Claim("種を変えると 1% 以上変わることもあります",
          lambda b: bool(np.max(b["test_accuracy"]) - np.min(b["test_accuracy"]) >= 3 / 300 - 1e-6)),
    Claim("隠れ層なしは 60% に届きません", lambda b: bool(np.all(b["linear_accuracy"] < 0.60))),
    Claim("最近傍法はたいてい 99% 以上", lambda b: mostly(b["nearest_accuracy"] >= 0.99)),
    Claim("2 層ネットワークと同じくらいか少し上", lambda b: (
        np.median(b["nearest_accuracy"] - b["test_accuracy"]) >= 0
        and mostly(np.abs(b["nearest_accuracy"] - b["test_accuracy"]) <= 0.02))),
    # 演習 3 の解答例 (書いた設定のまま) が、確かめの基準 95% をどの種でも満たす
    Claim("95% 以上なら正解です", lambda b: bool(np.all(b["deeper_accuracy"] >= 0.95))),
]

test_pool, test_live, test_text = claim_tests("03_two_layer_network", CLAIMS)


# ---- 演習 1: ReLU の先で勾配が止まるとき ----

def ex1(grad_w, grad_b):
    return verdict("03-1", {"grad_w": grad_w, "grad_b": grad_b})


def test_exercise_1_accepts_zero_gradients():
    assert ex1(0.0, 0.0) == CORRECT
    assert ex1(0, torch.tensor(0.0)) == CORRECT  # 整数やテンソルでもよい


@pytest.mark.parametrize(("answer", "phrase"), [
    ((-2.0, -1.0), "ReLU のその場の微分を 1 にしていませんか"),  # ReLU の傾きを 1 のままにした
    ((-6.0, -3.0), "ReLU を通し忘れて"),  # a = z のまま計算した
    ((6.0, 3.0), "b = −1 (節 2) のとき"),  # 節 2 の答えを写した
    ((0.0, -1.0), "片方だけが 0"),
])
def test_exercise_1_names_the_likely_mistake(answer, phrase):
    message = ex1(*answer)
    assert message.startswith("❌") and phrase in message, message


def test_exercise_1_messages_do_not_give_the_answer_away():
    # ReLU の傾きを 1 にした答えへのヒントは、考え方 (z の符号) を指し、答え (0 と 0) は書きません
    message = ex1(-2.0, -1.0)
    assert "1 ではなく 0" not in message and "z = −1" not in message, message
    assert "dL/da に掛けて dL/dz" in message, message  # 「掛けてdL/dz」のように詰めて書かない


def test_exercise_1_untouched():
    assert ex1(..., ...).startswith(NOT_YET)


# ---- 演習 2: 数値微分 ----

ANALYTIC = 0.043317


def ex2(numerical):
    return verdict("03-2", {"numerical": numerical, "analytic": ANALYTIC})


def test_exercise_2_accepts_a_central_difference():
    assert ex2(ANALYTIC * (1 + 1e-8)) == CORRECT
    assert ex2(np.float64(ANALYTIC * (1 - 3e-9))) == CORRECT


@pytest.mark.parametrize(("numerical", "phrase"), [
    (2 * ANALYTIC, "2ε で割ります"),  # ε で割った
    (ANALYTIC / 2, "2ε を引いた所"),  # w − ε の代わりに w で計算した
    (-ANALYTIC, "符号が逆"),
    ((1.09, {}), "組 (tuple)"),  # numpy_loss_and_grads の返り値をそのまま入れた
    (0.0, "numerical が 0"),
    (0.5, "逆伝播の勾配と合いません"),
    (ANALYTIC, "逆伝播の値をそのまま入れていませんか"),  # 確かめたい値を写した (最後の桁まで同じ)
    (ANALYTIC * (1 + 3e-7), "前進差分"),  # 前進差分の誤差の大きさ (種 0 で 3.4e-7)
])
def test_exercise_2_names_the_likely_mistake(numerical, phrase):
    message = ex2(numerical)
    assert message.startswith("❌") and phrase in message, message


def test_exercise_2_untouched():
    assert ex2(...).startswith(NOT_YET)


def numpy_init(rng, n_hidden):
    """ノートブックの節 6 と同じ初期化です。"""
    return {"W1": rng.normal(0, np.sqrt(2 / 2), (n_hidden, 2)), "b1": np.zeros(n_hidden),
            "W2": rng.normal(0, np.sqrt(2 / n_hidden), (3, n_hidden)), "b2": np.zeros(3)}


def numpy_loss_and_grads(params, X, y):
    """ノートブックの節 6 と同じ、損失と勾配の手計算です。"""
    n = len(X)
    h = X @ params["W1"].T + params["b1"]
    a = np.maximum(h, 0)
    s = a @ params["W2"].T + params["b2"]
    e = np.exp(s - s.max(axis=1, keepdims=True))
    P = e / e.sum(axis=1, keepdims=True)
    ds = P.copy()
    ds[np.arange(n), y] -= 1
    ds /= n
    dh = (ds @ params["W2"]) * (h > 0)
    grads = {"W1": dh.T @ X, "b1": dh.sum(axis=0), "W2": ds.T @ a, "b2": ds.sum(axis=0)}
    return -np.log(P[np.arange(n), y]).mean(), grads


@pytest.mark.parametrize("seed", range(10))
def test_exercise_2_tells_a_central_difference_from_a_forward_one(seed):
    # 演習の設定のまま (データは SEED で変わる)、中心差分は正解、前進差分は「前進差分」のヒントになること
    rng = np.random.default_rng(seed)
    X, y = make_spiral(rng)
    order = rng.permutation(len(X))
    X_train, y_train = X[order[:600]], y[order[:600]]
    params = numpy_init(np.random.default_rng(1), 8)
    loss, grads = numpy_loss_and_grads(params, X_train, y_train)
    eps = 1e-6
    params["W1"][0, 0] += eps
    loss_plus, _ = numpy_loss_and_grads(params, X_train, y_train)
    params["W1"][0, 0] -= 2 * eps
    loss_minus, _ = numpy_loss_and_grads(params, X_train, y_train)
    answer = {"analytic": grads["W1"][0, 0]}
    assert verdict("03-2", {**answer, "numerical": (loss_plus - loss_minus) / (2 * eps)}) == CORRECT
    for forward in ((loss_plus - loss) / eps, (loss - loss_minus) / eps):
        message = verdict("03-2", {**answer, "numerical": forward})
        assert message.startswith("❌") and "前進差分" in message, message


# ---- 演習 3: 隠れ層を 2 つにする ----

def make_spiral(rng, n_per_class=300, noise=0.2):
    """ノートブックの節 1 と同じらせんのデータです。"""
    points, labels = [], []
    for k in range(3):
        radius = np.linspace(0.05, 1.0, n_per_class)
        angle = np.linspace(4 * k, 4 * (k + 1), n_per_class) + rng.normal(0, noise, n_per_class)
        points.append(np.c_[radius * np.sin(angle), radius * np.cos(angle)])
        labels.append(np.full(n_per_class, k))
    return np.concatenate(points), np.concatenate(labels)


@pytest.fixture(scope="module")
def spiral():
    rng = np.random.default_rng(0)
    X, y = make_spiral(rng)
    order = rng.permutation(len(X))
    as_x = lambda a: torch.tensor(a, dtype=torch.float32)  # noqa: E731
    return as_x(X[order[:600]]), torch.tensor(y[order[:600]]), as_x(X[order[600:]]), torch.tensor(y[order[600:]])


def deeper_model(outputs=3, layers=3):
    torch.manual_seed(0)
    parts = [nn.Linear(2, 32), nn.ReLU()]
    if layers == 3:
        parts += [nn.Linear(32, 32), nn.ReLU()]
    return nn.Sequential(*parts, nn.Linear(32, outputs))


def train(model, X, y, zero_grad=True, optimizer_of=None):
    """演習の設定で学習します。optimizer_of に別のモデルを渡すと、そのモデルの最適化手法で step します
    (よくある間違い)。"""
    optimizer = torch.optim.SGD((optimizer_of or model).parameters(), lr=0.5)
    for _ in range(500):
        loss = F.cross_entropy(model(X), y)
        if zero_grad:
            optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model


def ex3(model, spiral):
    Xtr, ytr, Xte, yte = spiral
    return verdict("03-3", {"deeper": model, "SEED": 0, "Xtr": Xtr, "ytr": ytr, "Xte": Xte, "yte": yte})


def test_exercise_3_accepts_the_solution(spiral):
    Xtr, ytr, _, _ = spiral
    assert ex3(train(deeper_model(), Xtr, ytr), spiral) == CORRECT


def test_exercise_3_forgotten_zero_grad(spiral):
    Xtr, ytr, _, _ = spiral
    message = ex3(train(deeper_model(), Xtr, ytr, zero_grad=False), spiral)
    assert message.startswith("❌") and "zero_grad" in message and "95% に届きません" in message, message


def test_exercise_3_the_optimizer_of_another_model(spiral):
    # 節 8 の optimizer (model のパラメータ) で step すると、deeper は勾配だけが溜まって動きません
    Xtr, ytr, _, _ = spiral
    other = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 3))
    message = ex3(train(deeper_model(), Xtr, ytr, optimizer_of=other), spiral)
    assert message.startswith("❌") and "deeper.parameters() から作りましたか" in message, message


def test_exercise_3_trained_on_the_test_data(spiral):
    # テストデータで学習すると正解率は 100% 近くになりますが、正解にはしません
    _, _, Xte, yte = spiral
    message = ex3(train(deeper_model(), Xte, yte), spiral)
    assert message.startswith("❌") and "テストデータ (Xte, yte) で学習した" in message, message


def test_exercise_3_does_not_touch_the_learners_model_or_random_state(spiral):
    Xtr, ytr, _, _ = spiral
    model = train(deeper_model(), Xtr, ytr)
    before = [p.detach().clone() for p in model.parameters()]
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    assert ex3(model, spiral) == CORRECT
    assert torch.equal(torch.rand(3), expected)  # 確かめの前後で、学習者の乱数の続きが変わらない
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))


@pytest.mark.parametrize(("model", "phrase"), [
    (lambda: deeper_model(outputs=4), "出力 (点数) も 3 個"),
    (lambda: deeper_model(layers=2), "3 個にしてください"),
    (lambda: deeper_model().double(), "float32 ではありません"),
    (lambda: deeper_model(), "学習のループを実行しましたか"),  # 作っただけで学習していない
    (lambda: "nn.Sequential", "nn.Sequential(...) で作ったモデル"),
])
def test_exercise_3_names_the_likely_mistake(spiral, model, phrase):
    message = ex3(model(), spiral)
    assert message.startswith("❌") and phrase in message, message


def test_exercise_3_untouched(spiral):
    assert ex3(..., spiral).startswith(NOT_YET)
