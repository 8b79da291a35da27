"""ノートブック 02: 本文が述べる結果が、乱数の種 0〜9 のどれでも成り立つことを確かめます。

`make test` はこのファイルを、普通の環境と、別の PC を模した環境 (ATEN_CPU_CAPABILITY=default、
2 スレッド) の両方で実行します。どちらでも同じ帯に入ることを確かめるので、本文の範囲はここの帯と
そろえてあります。
"""

import itertools
import math

import pytest

from tools import NOTEBOOK_DIR
from tools.runner import run_notebook

NOTEBOOK = NOTEBOOK_DIR / "03_two_layer_network.ipynb"
REPORT = (
    "max_grad_rel_diff", "max_loss_diff",
    "test_accuracy", "linear_accuracy", "nearest_accuracy",
    "lr_losses", "momentum_trials", "schedule_results", "decay_losses", "adam_losses",
)


@pytest.fixture(scope="module", params=range(10), ids=lambda s: f"seed{s}")
def run(request):
    return run_notebook(NOTEBOOK, {"SEED": request.param}, report=REPORT)


def finals(runs):
    return [losses[-1] for losses in runs]


def test_gradients_and_losses_agree(run):
    # 本文: 「差は 1e-12 未満」(出力もこの言い方)
    assert run["max_grad_rel_diff"] < 1e-12, run["max_grad_rel_diff"]
    assert run["max_loss_diff"] < 1e-12, run["max_loss_diff"]


def test_spiral_accuracy_and_baselines(run):
    # 本文: 2 層ネットワーク 97〜100%、隠れ層なし 45〜60%、最近傍法 97〜100%
    acc = {k: run[k] for k in ("test_accuracy", "linear_accuracy", "nearest_accuracy")}
    assert 0.97 <= acc["test_accuracy"] <= 1.0, acc
    assert 0.45 <= acc["linear_accuracy"] <= 0.60, acc
    assert 0.97 <= acc["nearest_accuracy"] <= 1.0, acc
    assert acc["test_accuracy"] - acc["linear_accuracy"] >= 0.3, acc


def test_learning_rates(run):
    lr = run["lr_losses"]
    small, good, large = lr["小さすぎ (0.005)"], lr["ちょうどよい (0.5)"], lr["大きすぎ (100)"]
    # 本文: 最初の損失は約 1.1
    assert all(1.0 <= losses[0] <= 1.2 for losses in (small, good, large)), [small[0], good[0], large[0]]
    # 本文: 小さすぎは 300 エポック後も 0.6〜0.8、ちょうどよいは 0.01〜0.02
    assert 0.6 <= small[-1] <= 0.8, small[-1]
    assert 0.01 <= good[-1] <= 0.02, good[-1]
    # 本文: 大きすぎは最初の 10 エポックで 1 万以上に跳ね上がり、300 エポック後も 10 以上
    assert all(math.isfinite(v) for v in large), "損失が inf / nan になった"
    assert max(large[:10]) >= 1e4, max(large[:10])
    assert large[-1] >= 10, large[-1]


def test_momentum_comparison(run):
    m = run["momentum_trials"]
    plain_small = m["モーメンタムなし、学習率 0.5"][-1]
    plain_large = m["モーメンタムなし、学習率 5"][-1]
    momentum = m["モーメンタム 0.9、学習率 0.5"][-1]
    # 本文: なし 0.5 は 0.2〜0.35、なし 5 は 0.2 以上、モーメンタム付きは 0.01〜0.02
    assert 0.2 <= plain_small <= 0.35, plain_small
    assert plain_large >= 0.2, plain_large
    assert momentum <= 0.02, momentum
    # 本文: なし 5 の損失はぎざぎざに上下する (前のエポックより上がる回数を数える)
    ups = {k: sum(b > a for a, b in itertools.pairwise(v)) for k, v in m.items()}
    assert ups["モーメンタムなし、学習率 5"] >= 30, ups
    assert ups["モーメンタム 0.9、学習率 0.5"] <= 10, ups


def test_schedulers(run):
    r = {name: finals(runs) for name, runs in run["schedule_results"].items()}
    constant = run["lr_losses"]["ちょうどよい (0.5)"][-1]
    decay = run["decay_losses"][-1]
    large, warm = r["一定 3"], r["ウォームアップして 3"]
    assert all(len(v) == 5 for v in r.values()), r
    # 本文: 一定 0.5 は 0.01〜0.02 (test_learning_rates でも確かめている)
    assert 0.01 <= constant <= 0.02, constant
    # 本文: ウォームアップして 3 は 5 回のうち少なくとも 4 回は 0.003 未満で、一定 0.5 より 1 桁近く
    # 低い (5 倍以上)。壊れる (0.05 以上) のは多くても 1 回
    # (別の PC を模した環境では SEED=6 で 1 回壊れた。一定 3 は、どの SEED でも少なくとも 1 回壊れる)
    good_warm = sorted(warm)[:4]
    assert max(good_warm) < 0.003, warm
    assert max(good_warm) * 5 < constant, (warm, constant)
    assert sum(v >= 0.05 for v in warm) <= 1, warm
    # 本文: 一定 3 は 5 回のうち少なくとも 1 回は 0.05 以上で止まる
    assert max(large) >= 0.05, large
    # 本文: 減衰は一定 0.5 より高く、0.03〜0.06
    assert decay > constant, (decay, constant)
    assert 0.03 <= decay <= 0.06, decay


def test_adam_exercise(run):
    adam, sgd = run["adam_losses"], run["lr_losses"]["ちょうどよい (0.5)"]
    # 本文 (演習 4): どの時点でも SGD の方が低く、300 エポック後の Adam は 0.02〜0.05
    for epoch in (50, 100, 200, 300):
        assert sgd[epoch - 1] < adam[epoch - 1], (epoch, sgd[epoch - 1], adam[epoch - 1])
    assert 0.02 <= adam[-1] <= 0.05, adam[-1]

