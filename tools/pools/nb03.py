"""ノートブック 03 (2 層ニューラルネットワーク) と付録 03a (学習率) のシードプール。

- 03_two_layer_network: らせんの学習 (2 層、隠れ層なし、最近傍法)、演習 3 の 3 層、手書きと PyTorch の一致。
- 03a_appendix_learning_rate: 学習率の大小、モーメンタム、スケジューラ、Adam の比較。
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from tools.sweeps import Sweep, register


def two_layer_metrics(r: dict[str, Any]) -> dict[str, float]:
    history = r["history"]
    return {
        "test_accuracy": r["test_accuracy"],
        "train_accuracy": r["train_accuracy"],
        "linear_accuracy": r["linear_accuracy"],
        "nearest_accuracy": r["nearest_accuracy"],
        "deeper_accuracy": r["deeper_accuracy"],
        "first_loss": history[0],
        "final_loss": history[-1],
        "largest_rise": max(b - a for a, b in pairwise(history)),
        "max_grad_rel_diff": r["max_grad_rel_diff"],
        "max_loss_diff": r["max_loss_diff"],
    }


register("03_two_layer_network", Sweep(
    "03_two_layer_network.ipynb",
    report=("history", "train_accuracy", "test_accuracy", "linear_accuracy", "nearest_accuracy", "deeper_accuracy",
            "max_grad_rel_diff", "max_loss_diff"),
    metrics=two_layer_metrics,
))


def appendix_metrics(r: dict[str, Any]) -> dict[str, float]:
    lr, momentum, adam = r["lr_runs"], r["momentum_runs"], r["adam_runs"]
    large = lr["大きすぎ (100)"]
    constant3 = [losses[-1] for losses in r["schedule_results"]["一定 3"]]
    warm3 = [losses[-1] for losses in r["schedule_results"]["ウォームアップして 3"]]
    return {
        "first_loss_max_gap": max(abs(losses[0] - 1.1) for losses in lr.values()),
        "small_final": lr["小さすぎ (0.01)"][-1],
        "base_final": lr["本編の値 (1)"][-1],
        "large_max_first10": max(large[:10]),
        "large_final": large[-1],
        "large_all_finite": float(all(math.isfinite(v) for v in large)),
        "plain10_final": momentum["モーメンタムなし、学習率 10"][-1],
        "plain10_ups": r["momentum_ups"]["モーメンタムなし、学習率 10"],
        "momentum_final": momentum["モーメンタム 0.9、学習率 1"][-1],
        "momentum_ups": r["momentum_ups"]["モーメンタム 0.9、学習率 1"],
        "decay_final": r["decay_losses"][-1],
        "constant3_failures": float(sum(v >= 0.05 for v in constant3)),
        "constant3_best": min(constant3),
        "warm3_failures": float(sum(v >= 0.05 for v in warm3)),
        "warm3_worst": max(warm3),
        "warm3_median": sorted(warm3)[2],
        "adam0.001_final": adam["Adam、学習率 0.001"][-1],
        "adam0.01_final": adam["Adam、学習率 0.01"][-1],
        "adam0.1_final": adam["Adam、学習率 0.1"][-1],
    }


register("03a_appendix_learning_rate", Sweep(
    "03a_appendix_learning_rate.ipynb",
    report=("lr_runs", "momentum_runs", "momentum_ups", "decay_losses", "schedule_results", "adam_runs"),
    metrics=appendix_metrics,
))
