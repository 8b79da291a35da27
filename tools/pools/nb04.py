"""ノートブック 04 (学習の基本) のシードプール。

- 04_training_basics: 20 点の学習データでの過学習 (学習と検証の損失の推移)、早期終了、多項式のベースラインの
  テストの誤差。
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tools.sweeps import Sweep, register


def training_basics_metrics(r: dict[str, Any]) -> dict[str, float]:
    train, val = np.array(r["history"]["学習"]), np.array(r["history"]["検証"])
    test_last, test_early, test_poly = r["test_mse"].values()  # 最後のエポック、早期終了、多項式 の順
    return {
        "epochs": len(val),
        "best_epoch": r["best_epoch"],  # 節 3: 検証の損失が最小のエポック (1 から数える)
        "val_min": float(val.min()),
        "val_last": float(val[-1]),
        "train_last": float(train[-1]),
        "val_last_over_min": float(val[-1] / val.min()),
        "val_last_over_train_last": float(val[-1] / train[-1]),
        "stop_epoch": r["stop_epoch"],  # 節 4: 早期終了で打ち切ったエポック
        "best_epoch_es": r["best_epoch_es"],  # 節 4: 戻した重みのエポック
        "test_last": test_last,
        "test_early": test_early,
        "test_poly": test_poly,
        "poly_degree": r["degree"],
    }


register("04_training_basics", Sweep(
    "04_training_basics.ipynb",
    report=("history", "best_epoch", "stop_epoch", "best_epoch_es", "test_mse", "degree"),
    metrics=training_basics_metrics,
))
