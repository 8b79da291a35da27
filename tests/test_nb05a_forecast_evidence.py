"""付録 05a (予測の比較の証拠): 本文の主張、種によらない数、演習の確かめ方のテストです。

本文が種について述べること (設定の候補の表、何か月先かごとの誤差) は、シードプール
data/seed_pool/05a_appendix_forecast_evidence.csv のどの 10 個の組でも、どちらの環境でも成り立つことを
確かめます。付録は 1 回の実行が重いので、種 0〜9 をその場で実行し直すテストは作りません (付録の学習の
手順は本編と同じで、本編のプールとの一致をここで確かめます)。そのため調整用の起点の列 (tune_*) は新しい PC で
作り直されません。付録のコードを変えたときは、`make sweeps NAMES=05a_appendix_forecast_evidence` でプールを
作り直してください。
"""

import nbformat
import numpy as np
import pytest

from helpers import load_airline_passengers
from helpers.exercises import CORRECT, verdict
from tools import NOTEBOOK_DIR
from tools.sweeps import Claim, as_block, claim_tests, markdown_without_spaces, pool_failures, read_pool, states

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
PERIODS = ("tune", "test")


def best_other_median(b, period, h):
    """h か月先で、LSTM 以外の 4 つの方法のいちばん小さい誤差 (線形自己回帰は中央値)。"""
    return min(*(b[f"{period}_{m}_h{h}"][0] for m in BASELINES), med(b, f"{period}_ar_h{h}"))


def lstm_wins_somewhere_far(b):
    """9〜24 か月先のどこかで、LSTM がほかの 4 つの方法のすべてより小さい種がある。"""
    return any(np.any(~lstm_above_the_best_other(b, period, h)) for period in PERIODS for h in range(9, 25))


def windows_13_and_25_differ_less_than_half_the_seed_range(b):
    """LSTM の窓 13 と窓 25 (隠れ状態 32) の中央値の差が、どちらの候補の「最小から最大まで」の半分よりも小さい。"""
    lstm13, lstm25 = b["tune_lstm_w13_h32"], b["tune_lstm_w25_h32"]
    return abs(np.median(lstm25) - np.median(lstm13)) < 0.5 * min(np.ptp(lstm13), np.ptp(lstm25))


def ar_over_drift(b, h):
    """テスト用の起点の h か月先で、線形自己回帰の中央値 ÷ 季節ナイーブ + ドリフト。"""
    return med(b, f"test_ar_h{h}") / b[f"test_drift_h{h}"][0]


def ar_and_drift_within_15_percent(b):
    """「1 割余りまで」: 1〜12 か月先のどの h でも、線形自己回帰の中央値と季節ナイーブ + ドリフトの差が 15% 以内。"""
    return all(abs(ar_over_drift(b, h) - 1) <= 0.15 for h in range(1, 13))


def drift_below_ar_at_most_horizons_2_to_12(b):
    """「2〜12 か月先の多くの h」: 11 個の h のうち 8 個以上で、季節ナイーブ + ドリフトが線形自己回帰の中央値より
    「わずかに」小さい (1 割未満の差で小さい。どの h でも差は 1 割余りまで)。"""
    return ar_and_drift_within_15_percent(b) and sum(1 < ar_over_drift(b, h) < 1.1 for h in range(2, 13)) >= 8


def best_method(b, period, h):
    """h か月先でいちばん誤差の小さい方法 (線形自己回帰と LSTM は中央値で比べます)。"""
    errors = {m: b[f"{period}_{m}_h{h}"][0] for m in BASELINES}
    errors.update({m: med(b, f"{period}_{m}_h{h}") for m in ("ar", "lstm")})
    return min(errors, key=errors.get)


def lstm_loses_to_ar_and_to_the_better_baseline(b):
    """1〜8 か月先の LSTM の中央値が、どちらの起点でも、線形自己回帰の中央値にも、学習のいらない 2 つの
    ベースライン (最新月ベースラインと季節ナイーブ + ドリフト) の良いほうにも負ける。"""
    return all(med(b, f"{p}_lstm_h{h}") > max(med(b, f"{p}_ar_h{h}"),
                                              min(b[f"{p}_{m}_h{h}"][0] for m in ("latest", "drift")))
               for p in PERIODS for h in range(1, 9))


def best_method_changes_at_every_horizon(b):
    """h = 1〜24 のどの h でも、調整用の起点といちばん良い方法が、テスト用の起点では別の方法になる。"""
    return all(best_method(b, "tune", h) != best_method(b, "test", h) for h in range(1, 25))


def lstm_band_widens_far_out(b):
    """LSTM の帯 (10〜90%) の幅の平均が、h = 21〜24 では h = 1〜4 の 2 倍より大きい (どちらの起点でも)。"""
    def width(p, hs):
        return np.mean([np.subtract(*np.percentile(b[f"{p}_lstm_h{h}"], [90, 10])) for h in hs])
    return all(width(p, range(21, 25)) > 2 * width(p, range(1, 5)) for p in PERIODS)


CLAIMS = [
    # 節 3: 設定の候補 (調整用の起点での 1〜24 か月先の RMSE の平均)
    Claim("窓 6 は、LSTM でも線形自己回帰でもはっきり悪くなりました (中央値で窓 13 の 2 倍以上)",
          lambda b: med(b, "tune_lstm_w6_h32") >= 2 * med(b, "tune_lstm_w13_h32")
          and med(b, "tune_ar_w6") >= 2 * med(b, "tune_ar_w13")),
    # 窓 13 → 6 での悪くなり方 (中央値の比) が、LSTM のほうが線形自己回帰より大きい
    Claim("窓 13 から窓 6 にしたときの悪くなり方は、LSTM (中央値で約 3 倍) のほうが線形自己回帰 (約 2.3 倍) より大きく",
          lambda b: med(b, "tune_lstm_w6_h32") / med(b, "tune_lstm_w13_h32")
          > 1.05 * med(b, "tune_ar_w6") / med(b, "tune_ar_w13")),
    Claim("窓 13 と窓 25 (隠れ状態 32) の中央値の差は、"
          "同じ設定で種を変えたときの違い (最小から最大まで) の半分より小さく",
          windows_13_and_25_differ_less_than_half_the_seed_range),
    Claim("どちらも隠れ状態 8 より中央値が小さくなりました",
          lambda b: max(med(b, "tune_lstm_w13_h32"), med(b, "tune_lstm_w25_h32")) < med(b, "tune_lstm_w13_h8")),
    # まとめ: 「2 割以上」を、選んだ設定 (窓 13・隠れ状態 32) の中央値の 1.2 倍以上で確かめます
    Claim("隠れ状態 8 も、選んだ隠れ状態 32 より中央値で 2 割以上悪くなりました",
          lambda b: med(b, "tune_lstm_w13_h8") >= 1.2 * med(b, "tune_lstm_w13_h32")),
    Claim("LSTM の窓 13 と 25 の中央値の差は、種を変えたときの違い (最小から最大まで) の半分より小さく",
          windows_13_and_25_differ_less_than_half_the_seed_range),
    Claim("線形自己回帰では、窓 13 と窓 25 がほぼ同じです (中央値の差は 1 割未満)",
          lambda b: abs(med(b, "tune_ar_w25") / med(b, "tune_ar_w13") - 1) < 0.1),
    Claim("LSTM の中央値は、どの候補でも線形自己回帰 (窓 13) の中央値より大きくなりました",
          lambda b: min(med(b, f"tune_{c}") for c in LSTM_CANDIDATES) > med(b, "tune_ar_w13")),
    # 節 4: 何か月先かごとの誤差。調整用の起点の数は、その起点で選んだ設定のもの (それでも LSTM は負ける)
    Claim("調整用の起点の LSTM の中央値は、1〜24 か月先のどの h でも、ほかの 4 つの方法のいちばん良いものより"
          "大きくなりました",
          lambda b: all(med(b, f"tune_lstm_h{h}") > best_other_median(b, "tune", h) for h in range(1, 25))),
    Claim("1〜8 か月先では、調整用の起点とテスト用の起点のどちらでも、"
          "LSTM の誤差の中央値はほかの 4 つの方法のいちばん良いものより大きくなりました",
          lambda b: all(med(b, f"{p}_lstm_h{h}") > best_other_median(b, p, h) for p in PERIODS for h in range(1, 9))),
    Claim("学習のいらない 2 つのベースラインの良いほうにも負ける) は、"
          "中央値で比べても、1〜8 か月先に広げても、調整用の起点に移しても変わりません",
          lstm_loses_to_ar_and_to_the_better_baseline),
    Claim("どの組にも LSTM がいちばん小さくなる種があり", lstm_wins_somewhere_far),
    # 「いちばん良い方法」は、線形自己回帰と LSTM を中央値で比べます (h = 1〜24 のどれでも入れ替わる)
    Claim("いちばん良い方法は、どの h でも、調整用の起点とテスト用の起点とで入れ替わります",
          best_method_changes_at_every_horizon),
    Claim("最新月ベースラインと SARIMA の誤差が、季節ナイーブ + ドリフトの半分ほどです",
          lambda b: all(0.4 <= b[f"tune_{m}_h1"][0] / b["tune_drift_h1"][0] <= 0.55 for m in ("latest", "sarima"))),
    Claim("最新月ベースラインはどの h でも季節ナイーブ + ドリフトより悪く",
          lambda b: all(b[f"test_latest_h{h}"][0] > b[f"test_drift_h{h}"][0] for h in range(1, 25))),
    Claim("SARIMA も 2 か月先からは季節ナイーブ + ドリフトより誤差が大きくなりました",
          lambda b: all(b[f"test_sarima_h{h}"][0] > b[f"test_drift_h{h}"][0] for h in range(2, 25))),
    Claim("テスト用の起点の 1〜12 か月先では、線形自己回帰 (中央値) と季節ナイーブ + ドリフトの差は 1 割余りまでです",
          ar_and_drift_within_15_percent),
    Claim("1 か月先は線形自己回帰のほうが小さく", lambda b: ar_over_drift(b, 1) < 1),
    Claim("2〜12 か月先の多くの h (11 個のうち 8 個以上) では、学習のいらない季節ナイーブ + ドリフトのほうが"
          "わずかに小さくなりました",
          drift_below_ar_at_most_horizons_2_to_12),
    # まとめ (節 4 と同じ判定)
    Claim("いちばん良い方法 (線形自己回帰と LSTM は種 40 個の中央値で比べます) は、どの h でも、"
          "調整用の起点とテスト用の起点とで入れ替わります",
          best_method_changes_at_every_horizon),
    Claim("線形自己回帰 (中央値) と季節ナイーブ + ドリフトの差は 1 割余りまでで、"
          "2〜12 か月先の多くの h では季節ナイーブ + ドリフトのほうがわずかに小さくなりました",
          drift_below_ar_at_most_horizons_2_to_12),
    Claim("季節ナイーブ + ドリフトの 21〜24 か月先の誤差がとても小さい",
          lambda b: all(b[f"test_drift_h{h}"][0] < 0.4 * b["test_drift_h1"][0] for h in range(21, 25))),
    # 節 6: 起点 1958-12 からの 24 か月 (種によらない数。どの行も同じ値です)
    Claim("起点 1958-12 からの 24 か月の RMSE は、SARIMA が 43.2 で、季節ナイーブ + ドリフト (17.0) の 2 倍以上でした",
          lambda b: round(b["path_sarima"][0], 1) == 43.2 and round(b["path_drift"][0], 1) == 17.0
          and b["path_sarima"][0] > 2 * b["path_drift"][0]),
    # まとめ (「はっきり」は 1 割以上の差)
    Claim("1〜8 か月先ではっきり",
          lambda b: all(med(b, f"{p}_lstm_h{h}") >= 1.1 * best_other_median(b, p, h)
                        for p in PERIODS for h in range(1, 9))),
    Claim("遠い h では種による違いが大きく", lstm_band_widens_far_out),
    Claim("LSTM がいちばん良くなる種もあります", lstm_wins_somewhere_far),
    # 演習 2 の考察の例
    Claim("季節ナイーブ + ドリフトの 24 か月先の誤差は 1 か月先の 2 倍ほどあります",
          lambda b: 1.7 <= b["tune_drift_h24"][0] / b["tune_drift_h1"][0] <= 2.5),
]
test_claims_hold_in_every_block_of_the_seed_pool, _, test_the_text_states_each_claim = claim_tests(POOL, CLAIMS)


def test_the_chosen_setting_has_the_smallest_median_over_all_40_seeds():
    # 本文: 「40 個の種の中央値がいちばん小さいのは窓 13・隠れ状態 32」(候補はこの 40 個の種の表から 1 度だけ選びます)
    for rows in read_pool(POOL).values():
        medians = {c: np.median([r[f"tune_{c}"] for r in rows]) for c in LSTM_CANDIDATES}
        assert min(medians, key=medians.get) == "lstm_w13_h32", medians


def test_the_40_seed_medians_quoted_in_the_text():
    """節 3 とまとめが引く、種 40 個の中央値 (ふつうの設定の記録。節 3 の表と同じ数)。"""
    b = as_block(read_pool(POOL)["reference"])
    keys = ("lstm_w13_h32", "lstm_w25_h32", "lstm_w13_h8", "ar_w25", "ar_w13")
    quoted = {key: round(med(b, f"tune_{key}"), 1) for key in keys}
    assert quoted == {"lstm_w13_h32": 35.6, "lstm_w25_h32": 39.3, "lstm_w13_h8": 47.7, "ar_w25": 27.4, "ar_w13": 27.7}
    for phrase in ("40 個の種の中央値がいちばん小さいのは窓 13・隠れ状態 32 (35.6。窓 25 は 39.3)",
                   "(種 40 個の中央値で 47.7 と 35.6)",
                   "40 個の種の中央値は窓 25 のほうがわずかに小さい (27.4 と 27.7)"):
        assert in_text(phrase), phrase


def markdown_text():
    return markdown_without_spaces(NOTEBOOK_DIR / "05a_appendix_forecast_evidence.ipynb")


def in_text(phrase):
    """言い回しが本文にそのままある (空白と改行は無視します)。"""
    return states(NOTEBOOK_DIR / "05a_appendix_forecast_evidence.ipynb", phrase)


def test_the_window_6_ratios_and_the_far_horizons_against_the_ar_alone():
    """節 3:「LSTM (中央値で約 3 倍) … 線形自己回帰 (約 2.3 倍)」(種 40 個の中央値の比)。
    節 3:「LSTM の中央値は、どの候補でも線形自己回帰 (窓 13) の中央値より大きくなりました
    (いちばん良い候補でも約 1.3 倍)」。
    節 4:「線形自己回帰の中央値とだけ比べると、遠い先では 2 つが近づき、この 40 個では、テスト用の起点の 20・21 か月先で
    LSTM の中央値のほうが小さくなりました (差は 1 割ほどまで。ほかにも、2 つがほぼ同じ値になる h があります)」。
    どれも記録の事実として、40 個全体で、2 つの環境のどちらでも確かめます。"""
    for rows in read_pool(POOL).values():
        col = {key: np.array([r[key] for r in rows]) for key in rows[0]}
        m = {key: float(np.median(value)) for key, value in col.items()}
        assert round(m["tune_lstm_w6_h32"] / m["tune_lstm_w13_h32"], 1) == 3.0
        assert round(m["tune_ar_w6"] / m["tune_ar_w13"], 1) == 2.3
        candidates = ("tune_lstm_w6_h32", "tune_lstm_w13_h8", "tune_lstm_w13_h32", "tune_lstm_w25_h32")
        assert round(min(m[key] for key in candidates) / m["tune_ar_w13"], 1) == 1.3
        assert all(0.85 < m[f"test_lstm_h{h}"] / m[f"test_ar_h{h}"] < 1 for h in (20, 21))
        ratios = [m[f"{p}_lstm_h{h}"] / m[f"{p}_ar_h{h}"] for p in ("tune", "test") for h in range(1, 25)]
        assert any(abs(ratio - 1) < 0.01 for ratio in ratios)
    assert in_text("(いちばん良い候補でも約 1.3 倍)")
    assert in_text("この 40 個では、テスト用の起点の 20・21 か月先で LSTM の中央値のほうが小さくなりました "
                   "(差は 1 割ほどまで。ほかにも、2 つがほぼ同じ値になる h があります)")


def test_the_simple_methods_on_the_yardstick_of_section_3():
    """節 4: 節 3 の物差し (調整用の起点での 1〜24 か月先の RMSE の平均) で、最新月ベースライン 24.1 と SARIMA 23.9 は
    線形自己回帰 (窓 13) のどの種 (節 3 の表で 27.3〜28.6) よりも小さく、季節ナイーブ + ドリフト 27.7 は線形自己回帰の
    中央値とほぼ同じ (1 % 以内)。中央値で、線形自己回帰 27.7 と LSTM 35.6 は、最新月ベースラインと SARIMA に届かない。
    学習のいらない方法の数は種によらず、順序はどちらの環境でも確かめます。"""
    for env, rows in read_pool(POOL).items():
        col = {key: np.array([r[key] for r in rows]) for key in rows[0]}
        simple = {k: np.mean([col[f"tune_{k}_h{h}"] for h in range(1, 25)], axis=0) for k in BASELINES}
        assert all(np.ptp(v) < 1e-6 for v in simple.values())  # 種によらない
        latest, drift, sarima = (float(simple[k][0]) for k in ("latest", "drift", "sarima"))
        assert (round(latest, 1), round(sarima, 1), round(drift, 1)) == (24.1, 23.9, 27.7)
        ar, lstm = col["tune_ar_w13"], col["tune_lstm_w13_h32"]
        assert ar.min() > max(latest, sarima) and abs(np.median(ar) / drift - 1) < 0.01
        assert min(np.median(ar), np.median(lstm)) > max(latest, sarima)
        if env == "reference":  # 節 3 の表 (ふつうの設定) の数
            assert (round(ar.min(), 1), round(ar.max(), 1), round(np.median(ar), 1)) == (27.3, 28.6, 27.7)
            assert round(np.median(lstm), 1) == 35.6
    assert in_text("最新月ベースライン (24.1) と、係数を 2 つ推定するだけの SARIMA (23.9) の誤差は、"
                   "線形自己回帰 (窓 13) のどの種 (節 3 の表で 27.3〜28.6) よりも小さく、"
                   "季節ナイーブ + ドリフト (27.7) は線形自己回帰の中央値とほぼ同じです")
    assert in_text("学習した 2 つのモデル (線形自己回帰 27.7、LSTM 35.6) は、"
                   "最新月ベースラインと SARIMA に届いていません")


def test_far_out_the_lstm_median_over_40_seeds_is_still_above_the_best_other():
    """節 4 とまとめ: 9〜24 か月先でも、種 40 個の中央値では LSTM はほかの 4 つの方法のいちばん良いものより大きい
    (どちらの起点でも、どちらの環境でも)。10 個ずつの組に分けると、逆になるのは 1 か所だけ (ふつうの設定の
    種 30〜39 の、テスト用の起点の 20 か月先)。どちらも記録の事実として、40 個全体と組ごとに確かめます。"""
    reversed_at = []
    for env, rows in read_pool(POOL).items():
        b = as_block(rows)
        for p in PERIODS:
            for h in range(9, 25):
                assert med(b, f"{p}_lstm_h{h}") > best_other_median(b, p, h), (env, p, h)
        for start in range(0, len(rows), 10):
            block = as_block(rows[start:start + 10])
            reversed_at += [(env, start, p, h) for p in PERIODS for h in range(9, 25)
                            if med(block, f"{p}_lstm_h{h}") <= best_other_median(block, p, h)]
    assert reversed_at == [("reference", 30, "test", 20)]
    for phrase in ("9〜24 か月先でも、種 40 個の中央値では、LSTM はほかの 4 つの方法のいちばん良いものに"
                   "届きませんでした (調整用の起点でもテスト用の起点でも、2 つの計算環境のどちらでも)",
                   "種 40 個の記録を 10 個ずつの組に分けると、1 か所だけ逆になります"
                   " (ふつうの設定の種 30〜39 の、テスト用の起点の 20 か月先)",
                   "9〜24 か月先でも種 40 個の中央値では大きくなりましたが、"
                   "10 個ずつの組では逆になるところが 1 か所あります"):
        assert in_text(phrase), phrase


def test_the_ar_band_in_the_figure_is_narrow_up_to_12_months():
    """節 4 の図: 線形自己回帰の帯 (種 40 個の 10〜90%) の幅は、1〜12 か月先ではどちらの起点でも中央値の 2 割未満
    (図と同じ種 40 個の記録の事実として、どちらの環境でも確かめます)。"""
    for env, rows in read_pool(POOL).items():
        b = as_block(rows)
        for p in PERIODS:
            for h in range(1, 13):
                runs = b[f"{p}_ar_h{h}"]
                assert np.subtract(*np.percentile(runs, [90, 10])) < 0.2 * np.median(runs), (env, p, h)
    assert in_text("線形自己回帰の帯は、1〜12 か月先では幅が中央値の 2 割未満と狭く")


def test_ar_window_25_has_a_slightly_smaller_median_over_all_40_seeds():
    """節 3: 「40 個の種の中央値は窓 25 のほうがわずかに小さい」(10 個ずつの組では逆の組もあるので、40 個全体で)。"""
    for env, rows in read_pool(POOL).items():
        b = as_block(rows)
        assert 0.95 < med(b, "tune_ar_w25") / med(b, "tune_ar_w13") < 1, env
    assert in_text("40 個の種の中央値は窓 25 のほうがわずかに小さい")


def test_tuning_origins_have_fewer_training_windows():
    """節 3: 学習に使える組は、起点 1954-12 で 46 組、本編 (1958-12) で 94 組 (窓 13、最後の 12 組は検証)。"""
    def training_windows(origin, window=13):
        return len(range(window + 1, origin)) - 12

    assert (training_windows(72), training_windows(120)) == (46, 94)
    assert in_text("(起点 1954-12 では 46 組、本編は 94 組)")


# 節 5 の文は、本編のプール (05_lstm_forecasting) の、どの 10 個の組でも成り立つことを確かめます。
MAIN_CLAIMS = [
    Claim("線形自己回帰は種による違いがずっと小さく",
          lambda b: all(np.ptp(b[f"ar_{k}"]) < 0.4 * np.ptp(b[f"lstm_{k}"]) for k in ("1", "24"))),
    Claim("LSTM の 24 か月先までの誤差は最小と最大で 2 倍以上違う",
          lambda b: b["lstm_24"].max() >= 2 * b["lstm_24"].min()),
]


def test_section_5_claims_hold_in_every_block_of_the_main_pool():
    assert not pool_failures("05_lstm_forecasting", MAIN_CLAIMS)


def test_section_5_example_of_a_block_that_is_stricter_than_40_seeds():
    """節 5: 24 か月先までで LSTM が季節ナイーブ + ドリフトより悪い種は、ふつうの設定で 40 個中 34 個、
    種 30〜39 の組では 10 個中 6 個 (だから本編は「半分以上」)。表に出すのと同じ記録の数です。"""
    rows = read_pool("05_lstm_forecasting")["reference"]
    worse = [r["lstm_24"] > r["drift_24"] for r in rows]
    assert (sum(worse), sum(worse[30:40])) == (34, 6)
    phrase = "上の出力 (ふつうの設定) では 40 個中 34 個ですが、種 30〜39 の組では 10 個中 6 個しかありません"
    assert in_text(phrase)


# 本編 05 の結論が、この付録の節 3 (調整用の起点) を引いて述べる文です。付録のプールで確かめます。
CLAIMS_QUOTED_IN_05 = [
    # 「2 割以上大きく」: 隠れ状態 8 の中央値が、隠れ状態 32 の中央値の 1.2 倍以上
    Claim("隠れ状態 32 より 2 割以上大きく",
          lambda b: med(b, "tune_lstm_w13_h8") >= 1.2 * med(b, "tune_lstm_w13_h32")),
]


def test_notebook_05_quotes_section_3_as_it_holds_in_every_block():
    assert not pool_failures(POOL, CLAIMS_QUOTED_IN_05)
    assert all(states(NOTEBOOK_DIR / "05_lstm_forecasting.ipynb", c.phrase) for c in CLAIMS_QUOTED_IN_05)


def test_section_5_claims_are_in_the_text():
    text = markdown_text()
    assert all("".join(c.phrase.split()) in text for c in MAIN_CLAIMS)


def test_section_5_defines_the_quantifier_words_as_the_claims_test_them():
    """節 5 の定義は、本編の主張の判定 (8 個・6 個・5 個以上、2 個まで、2〜8 個、1 個以上、1 割以上の差) と、
    この付録の「多くの h」の判定 (drift_below_ar_at_most_horizons_2_to_12 の 11 個中 8 個以上) と同じ数です。"""
    for phrase in ("(「たいてい」は 10 個中 8 個以上、「多い」は 6 個以上、「半分以上」は 5 個以上、"
                   "「ほとんど〜ない」は 2 個まで。「入れ替わる」は、勝つ種も負ける種も 2 個以上あること、"
                   "「もある」は 1 個以上あること)",
                   "この付録の「はっきり」は 1 割以上の差のことです",
                   "「2〜12 か月先の多くの h」は、11 個の h のうち 8 個以上のことです"):
        assert in_text(phrase), phrase


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


def test_sarima_point_forecast_is_low_because_1958_grew_little():
    """節 6: 点予測は 24 か月すべてで実際より 2〜14% 低く、見込む 1 年の伸びは 5〜7% ほど (季節ナイーブ + ドリフトは
    約 13%)。1958 年の前年比は約 3%、1950〜1957 年は 6〜22% (年の合計で比べます)。"""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    from helpers.exercises.n05a import _growth

    y = load_airline_passengers().values
    fit = SARIMAX(np.log(y[:120]), order=(0, 1, 1), seasonal_order=(0, 1, 1, 12)).fit(disp=False)
    point = np.exp(fit.get_forecast(24).predicted_mean)
    low_by = 1 - point / y[120:]
    assert np.all(low_by > 0)
    assert (round(100 * low_by.min()), round(100 * low_by.max())) == (2, 14)
    growth = (point[:12].sum() / y[108:120].sum(), point[12:].sum() / point[:12].sum())
    assert (round(100 * (growth[0] - 1)), round(100 * (growth[1] - 1))) == (5, 7)
    assert round(100 * (_growth() - 1)) == 13
    yearly = y.reshape(12, 12).sum(axis=1)
    change = yearly[1:] / yearly[:-1] - 1  # 1950〜1960 年の前年比
    assert round(100 * change[8]) == 3  # 1958 年
    assert (round(100 * change[:8].min()), round(100 * change[:8].max())) == (6, 22)  # 1950〜1957 年
    phrase = "伸びの小さかった 1958 年 (前年比 約 3%。1950〜1957 年は 6〜22%)"
    assert in_text(phrase)
    for phrase in ("24 か月すべてで実際の値より低く (2〜14%)", "SARIMA の予測が見込む 1 年の伸びは 5〜7% ほど",
                   "季節ナイーブ + ドリフトの伸び (約 13%、学習期間の平均)"):
        assert in_text(phrase), phrase


def sarima_at_the_test_origin():
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    y = load_airline_passengers().values
    return y, SARIMAX(np.log(y[:120]), order=(0, 1, 1), seasonal_order=(0, 1, 1, 12)).fit(disp=False)


def test_sarima_coefficients_quoted_in_section_6():
    """節 6: θ ≈ −0.34、Θ ≈ −0.54 (セルが 2 桁で表示する値)。Θ のとき直近の 1 年に 1 + Θ ≈ 0.46、
    その前の年に約 4 分の 1 ((1 + Θ)(−Θ) ≈ 0.25) の重みです。"""
    _, fit = sarima_at_the_test_origin()
    theta, seasonal = fit.params[:2]
    assert (round(theta, 2), round(seasonal, 2)) == (-0.34, -0.54)
    assert round(1 + seasonal, 2) == 0.46 and round((1 + seasonal) * -seasonal, 2) == 0.25
    for phrase in ("Θ ≈ −0.54 では、おおまかには、直近の 1 年に約半分 (1 − 0.54 ≈ 0.46)、"
                   "その前の年に 0.46 × 0.54 ≈ 0.25 (約 4 分の 1)",
                   "伸びの小さかった 1958 年 (前年比 約 3%。1950〜1957 年は 6〜22%) に強く引っぱられて"):
        assert in_text(phrase), phrase


def test_actual_values_run_in_the_upper_half_of_the_80_percent_interval():
    """節 6: 実際の値は 80% 区間の真ん中より上 (旅客数の目盛りで) を通り、上の端を超えるのは 1959 年 5 月だけ。
    点予測を平均に直す補正 exp(分散 / 2) は 24 か月先でも 1.2% ほどで、どの月でも点予測の低さより小さい。"""
    y, fit = sarima_at_the_test_origin()
    forecast = fit.get_forecast(24)
    low, high = np.exp(forecast.conf_int(alpha=0.2)).T
    position = (y[120:] - low) / (high - low)
    assert np.all(position > 0.5)
    months = load_airline_passengers().months
    assert [str(months[120 + i]) for i in np.flatnonzero(position > 1)] == ["1959-05"]
    adjustment = np.exp(forecast.var_pred_mean / 2) - 1
    assert round(100 * adjustment.max(), 1) == 1.2 and np.argmax(adjustment) == 23
    assert np.all(adjustment < 1 - np.exp(forecast.predicted_mean) / y[120:])
    for phrase in ("実際の値は 80% の区間の真ん中より上を通り、1959 年 5 月は 80% の区間の上の端を超えました",
                   "予測が上がるのは 24 か月先でも 1.2% ほどなので"):
        assert in_text(phrase), phrase


def test_drift_example_numbers_in_the_special_case_subsection():
    """節 4 の小節: 学習期間の G ≈ 1.13、1958 年 1 月の 340 千人から 340 × 1.13 ≈ 384 (1959 年 1 月の予測)。"""
    from helpers.exercises.n05a import _growth

    y = load_airline_passengers().values
    assert (round(_growth(), 2), y[108], y[119]) == (1.13, 340, 337)
    assert round(y[108] * _growth()) == 384
    assert in_text("予測は 340 × 1.13 ≈ 384 です")


def test_exercise_2_far_horizons_rest_on_four_months():
    """演習 2 の考察の例: h = 21〜24 の答え合わせは起点 1958-12〜1959-03 の 4 個以下、答えの月は 1960 年 9〜12 月
    だけで、季節ナイーブ + ドリフトの予測は同じ月なら起点によらず同じ値 (本文の drift_paths と同じ式で確かめます)。"""
    from helpers.exercises.n05a import _growth

    series = load_airline_passengers()
    y, months = series.values, series.months
    horizons = np.arange(1, 25)
    years = (horizons - 1) // 12 + 1
    paths = {o: y[o - 1 + horizons - 12 * years] * _growth() ** years for o in range(120, 144)}
    origins = {h: [o for o in paths if o - 1 + h <= 143] for h in range(21, 25)}
    assert [len(origins[h]) for h in range(21, 25)] == [4, 3, 2, 1]
    assert [str(months[o - 1]) for o in origins[21]] == ["1958-12", "1959-01", "1959-02", "1959-03"]
    by_target = {}
    for h in range(21, 25):
        for o in origins[h]:
            by_target.setdefault(o - 1 + h, set()).add(round(float(paths[o][h - 1]), 9))
    assert [str(months[t]) for t in sorted(by_target)] == ["1960-09", "1960-10", "1960-11", "1960-12"]
    assert all(len(values) == 1 for values in by_target.values())


# --- 演習の確かめ方 -----------------------------------------------------------------------------------

def test_exercise_1_seasonal_naive_by_horizon():
    from helpers.exercises.n05a import _growth, _rmse_by_horizon

    right = _rmse_by_horizon(1.0)
    # 解答例のコメント: 「h = 1 でも季節ナイーブ + ドリフトの約 3 倍」
    assert round(right[0] / _rmse_by_horizon(_growth())[0]) == 3
    assert verdict("05a-1", {"snaive_rmse": right}) == CORRECT
    assert verdict("05a-1", {"snaive_rmse": np.array(right)}) == CORRECT
    assert "ドリフト" in verdict("05a-1", {"snaive_rmse": _rmse_by_horizon(_growth())})
    assert "まだ分かっていない月" in verdict("05a-1", {"snaive_rmse": _rmse_by_horizon(1.0, back_two_years=False)})
    assert "1 か月ずれて" in verdict("05a-1", {"snaive_rmse": _rmse_by_horizon(1.0, shift_months=1)})
    assert "1 年多くさかのぼって" in verdict("05a-1", {"snaive_rmse": _rmse_by_horizon(1.0, extra_year_at_12=True)})
    assert "TEST_ORIGINS" in verdict("05a-1", {"snaive_rmse": [v + 1.0 for v in right]})
    assert "長さ" in verdict("05a-1", {"snaive_rmse": right[:12]})
    assert verdict("05a-1", {"snaive_rmse": ...}).startswith("まだ")


def test_exercise_headings_show_their_keys_and_check_cells_import_check():
    """演習の見出しは「### 演習 1 (05a-1) 題」、確かめのセルは import と check の 2 行 (再起動の後でも動く)。"""
    import re

    nb = nbformat.read(NOTEBOOK_DIR / "05a_appendix_forecast_evidence.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    checks = [c.source for c in nb.cells if c.cell_type == "code" and "solution" not in c.metadata.get("tags", [])
              and "check(" in c.source]
    assert checks == ['from helpers import check\n\ncheck("05a-1")']
    assert re.search(r"^### 演習 1 \(05a-1\) \S", markdown, re.MULTILINE)
    assert 'hint("05a-1")' in markdown
