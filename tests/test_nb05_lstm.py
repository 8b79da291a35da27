"""ノートブック 05 (LSTM で時系列予測): 本文の主張、種によらない数、演習の確かめ方のテストです。

本文が種について述べること (「たいてい …」) は、シードプール data/seed_pool/05_lstm_forecasting.csv の
どの 10 個の組でも、どちらの環境でも成り立つことを確かめます (tools/sweeps.py の claim_tests)。
学習のいらない方法の数と、LSTM の 1 ステップの数は種によらないので、ここで計算し直して確かめます。
"""

import math

import nbformat
import numpy as np
import pytest

from helpers import load_airline_passengers
from helpers.exercises import CORRECT, verdict
from tools import NOTEBOOK_DIR, ROOT
from tools.sweeps import Claim, claim_tests, markdown_without_spaces, states

NOTEBOOK = NOTEBOOK_DIR / "05_lstm_forecasting.ipynb"


def most(flags, at_least=8):
    """10 個の種のうち ``at_least`` 個以上で成り立つ (本文の「たいてい」)。"""
    return int(np.sum(flags)) >= at_least


CLAIMS = [
    Claim("線形自己回帰は、この期間ではたいてい 4 つの中でいちばん誤差が小さい方法です",
          lambda b: most(b["ar_1"] < np.minimum.reduce([b["drift_1"], b["latest_1"], b["lstm_1"]]))),
    # 「1 割ほどまで」: どの種でも、線形自己回帰は季節ナイーブ + ドリフトの 0.88 倍以上
    Claim("ただし季節ナイーブ + ドリフトとの差は 1 割ほどまでです",
          lambda b: bool(np.all(b["ar_1"] >= 0.88 * b["drift_1"]))),
    Claim("LSTM は、たいてい線形自己回帰にも季節ナイーブ + ドリフトにも負けます",
          lambda b: most(b["lstm_1"] > np.maximum(b["ar_1"], b["drift_1"]))),
    # 「入れ替わる」: 10 個中、LSTM が勝つ種も負ける種も 2 個以上
    Claim("LSTM と最新月ベースラインの勝ち負けは、種によって入れ替わります",
          lambda b: 2 <= int(np.sum(b["lstm_1"] < b["latest_1"])) <= 8),
    # 「同じくらい」: 種の 8 割以上で差が 2 割以内、かつ中央値の差が 1 割以内
    Claim("季節ナイーブ + ドリフトと線形自己回帰が同じくらいで",
          lambda b: most(np.abs(b["ar_24"] / b["drift_24"] - 1) <= 0.2)
          and abs(np.median(b["ar_24"]) / np.median(b["drift_24"]) - 1) <= 0.1),
    # 「多い」: 10 個中 6 個以上 (40 個では 37 個。組の最小がちょうど 8 個で余裕がないので「たいてい」とは書かない)
    Claim("線形自己回帰のほうがやや小さい種が多い",
          lambda b: int(np.sum(b["ar_24"] < b["drift_24"])) >= 6),
    Claim("最新月ベースラインは大きく外れます",
          lambda b: bool(np.all(b["latest_24"] > 3 * np.maximum(b["drift_24"], b["ar_24"])))),
    Claim("LSTM の誤差は種によって 2 倍以上変わり",
          lambda b: b["lstm_24"].max() >= 2 * b["lstm_24"].min()),
    Claim("季節ナイーブ + ドリフトをはっきり下回る種はほとんどなく",  # 1 割以上小さい種が 10 個中 2 個まで
          lambda b: int(np.sum(b["lstm_24"] < 0.9 * b["drift_24"])) <= 2),
    Claim("季節ナイーブ + ドリフトの 2 倍より誤差が大きい種もあります",
          lambda b: bool(np.any(b["lstm_24"] > 2 * b["drift_24"]))),
    # 結論: このテスト期間の 1 か月先 (24 個の 1 か月先の予測の RMSE) で、LSTM が季節ナイーブ + ドリフトに負ける
    Claim("このテスト期間 (1959〜1960 年) では、LSTM は 1 か月先ではたいてい",
          lambda b: most(b["lstm_1"] > b["drift_1"])),
    Claim("24 か月先まででも半分以上の種で季節ナイーブ + ドリフトに負けました",
          lambda b: int(np.sum(b["lstm_24"] > b["drift_24"])) >= 5),
    Claim("いちばん大きな正の重みは 12 か月前",
          lambda b: bool(np.all(b["ar_top_lag"] == 12))),
    # まとめ: 1 か月先では 2 つのどちらも LSTM より誤差が小さい種が 8 個以上 (たいてい)
    Claim("このテスト期間では、1 か月先ではたいてい",
          lambda b: most(b["lstm_1"] > np.maximum(b["ar_1"], b["drift_1"]))),
    # まとめ: 24 か月先まででは 2 つのどちらも LSTM より誤差が小さい種が「半分以上」(本文の定義で 5 個以上。
    # プールの組の最小は 6 個)
    Claim("24 か月先まででも半分以上の種で、季節ナイーブ + ドリフトと線形自己回帰のどちらも LSTM より良い結果でした",
          lambda b: int(np.sum(b["lstm_24"] > np.maximum(b["ar_24"], b["drift_24"]))) >= 5),
]
test_claims_hold_in_every_block_of_the_seed_pool, test_claims_hold_for_seeds_0_to_9_run_here, \
    test_the_text_states_each_claim = claim_tests("05_lstm_forecasting", CLAIMS)


# --- 種によらない数 -------------------------------------------------------------------------------------

def baselines():
    """本文の 2 つのベースラインを、ノートブックとは別の書き方で計算し直します。"""
    y = load_airline_passengers().values
    truth = y[120:]
    latest_one = np.array([y[t - 1] * y[t - 12] / y[t - 13] for t in range(120, 144)])
    extended = list(y[:120])
    for t in range(120, 144):  # 予測を「前の月」として使いながらくり返します
        extended.append(extended[t - 1] * extended[t - 12] / extended[t - 13])
    latest_multi = extended[120:]
    growth = math.exp(np.mean([math.log(y[t] / y[t - 12]) for t in range(12, 120)]))
    drift_one = y[108:132] * growth
    drift_multi = np.array([y[108 + (h - 1) % 12] * growth ** ((h - 1) // 12 + 1) for h in range(1, 25)])

    def rmse(pred):
        return float(np.sqrt(np.mean((np.asarray(pred) - truth) ** 2)))

    return {"latest": (rmse(latest_one), rmse(latest_multi)), "drift": (rmse(drift_one), rmse(drift_multi))}


def test_baseline_numbers_quoted_in_the_text():
    scores = baselines()
    assert [round(v, 1) for v in scores["drift"]] == [15.9, 17.0]
    assert [round(v, 1) for v in scores["latest"]] == [19.7, 75.2]


def test_latest_month_example_in_the_text():
    y = load_airline_passengers().values
    assert (y[119], y[108], y[107]) == (337, 340, 336)  # 1958-12、1958-01、1957-12
    assert round(y[119] * y[108] / y[107]) == 341
    assert f"{y[119] / y[107]:.2f}" == "1.00"  # 節 6: 24 か月先まで、1 年の伸びを 337 ÷ 336 ≈ 1.00 倍と見る
    for phrase in ("1959 年は 1958 年の同じ月 × 最新の月の前年同月比 337 ÷ 336、1960 年は 1958 年の同じ月 × その 2 乗",
                   "1 年の伸びを 337 ÷ 336 ≈ 1.00 倍と見るため"):
        assert states(NOTEBOOK, phrase), phrase


def test_drift_example_in_the_text():
    """本文: 1959 年 1 月は、1958 年 1 月の 340 × 伸び 1.13 ≈ 384 (実際は 360)。伸びは学習期間の前年同月比
    (y[t] / y[t - 12]、t = 12〜119) の対数の平均を exp で戻した値。文献 5 の季節ナイーブ法とドリフト法を、対数で
    組み合わせた形 (対数で一定の量を足すことは、元の値に一定の割合を掛けること)。"""
    y = load_airline_passengers().values
    growth = math.exp(np.mean(np.log(y[12:120]) - np.log(y[:108])))
    assert (y[108], y[120], round(growth, 2)) == (340, 360, 1.13)
    assert round(y[108] * growth) == round(340 * 1.13) == 384
    # 小さな例: 2 年の比が 1.2 倍と 1.05 倍なら、対数の平均 0.116 を exp で戻して 1.12 倍
    small = np.mean(np.log([1.2, 1.05]))
    assert (round(float(small), 3), round(math.exp(small), 2)) == (0.116, 1.12)
    for phrase in ("伸びは学習期間の前年同月比 (1 年前の同じ月の何倍か) の対数の平均を exp で戻した値です",
                   "文献 5 の季節ナイーブ法とドリフト法を、対数で組み合わせた形です"):
        assert states(NOTEBOOK, phrase), phrase


def test_the_one_month_forecasts_start_from_actual_values():
    """節 6 の図: 1 か月先は、どの方法も実際の値から出発する。線形自己回帰・LSTM・最新月ベースラインは前の月
    (one_step は passengers[N_TRAIN - 1:-1]、latest_one は y[t - 1])、季節ナイーブ + ドリフトは 1 年前の同じ月
    (drift_one = y[t - 12] × 伸び。前の月は読まない)。"""
    y = load_airline_passengers().values.astype(float)
    growth = math.exp(np.mean(np.log(y[12:120]) - np.log(y[:108])))
    scores = baselines()
    drift_one = y[108:132] * growth  # テスト期間の各月 t の y[t - 12] × 伸び
    assert round(float(np.sqrt(np.mean((drift_one - y[120:]) ** 2))), 1) == round(scores["drift"][0], 1) == 15.9
    text = markdown_without_spaces(NOTEBOOK)
    phrase = "どの方法も実際の値 (前の月、季節ナイーブ + ドリフトは 1 年前の同じ月) から出発する"
    assert "".join(phrase.split()) in text
    assert "どの方法も前の月" not in text


def test_the_pool_agrees_with_the_baselines_computed_here():
    from tools.sweeps import read_pool

    scores = baselines()
    for rows in read_pool("05_lstm_forecasting").values():
        for row in rows:
            assert row["drift_1"] == pytest.approx(scores["drift"][0], abs=1e-4)
            assert row["drift_24"] == pytest.approx(scores["drift"][1], abs=1e-4)
            assert row["latest_1"] == pytest.approx(scores["latest"][0], abs=1e-4)
            assert row["latest_24"] == pytest.approx(scores["latest"][1], abs=1e-4)


def test_the_seed_shown_is_placed_in_the_record():
    """本文 (節 6): この教材を作った PC で種 40 個を実行した記録では、種 0 の LSTM の 1 か月先の誤差は大きいほう。

    記録の事実です: 2 つの環境のどちらでも、種 0 より誤差の大きい種は 40 個のうち 4 分の 1 (10 個) に満たない。
    """
    from tools.sweeps import read_pool

    for env, rows in read_pool("05_lstm_forecasting").items():
        seed_0 = next(row["lstm_1"] for row in rows if row["seed"] == 0)
        larger = sum(row["lstm_1"] > seed_0 for row in rows)
        assert len(rows) == 40 and larger < 10, (env, larger)
    phrase = ("この教材を作った PC で種 40 個を実行した記録 (付録 05a の節 5) では、"
              "種 0 の LSTM の 1 か月先の誤差は、40 個の中でも大きいほうです")
    assert states(NOTEBOOK, phrase)


def test_lstm_parameter_count_quoted_in_the_text():
    from torch import nn

    lstm, head = nn.LSTM(input_size=1, hidden_size=32, batch_first=True), nn.Linear(32, 1)
    assert sum(p.numel() for p in lstm.parameters()) == 4 * (32 + 32 * 32 + 32 + 32) == 4480
    assert sum(p.numel() for p in head.parameters()) == 33
    assert sum(p.numel() for p in [*lstm.parameters(), *head.parameters()]) == 4513
    # 節 6: 線形自己回帰 (窓 13) のパラメータは 13 個の重みとバイアスの 14 個
    assert sum(p.numel() for p in nn.Linear(13, 1).parameters()) == 14
    # 節 6: 隠れ状態 8 でもパラメータは 361 個で、組の数 (本編 94、付録 05a の調整用の起点 46・58・70) より多い
    small = [*nn.LSTM(input_size=1, hidden_size=8, batch_first=True).parameters(), *nn.Linear(8, 1).parameters()]
    assert sum(p.numel() for p in small) == 361
    pairs = [len(range(13 + 1, origin)) - 12 for origin in (72, 84, 96, 120)]  # 窓 13、検証の 12 組を除く
    assert pairs == [46, 58, 70, 94] and max(pairs) < 361
    for phrase in ("学習の組も 46〜70 組と少なめです",  # 調整用の起点の 3 つ
                   "隠れ状態 8 (パラメータ 361 個。まだ組の数より多い) の 1 通りを試しただけです",
                   "線形自己回帰は 14 個のパラメータでこの形を表せますが、LSTM は 4,513 個で"):
        assert states(NOTEBOOK, phrase), phrase


def test_both_baselines_are_special_cases_of_the_linear_ar_on_z():
    """本文は 1 文 (「どちらも線形自己回帰の特別な場合」)、重みは付録 05a の節 4: 最新月ベースラインは 12 か月前の
    重みだけが 1 でバイアスは 0、季節ナイーブ + ドリフトは 1〜11 か月前の重みがすべて −1、12・13 か月前の重みが 0 で、
    バイアスは (log G − 12 × MEAN) / STD ≈ 0.1。例: log 337 − log 340 ≈ −0.009、340 × 1.13 ≈ 384。
    """
    y = load_airline_passengers().values.astype(float)
    change = np.full(len(y), np.nan)
    change[1:] = np.diff(np.log(y))
    mean, std = change[1:120].mean(), change[1:120].std()
    z = (change - mean) / std
    growth = math.exp(np.mean(np.log(y[12:120]) - np.log(y[:108])))
    t = np.arange(120, 144)
    drift_weights = np.array([0.0, 0.0] + [-1.0] * 11)  # 13, 12, 11, …, 1 か月前 (窓の古い順)
    latest_weights = np.zeros(13)
    latest_weights[1] = 1.0  # 12 か月前
    drift_bias = (math.log(growth) - 12 * mean) / std
    assert round(drift_bias, 1) == 0.1
    assert round(math.log(y[119] / y[108]), 3) == round(float(np.sum(change[109:120])), 3) == -0.009  # 1958 年 2〜12 月
    for weights, bias, expected in [(drift_weights, drift_bias, y[t - 12] * growth),
                                    (latest_weights, 0.0, y[t - 1] * y[t - 12] / y[t - 13])]:
        z_hat = np.array([z[k - 13:k] @ weights + bias for k in t])
        assert y[t - 1] * np.exp(z_hat * std + mean) == pytest.approx(expected, rel=1e-9)
    in_05 = markdown_without_spaces(NOTEBOOK)
    in_05a = markdown_without_spaces(NOTEBOOK_DIR / "05a_appendix_forecast_evidence.ipynb")
    assert "どちらも線形自己回帰の特別な場合" in in_05 and "1〜11か月前の重みがすべて−1" not in in_05
    for phrase in ("12 か月前の重みだけが 1", "1〜11 か月前の重みがすべて −1、12・13 か月前の重みが 0",
                   "(\\log G - 12 \\times \\mathrm{MEAN}) / \\mathrm{STD} \\approx 0.1"):
        assert "".join(phrase.split()) in in_05a, phrase


def test_which_simple_method_wins_changes_with_the_period():
    """本文の結論の後: 設定選びに使った調整用の起点 (1954-12・1955-12・1956-12 までで学習。付録 05a の節 3・4。
    答え合わせは 1955〜1958 年) の 1 か月先では、最新月ベースラインの
    誤差が季節ナイーブ + ドリフトの半分ほど (種によらない数) になり、線形自己回帰と LSTM よりもたいてい小さい。
    「たいてい」より強く、付録のプールのすべての種 (どちらの環境でも) で確かめます。"""
    from tools.sweeps import read_pool

    for rows in read_pool("05a_appendix_forecast_evidence").values():
        for row in rows:
            assert 0.4 <= row["tune_latest_h1"] / row["tune_drift_h1"] <= 0.55
            assert row["tune_latest_h1"] < min(row["tune_ar_h1"], row["tune_lstm_h1"]), row["seed"]
    phrase = ("設定選びには **調整用の起点** (1954-12・1955-12・1956-12 までで学習。付録 05a の節 3・4。"
              "答え合わせは 1955〜1958 年) を使いました。その 1 か月先では、"
              "最新月ベースラインの誤差が季節ナイーブ + ドリフトの半分ほどになり、"
              "線形自己回帰と LSTM よりもたいてい小さくなりました (この 2 つは学習の組も 46〜70 組と少なめです)")
    assert states(NOTEBOOK, phrase)


def test_the_quantifier_words_are_defined_as_the_claims_test_them():
    """本文の「たいてい」「多い」「半分以上」「ほとんど〜ない」「はっきり」の定義は、上の主張の判定と同じ数です
    (most の 8 個、「多い」の 6 個、「半分以上」の 5 個、「ほとんど」の 2 個まで、「はっきり」の 0.9 倍)。"""
    # 前のセルが「種 40 個を実行した記録 (付録 05a の節 5)」を紹介し、定義はそれを「この記録」と呼びます
    record = "種 40 個を実行した記録 (付録 05a の節 5) では"
    definition = ("「たいてい」「多い」「半分以上」は、この記録を 10 個ずつ 4 組に分けると、どの組でも、2 つの計算環境"
                  " (ふつうの設定と、別の CPU をまねた設定) のどちらでも、それぞれ 8 個・6 個・5 個以上で成り立つ"
                  "という意味です。「ほとんど〜ない」は 10 個中 2 個まで、「はっきり」は 1 割以上の差です")
    text = markdown_without_spaces(NOTEBOOK)
    assert "".join(record.split()) in text and "".join(definition.split()) in text
    assert text.index("".join(record.split())) < text.index("".join(definition.split()))
    # 「2 つの計算環境」は、プールを作る 2 つの設定 (そのままの設定と、別の CPU の計算カーネルとスレッド数をまねた設定)
    from tools.sweeps import ENVIRONMENTS

    assert ENVIRONMENTS["reference"] == {} and set(ENVIRONMENTS) == {"reference", "perturbed"}
    assert {"ATEN_CPU_CAPABILITY", "OMP_NUM_THREADS"} <= set(ENVIRONMENTS["perturbed"])


def test_the_appendix_result_quoted_after_the_conclusion():
    """本文 (付録 05a の紹介): LSTM の誤差の中央値は、1〜8 か月先では 10 個ずつのどの組でもはっきり (1 割以上)、
    9〜24 か月先でも種 40 個全体では、ほかの方法のいちばん良いものより大きい。付録のプールの両方の環境、
    調整用とテスト用の両方の起点で確かめます (9〜24 か月先は、組ごとでは逆になる所が 1 か所あるので 40 個全体で)。"""
    from tools.sweeps import as_block, read_pool

    def best_other(b, period, h):  # LSTM 以外の 4 つの方法のいちばん小さい誤差 (線形自己回帰は中央値)
        return min(*(b[f"{period}_{m}_h{h}"][0] for m in ("latest", "drift", "sarima")),
                   float(np.median(b[f"{period}_ar_h{h}"])))

    for rows in read_pool("05a_appendix_forecast_evidence").values():
        blocks = [as_block(rows[start:start + 10]) for start in range(0, len(rows), 10)]
        for b, horizons, factor in [*((b, range(1, 9), 1.1) for b in blocks), (as_block(rows), range(9, 25), 1.0)]:
            for period in ("tune", "test"):
                for h in horizons:
                    lstm = float(np.median(b[f"{period}_lstm_h{h}"]))
                    assert lstm >= factor * best_other(b, period, h) and lstm > best_other(b, period, h), (period, h)
    phrase = ("LSTM の誤差の中央値は、1〜8 か月先では 10 個ずつのどの組でもはっきり、"
              "9〜24 か月先でも種 40 個全体では、ほかの方法のいちばん良いものより大きくなりました")
    assert states(NOTEBOOK, phrase)


def test_the_latest_month_path_is_low_in_both_test_years():
    """節 6 の図: 最新月ベースラインの 24 か月先までの予測は、1959 年で実測より 1 割ほど、1960 年で 2 割ほど低い
    (月ごとの低さの平均。どの月も実測より低い)。"""
    y = load_airline_passengers().values.astype(float)
    path = np.concatenate([y[108:120] * (y[119] / y[107]), y[108:120] * (y[119] / y[107]) ** 2])
    low = 1 - path / y[120:]
    assert np.all(low > 0)
    assert 0.08 <= low[:12].mean() <= 0.13 and 0.17 <= low[12:].mean() <= 0.23
    phrase = "最新月ベースライン (橙) が 1959 年には実測より 1 割ほど、1960 年には 2 割ほど低くなります"
    assert states(NOTEBOOK, phrase)


def test_section_1_and_2_numbers():
    """節 1: 山の大きさ (年の最大 − 最小) は、どの年もその年の月平均の 3〜5 割ほど (旅客数にほぼ比例)。
    節 2: 変化 0.112 なら 118 × exp(0.112) ≈ 132 (1949-03 の実際の値)。"""
    y = load_airline_passengers().values.astype(float)
    years = y[:120].reshape(10, 12)
    share = np.ptp(years, axis=1) / years.mean(axis=1)
    assert np.all((share > 0.3) & (share < 0.55))
    assert np.ptp(years[-1]) > 4 * np.ptp(years[0])  # 大きさそのものは 4 倍以上に
    assert round(math.log(y[2] / y[1]), 3) == 0.112 and round(118 * math.exp(0.112)) == y[2] == 132


# --- 演習の確かめ方 -----------------------------------------------------------------------------------

def test_exercise_1_latest_month_forecast():
    y = load_airline_passengers().values
    t = 132
    assert verdict("05-1", {"pred_1960_01": y[t - 1] * y[t - 12] / y[t - 13]}) == CORRECT
    assert "季節ナイーブ" in verdict("05-1", {"pred_1960_01": y[t - 12]})
    assert "実際の値を使っています" in verdict("05-1", {"pred_1960_01": y[t] * y[t - 11] / y[t - 12]})
    assert "逆さま" in verdict("05-1", {"pred_1960_01": y[t - 1] * y[t - 13] / y[t - 12]})
    exact = y[t - 1] * y[t - 12] / y[t - 13]
    assert "丸めずに" in verdict("05-1", {"pred_1960_01": round(exact)})  # 433
    assert "丸めずに" in verdict("05-1", {"pred_1960_01": int(exact)})  # 432 (切り捨て)
    assert verdict("05-1", {"pred_1960_01": round(exact, 1)}) == CORRECT  # 小数 1 桁なら許す誤差の中
    assert "値が違います" in verdict("05-1", {"pred_1960_01": exact / 1000})
    assert "1 つの数" in verdict("05-1", {"pred_1960_01": [1.0, 2.0]})
    assert verdict("05-1", {"pred_1960_01": ...}).startswith("まだ")


def lstm_step(x, c_prev=0.5):
    def sigmoid(v):
        return 1 / (1 + math.exp(-v))

    f, i, g, o = sigmoid(2 * x), sigmoid(0.0), math.tanh(x), sigmoid(x)
    c = f * c_prev + i * g
    return c, o * math.tanh(c), (f, i, g, o)


def test_exercise_2_lstm_step_by_hand():
    import torch

    c, h, (_f, i, g, o) = lstm_step(-1.0)
    assert verdict("05-2", {"c_new": c, "h_new": h}) == CORRECT
    assert verdict("05-2", {"c_new": torch.tensor(c), "h_new": torch.tensor([h])}) == CORRECT
    c_old, h_old, _ = lstm_step(1.0)
    assert "x = -1.0" in verdict("05-2", {"c_new": c_old, "h_new": h_old})
    assert "f × c_prev" in verdict("05-2", {"c_new": i * g, "h_new": o * math.tanh(i * g)})
    assert "tanh(c_new)" in verdict("05-2", {"c_new": c, "h_new": o * c})
    assert verdict("05-2", {"c_new": ..., "h_new": h}).startswith("まだ")


def test_the_lstm_step_in_section_5_matches_the_printed_numbers():
    c, h, (f, i, g, o) = lstm_step(1.0)
    assert [round(v, 3) for v in (f, i, o, g, c, h)] == [0.881, 0.5, 0.731, 0.762, 0.821, 0.494]


def test_exercise_3_tokyo_baselines():
    from helpers import load_tokyo_temperature

    temps = load_tokyo_temperature().values
    n = len(temps) - 24
    actual = temps[n:]
    snaive = float(np.sqrt(np.mean((np.tile(temps[n - 12:n], 2) - actual) ** 2)))
    normal = float(np.sqrt(np.mean((np.tile(temps[n - 360:n].reshape(30, 12).mean(axis=0), 2) - actual) ** 2)))
    assert (round(snaive, 2), round(normal, 2)) == (1.60, 1.30)  # 本文の演習 4 は「30 年平均のほうが小さい」
    normals = np.tile(temps[n - 360:n].reshape(30, 12).mean(axis=0), 2)
    assert round(float(np.mean(actual - normals)), 1) == 0.5  # 演習 4: 「平均で約 0.5 ℃ 低く予測」
    # 演習 4: 移転 (2014-12-02、新しい場所は約 0.9 ℃ 低い。出典は data/README.md と同じ) の前の値を
    # 0.9 ℃ 下げると、30 年平均は 1.69 ℃ で季節ナイーブ (1.60 ℃、2021 年は移転の後なので変わらない) と順位が入れ替わる
    moved = [str(m) for m in load_tokyo_temperature().months].index("2014-12")
    corrected = temps.copy()
    corrected[:moved] -= 0.9
    normals_corrected = np.tile(corrected[n - 360:n].reshape(30, 12).mean(axis=0), 2)
    assert round(float(np.sqrt(np.mean((normals_corrected - actual) ** 2))), 2) == 1.69 > round(snaive, 2)
    # 演習 4: 旧観測所の暖かい値が低さを「一部打ち消して」いた (補正すると低さは約 1.2 ℃ に広がる)
    assert round(float(np.mean(actual - normals_corrected)), 1) == 1.2
    assert n - 12 > moved  # 季節ナイーブの 2021 年は補正の外
    source = "気象庁観測部 2016『測候時報』83 巻"  # 演習 4 が 0.9 ℃ に添える出典は、data/README.md と同じ
    assert source in (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert states(NOTEBOOK, f"約 0.9 ℃ 低く出ます。{source}")
    assert verdict("05-3", {"rmse_snaive": snaive, "rmse_normal": normal}) == CORRECT
    assert "入れ違って" in verdict("05-3", {"rmse_snaive": normal, "rmse_normal": snaive})
    assert "MSE" in verdict("05-3", {"rmse_snaive": snaive**2, "rmse_normal": normal})
    def rmse(pred):
        return float(np.sqrt(np.mean((pred - actual) ** 2)))

    # 30 年平均の窓がテスト期間と重なる: 1994〜2023 年、1993〜2022 年 (1 年ずれ)
    for end in (len(temps), n + 12):
        with_test = rmse(np.tile(temps[end - 360:end].reshape(30, 12).mean(axis=0), 2))
        message = verdict("05-3", {"rmse_snaive": snaive, "rmse_normal": with_test})
        assert "30 年平均にテスト期間 (2022〜2023 年) の値" in message, end
    # 季節ナイーブにテスト期間の 1 年 (2022 年でも 2023 年でも) を使う
    for year in (actual[:12], actual[12:]):
        message = verdict("05-3", {"rmse_snaive": rmse(np.tile(year, 2)), "rmse_normal": normal})
        assert "季節ナイーブにテスト期間 (2022〜2023 年) の値" in message
    # 月ごとではない平均: 30 年全体で 1 つ、連続する 30 か月ずつ (reshape(12, 30))
    thirty = temps[n - 360:n]
    for wrong in (np.full(24, thirty.mean()), np.tile(thirty.reshape(12, 30).mean(axis=1), 2)):
        message = verdict("05-3", {"rmse_snaive": snaive, "rmse_normal": rmse(wrong)})
        assert "月ごとの平均になっていません" in message
    assert "rmse_snaive は正しい" in verdict("05-3", {"rmse_snaive": snaive, "rmse_normal": 0.5})
    # 節 6 の rmse (旅客数のテスト期間と比べる) をそのまま使った答え
    passengers = load_airline_passengers().values[120:]
    with_passengers = [float(np.sqrt(np.mean((np.tile(p, 2) - passengers) ** 2)))
                       for p in (temps[n - 12:n], temps[n - 360:n].reshape(30, 12).mean(axis=0))]
    assert "節 6 の rmse" in verdict("05-3", {"rmse_snaive": with_passengers[0], "rmse_normal": with_passengers[1]})
    assert "節 6 の rmse" in verdict("05-3", {"rmse_snaive": snaive, "rmse_normal": with_passengers[1]})
    assert verdict("05-3", {"rmse_snaive": snaive, "rmse_normal": ...}).startswith("まだ")
    assert verdict("05-3", {"rmse_snaive": ..., "rmse_normal": ...}).startswith("まだ")


def test_exercises_show_their_keys_and_check_cells_import_check():
    """演習の見出しは「### 演習 N (05-N) 題」、確かめのセルは import と check の 2 行 (再起動の後でも動く)。"""
    import re

    nb = nbformat.read(NOTEBOOK, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    checks = [c.source for c in nb.cells if c.cell_type == "code" and "solution" not in c.metadata.get("tags", [])
              and "check(" in c.source]
    keys = [re.search(r'check\("([^"]+)"\)', s).group(1) for s in checks]
    assert keys == ["05-1", "05-2", "05-3"]
    for number, (key, source) in enumerate(zip(keys, checks, strict=True), start=1):
        assert source == f'from helpers import check\n\ncheck("{key}")'
        assert re.search(rf"^### 演習 {number} \({key}\) \S", markdown, re.MULTILINE), key
    assert 'hint("05-1")' in markdown
