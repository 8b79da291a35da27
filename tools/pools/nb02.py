"""ノートブック 02 (ニューロンと最初の学習) のシードプール: 直線の当てはめ、学習率の比較、演習 2 の解答例。"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from tools.sweeps import Sweep, register


def rises_after_the_first_epochs(history: list[float], within: int = 5) -> bool:
    """損失が最初の ``within`` エポックまでに底を打ち、その後は (inf になるまで) 減らないこと。"""
    finite = [v for v in history if math.isfinite(v)]
    lowest = finite.index(min(finite))
    return lowest < within and all(b >= a for a, b in pairwise(finite[lowest:]))


def metrics(r: dict[str, Any]) -> dict[str, float]:
    slow, slow_w = r["runs"]["0.01"]
    default, _ = r["runs"]["0.1"]
    diverged, _ = r["runs"]["1.2"]
    return {
        "w_error": abs(r["fitted_weight"] - 2.0),
        "b_error": abs(r["fitted_bias"] - 1.0),
        "final_loss": r["losses"][-1],
        "gap_to_least_squares": max(abs(r["ls_weight"] - r["fitted_weight"]), abs(r["ls_bias"] - r["fitted_bias"])),
        "slow_w_distance": abs(slow_w - 2.0),
        "slow_final_loss": slow[-1],
        "slow_still_falling": float(slow[-1] < slow[-2]),
        "default_loss_at_50": default[49],
        "default_final_loss": default[-1],
        "diverged_final_is_inf": float(math.isinf(diverged[-1])),
        "diverged_first_inf_epoch": float(next((i + 1 for i, v in enumerate(diverged) if math.isinf(v)), -1)),
        "diverged_rises": float(rises_after_the_first_epochs(diverged)),
        "curve_error": max(abs(r["coef_x"] + 1.0), abs(r["coef_x2"] - 0.5), abs(r["coef_const"] - 2.0)),
    }


register("02_first_training", Sweep(
    "02_first_training.ipynb",
    report=("fitted_weight", "fitted_bias", "losses", "ls_weight", "ls_bias", "runs",
            "coef_x", "coef_x2", "coef_const"),
    metrics=metrics,
))
