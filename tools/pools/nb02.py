"""ノートブック 02 (ニューロンと最初の学習) のシードプール: 直線の当てはめ、学習率の比較、演習 2 の解答例。"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

import numpy as np

from tools.sweeps import Sweep, register


def lowest_epoch(history: list[float]) -> int:
    """損失がいちばん小さかったエポックの番号 (0 から数える。inf は除く)。"""
    finite = [v for v in history if math.isfinite(v)]
    return finite.index(min(finite))


def rises_after_the_lowest(history: list[float]) -> bool:
    """いちばん小さかったエポックの後は、(inf になるまで) 損失が 1 度も減らないこと。"""
    finite = [v for v in history if math.isfinite(v)]
    return all(b >= a for a, b in pairwise(finite[lowest_epoch(history):]))


def median_growth(history: list[float], start: int = 10, stop: int = 100) -> float:
    """エポック start〜stop の、1 エポックごとの損失の倍率の中央値。"""
    values = np.array(history[start:stop + 1])
    return float(np.median(values[1:] / values[:-1]))


def metrics(r: dict[str, Any]) -> dict[str, float]:
    slow, slow_w = r["runs"]["0.01"]
    default, _ = r["runs"]["0.1"]
    diverged, _ = r["runs"]["1.2"]
    first_inf = next((i + 1 for i, v in enumerate(diverged) if math.isinf(v)), -1)  # 1 から数えたエポック
    return {
        "w_error": abs(r["fitted_weight"] - 2.0),
        "b_error": abs(r["fitted_bias"] - 1.0),
        "final_loss": r["losses"][-1],
        "true_line_loss": r["true_line_loss"],
        "gap_to_true_line_loss": abs(r["losses"][-1] - r["true_line_loss"]),
        "gap_to_least_squares": max(abs(r["ls_weight"] - r["fitted_weight"]), abs(r["ls_bias"] - r["fitted_bias"])),
        "slow_w_distance": abs(slow_w - 2.0),
        "slow_final_loss": slow[-1],
        "slow_still_falling": float(slow[-1] < slow[-2]),
        "default_loss_at_50": default[49],
        "default_final_loss": default[-1],
        "diverged_final_is_inf": float(math.isinf(diverged[-1])),
        "diverged_first_inf_epoch": float(first_inf),
        "diverged_inf_to_the_end": float(first_inf > 0 and all(math.isinf(v) for v in diverged[first_inf - 1:])),
        "diverged_lowest_epoch": float(lowest_epoch(diverged)),
        "diverged_rises_after_lowest": float(rises_after_the_lowest(diverged)),
        "diverged_growth": median_growth(diverged),
        "curve_error": max(abs(r["coef_x"] + 1.0), abs(r["coef_x2"] - 0.5), abs(r["coef_const"] - 2.0)),
    }


register("02_first_training", Sweep(
    "02_first_training.ipynb",
    report=("fitted_weight", "fitted_bias", "losses", "true_line_loss", "ls_weight", "ls_bias", "runs",
            "coef_x", "coef_x2", "coef_const"),
    metrics=metrics,
))
