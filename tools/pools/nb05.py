"""ノートブック 05 (LSTM で時系列予測) と付録 05a のシードプール。

- 05_lstm_forecasting: 起点 1958-12 の 1 つの予測の成績 (1 か月先と、24 か月先までの RMSE) と、線形自己回帰の
  いちばん大きい重みが何か月前に掛かるか。学習のいらない方法の成績は種によらない数ですが、主張の判定が
  1 つの組の中で比べられるよう、同じ行に残します。
- 05a_appendix_forecast_evidence: 設定の候補の表 (調整用の起点での誤差、候補ごと) と、テスト用の起点での
  何か月先かごとの誤差 (線形自己回帰と LSTM)。付録はこの CSV を読んで表と図にします。
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tools.sweeps import Sweep, register

METHODS_05 = {"lstm": "LSTM", "ar": "線形自己回帰", "drift": "季節ナイーブ + ドリフト", "latest": "最新月ベースライン"}


def metrics_05(r: dict[str, Any]) -> dict[str, float]:
    scores = r["scores"]
    row = {}
    for key, name in METHODS_05.items():
        row[f"{key}_1"], row[f"{key}_24"] = (float(v) for v in scores[name])
    lags = np.arange(r["WINDOW"], 0, -1)
    row["ar_top_lag"] = float(lags[int(np.argmax(r["weights"]))])
    return row


register("05_lstm_forecasting", Sweep(
    "05_lstm_forecasting.ipynb",
    report=("scores", "weights", "WINDOW"),
    metrics=metrics_05,
))


HORIZONS = range(1, 25)
CANDIDATES_05A = ("ar_w6", "ar_w13", "ar_w25", "lstm_w6_h32", "lstm_w13_h8", "lstm_w13_h32", "lstm_w25_h32")
METHODS_05A = ("latest", "drift", "sarima", "ar", "lstm")


def metrics_05a(r: dict[str, Any]) -> dict[str, float]:
    row = {f"tune_{key}": float(np.mean(r["tuning"][key])) for key in CANDIDATES_05A}
    for period, table in (("tune", r["tuning"]), ("test", r["test"])):
        for method in METHODS_05A:
            row.update({f"{period}_{method}_h{h}": float(table[method][h - 1]) for h in HORIZONS})
    row.update({f"path_{method}": float(r["path_rmse"][method]) for method in METHODS_05A})
    return row


register("05a_appendix_forecast_evidence", Sweep(
    "05a_appendix_forecast_evidence.ipynb",
    report=("tuning", "test", "path_rmse"),
    metrics=metrics_05a,
))
