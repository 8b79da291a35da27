"""付録 05a (予測の比較の証拠): 本文の主張、種によらない数、演習の確かめ方のテストです。

本文が種について述べること (設定の候補の表、何か月先かごとの誤差) は、シードプール
data/seed_pool/05a_appendix_forecast_evidence.csv のどの 10 個の組でも、どちらの環境でも成り立つことを
確かめます。付録は 1 回の実行が重いので、種 0〜9 をその場で実行し直すテストは作りません (付録の学習の
手順は本編と同じで、本編のプールとの一致をここで確かめます)。
"""

import numpy as np
import pytest

from helpers import load_airline_passengers
from helpers.exercises import CORRECT, verdict
from tools.sweeps import BLOCK, Claim, claim_tests, read_pool

POOL = "05a_appendix_forecast_evidence"
BASELINES = ("latest", "drift", "sarima")


def most(flags, at_least=8):
    """10 個の種のうち ``at_least`` 個以上で成り立つ (本文の「たいてい」)。"""
    return int(np.sum(flags)) >= at_least


def med(b, key):
    return float(np.median(b[key]))


def lstm_above_the_best_other(b, period, h):
    """LSTM の h か月先の誤差が、ほかの 4 つの方法のいちばん良いものより大きい種 (真偽の配列)。"""
    others = np.minimum.reduce([b[f"{period}_{m}_h{h}"] for m in (*BASELINES, "ar")])
    return b[f"{period}_lstm_h{h}"] > others


LSTM_CANDIDATES = ("lstm_w6_h32", "lstm_w13_h8", "lstm_w13_h32", "lstm_w25_h32")

CLAIMS = [
    Claim("窓 6 は、LSTM でも線形自己回帰でもはっきり悪い結果です",
          lambda b: med(b, "tune_lstm_w6_h32") > 1.5 * med(b, "tune_lstm_w13_h32")
          and med(b, "tune_ar_w6") > 1.5 * med(b, "tune_ar_w13")),
    Claim("隠れ状態 8 は 32 より中央値が大きく",
          lambda b: med(b, "tune_lstm_w13_h8") > med(b, "tune_lstm_w13_h32")),
    Claim("窓 13 と窓 25 (隠れ状態 32) の中央値は近く (差は 2 割未満)",
          lambda b: abs(med(b, "tune_lstm_w25_h32") / med(b, "tune_lstm_w13_h32") - 1) < 0.2),
    Claim("どちらが小さいかは種によって入れ替わります",
          lambda b: 1 <= int(np.sum(b["tune_lstm_w13_h32"] < b["tune_lstm_w25_h32"])) <= BLOCK - 1),
    Claim("線形自己回帰では、窓 13 と窓 25 がほぼ同じです (中央値の差は 1 割未満)",
          lambda b: abs(med(b, "tune_ar_w25") / med(b, "tune_ar_w13") - 1) < 0.1),
    Claim("どの候補の LSTM も、たいていの種で線形自己回帰 (窓 13) より誤差が大きい結果です",
          lambda b: most(np.minimum.reduce([b[f"tune_{c}"] for c in LSTM_CANDIDATES]) > b["tune_ar_w13"])),
]
test_claims_hold_in_every_block_of_the_seed_pool, _, test_the_text_states_each_claim = claim_tests(POOL, CLAIMS)


# --- 本編と同じモデルであること -------------------------------------------------------------------------

def test_the_test_origin_models_are_the_models_of_notebook_05():
    """付録の起点 1958-12 のモデルは、本編と同じ種・同じ手順で学習したもの (同じ環境・同じ種で同じ成績)。"""
    appendix, main = read_pool(POOL), read_pool("05_lstm_forecasting")
    for env in main:
        for a, m in zip(appendix[env], main[env], strict=True):
            assert a["seed"] == m["seed"]
            for key in ("ar", "lstm"):
                assert a[f"test_{key}_h1"] == pytest.approx(m[f"{key}_1"], rel=1e-4), (env, a["seed"], key)
                assert a[f"path_{key}"] == pytest.approx(m[f"{key}_24"], rel=1e-3), (env, a["seed"], key)


# --- 種によらない数 -------------------------------------------------------------------------------------

def test_the_exercise_check_agrees_with_the_drift_baseline_in_the_pool():
    from helpers.exercises.n05a import _growth, _rmse_by_horizon

    row = read_pool(POOL)["reference"][0]
    drift = _rmse_by_horizon(_growth())
    assert drift == pytest.approx([row[f"test_drift_h{h}"] for h in range(1, 25)], abs=1e-3)


def test_sarima_prediction_interval_counts():
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    y = load_airline_passengers().values
    fit = SARIMAX(np.log(y[:120]), order=(0, 1, 1), seasonal_order=(0, 1, 1, 12)).fit(disp=False)
    forecast = fit.get_forecast(24)
    counts = []
    for alpha in (0.05, 0.2):
        low, high = np.exp(forecast.conf_int(alpha=alpha)).T
        counts.append(int(np.sum((y[120:] >= low) & (y[120:] <= high))))
    assert counts == [24, 23]


# --- 演習の確かめ方 -----------------------------------------------------------------------------------

def test_exercise_1_seasonal_naive_by_horizon():
    from helpers.exercises.n05a import _growth, _rmse_by_horizon

    right = _rmse_by_horizon(1.0)
    assert verdict("05a-1", {"snaive_rmse": right}) == CORRECT
    assert verdict("05a-1", {"snaive_rmse": np.array(right)}) == CORRECT
    assert "ドリフト" in verdict("05a-1", {"snaive_rmse": _rmse_by_horizon(_growth())})
    assert "まだ分かっていない月" in verdict("05a-1", {"snaive_rmse": _rmse_by_horizon(1.0, back_two_years=False)})
    assert "1 か月ずれて" in verdict("05a-1", {"snaive_rmse": _rmse_by_horizon(1.0, shift_months=1)})
    assert "長さ" in verdict("05a-1", {"snaive_rmse": right[:12]})
    assert verdict("05a-1", {"snaive_rmse": ...}).startswith("まだ")
