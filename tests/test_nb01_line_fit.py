"""ノートブック 01: 直線の当てはめと、学習率を変えたときの結果について、本文の説明が
乱数の種 0〜9 のどれでも成り立つことを確かめます (`make test` は、ほかの CPU を模した設定でも
もう一度実行します)。
"""

import math
from itertools import pairwise

import pytest

from tools import NOTEBOOK_DIR
from tools.runner import run_notebook

NOTEBOOK = NOTEBOOK_DIR / "01_pytorch_overview.ipynb"
SEEDS = range(10)


def increases_after_the_first_epochs(history, within=5):
    """損失が最初の within エポックまでに底を打ち、その後は (inf になるまで) 減らないこと。"""
    finite = [v for v in history if math.isfinite(v)]
    lowest = finite.index(min(finite))
    return lowest <= within and all(b >= a for a, b in pairwise(finite[lowest:]))


@pytest.mark.parametrize("seed", SEEDS)
def test_default_fit_and_learning_rate_comparison(seed):
    r = run_notebook(NOTEBOOK, {"SEED": seed},
                     report=("fitted_weight", "fitted_bias", "TRUE_WEIGHT", "TRUE_BIAS", "losses", "runs"))
    # 節 9: 正解から 0.05 以内、最後の損失は雑音の分散 0.04 の近く (0.03〜0.05)
    assert abs(r["fitted_weight"] - r["TRUE_WEIGHT"]) <= 0.05, r["fitted_weight"]
    assert abs(r["fitted_bias"] - r["TRUE_BIAS"]) <= 0.05, r["fitted_bias"]
    assert 0.03 <= r["losses"][-1] <= 0.05, r["losses"][-1]

    slow, slow_w = r["runs"]["0.01"]
    default, _ = r["runs"]["0.1"]
    diverged, _ = r["runs"]["1.2"]
    # 0.01: 200 エポックでも損失はまだ下がり続け、w は 2 から 0.2 以上離れている
    assert slow[-1] < slow[-2] and abs(slow_w - 2.0) >= 0.2, (slow[-2:], slow_w)
    # 0.1: 雑音の分散 0.04 の近くまで下がる
    assert 0.03 <= default[-1] <= 0.05, default[-1]
    # 1.2: 最初の数エポックを過ぎると損失は増え続け、inf になる
    assert math.isinf(diverged[-1]) and increases_after_the_first_epochs(diverged)


@pytest.mark.parametrize("seed", SEEDS)
def test_learning_rate_1_2_in_the_parameters_cell_diverges(seed):
    r = run_notebook(NOTEBOOK, {"SEED": seed, "LEARNING_RATE": 1.2},
                     report=("fitted_weight", "fitted_bias", "losses"))
    assert math.isinf(r["losses"][-1])
    assert abs(r["fitted_weight"]) > 1e6 and abs(r["fitted_bias"]) > 1e6, r


def test_too_large_learning_rate_is_refused():
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError, match="LEARNING_RATE"):
        run_notebook(NOTEBOOK, {"LEARNING_RATE": 5.0})
