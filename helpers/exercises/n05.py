"""ノートブック 05 (LSTM で時系列予測) の演習の確かめ方です。

正解の値はここで data/ から計算し直して比べます。学習者に見せる文には、正解の値を書きません。
"""

from __future__ import annotations

import math
from typing import Any

from helpers.exercises import as_number, exercise

PASSENGER_TOLERANCE = 0.05  # 千人
LSTM_TOLERANCE = 1e-3
TOKYO_TOLERANCE = 0.005  # ℃


def _number(value: Any) -> float | None:
    """答えを float にします (数でないか、nan や inf なら None)。"""
    number = as_number(value)
    return number if number is not None and math.isfinite(number) else None


def _passengers() -> Any:
    from helpers.data import load_airline_passengers

    return load_airline_passengers().values


@exercise("05-1", names=("pred_1960_01",), hints=(
    "最新月ベースラインは「前の月の値 × 去年の同じ月の値 ÷ 去年の前の月の値」です。",
    "1960 年 1 月は番号 t = 132 なので、使うのは passengers[t - 1]、passengers[t - 12]、passengers[t - 13] です。",
))
def _latest_month(pred_1960_01: Any) -> str | None:
    value = _number(pred_1960_01)
    if value is None:
        return "答えは 1 つの数 (千人) にしてください。"
    y, t = _passengers(), 132
    expected = y[t - 1] * y[t - 12] / y[t - 13]
    if abs(value - expected) <= PASSENGER_TOLERANCE:
        return None
    mistakes = [
        ((y[t] * y[t - 11] / y[t - 12], y[t]),
         "予測する月 (1960 年 1 月) の実際の値を使っています。予測に使えるのは、その前の月までの値です。"),
        ((y[t - 12],), "1 年前の同じ月の値そのまま (季節ナイーブ) です。前の月の値に、去年の前月比を掛けます。"),
        ((y[t - 1],), "前の月の値そのまま (ナイーブ) です。去年の同じ時期の前月比を掛けます。"),
        ((y[t - 1] * y[t - 13] / y[t - 12],), "比が逆さまです。掛けるのは「去年の同じ月 ÷ 去年の前の月」です。"),
        ((y[t - 12] * y[t - 12] / y[t - 13],),
         "去年の値から出発しています。出発点は前の月 (1959 年 12 月) の値です。"),
    ]
    for values, message in mistakes:
        if any(abs(value - v) <= PASSENGER_TOLERANCE for v in values):
            return message
    if abs(value - expected) < 1:  # round(…) や int(…) で整数にした答え
        return ("計算の組み合わせは合っているようですが、整数に丸めた値です。round や int で丸めずに、"
                "計算したままの値を入れてください。")
    return ("値が違います。番号 (1949 年 1 月が 0、1960 年 1 月が 132) と、"
            "掛け算・割り算の組み合わせを確かめてください。")


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def _lstm_step(x: float, c_prev: float) -> tuple[float, float, dict[str, float]]:
    """節 5.1 の重み (f: 2、i: 0、g: 1、o: 1、バイアス 0、前の h は 0) での 1 ステップです。"""
    gates = {"f": _sigmoid(2.0 * x), "i": _sigmoid(0.0 * x), "g": math.tanh(1.0 * x), "o": _sigmoid(1.0 * x)}
    c = gates["f"] * c_prev + gates["i"] * gates["g"]
    return c, gates["o"] * math.tanh(c), gates


@exercise("05-2", names=("c_new", "h_new"), hints=(
    "f、i、o はシグモイド関数 torch.sigmoid、g は torch.tanh に「重み × x」を入れます (バイアスと前の h の項は 0)。",
    "c_new = f × c_prev + i × g、h_new = o × tanh(c_new) です。",
))
def _lstm_by_hand(c_new: Any, h_new: Any) -> str | None:
    c_value, h_value = _number(c_new), _number(h_new)
    if c_value is None or h_value is None:
        return "c_new と h_new は、それぞれ 1 つの数 (か要素 1 つのテンソル) にしてください。"
    c, h, gates = _lstm_step(-1.0, 0.5)

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= LSTM_TOLERANCE

    if close(c_value, c) and close(h_value, h):
        return None
    c_old, h_old, _ = _lstm_step(1.0, 0.5)
    if close(c_value, c_old) and close(h_value, h_old):
        return "節 5.1 と同じ値です。今月の入力を x = -1.0 にして計算し直してください。"
    if close(c_value, gates["i"] * gates["g"]):
        return "c_new に古い記憶 f × c_prev が足されていません。"
    if close(c_value, c) and close(h_value, gates["o"] * c):
        return "h_new は o × c_new ではなく、o × tanh(c_new) です。"
    if close(c_value, gates["f"] * 0.5 + gates["g"]):
        return "新しい候補 g に、入力ゲート i を掛けていません。"
    if close(c_value, c):
        return "c_new は正しいです。h_new の計算 (出力ゲートと tanh) を見直してください。"
    return "c_new が違います。f、i、g を計算し直し、c_new = f × c_prev + i × g になっているか確かめてください。"


def _tokyo_scores() -> dict[str, Any]:
    """演習 3 の正しい RMSE と、よくある間違いの RMSE です (間違いは種類ごとのリスト)。"""
    import numpy as np

    from helpers.data import load_tokyo_temperature

    temps = load_tokyo_temperature().values
    n = len(temps) - 24
    actual = temps[n:]

    def rmse(pred: Any) -> float:
        return float(np.sqrt(np.mean((pred - actual) ** 2)))

    def monthly(years: int, end: int) -> Any:
        return temps[end - 12 * years:end].reshape(years, 12).mean(axis=0)

    thirty = temps[n - 360:n]
    passengers = _passengers()[-24:]  # 節 6 の rmse が比べる、旅客数のテスト期間 (千人)
    return {
        "snaive": rmse(np.tile(temps[n - 12:n], 2)),
        "normal": rmse(np.tile(monthly(30, n), 2)),
        # テスト期間 (2022 年か 2023 年) の 1 年をくり返す季節ナイーブ
        "snaive_test_year": [rmse(np.tile(temps[end - 12:end], 2)) for end in (n + 12, n + 24)],
        # テスト期間と 1〜24 か月重なる 30 年の窓 (1993〜2022 年、1994〜2023 年、月でずれた窓)
        "normal_with_test": [rmse(np.tile(temps[n + k - 360:n + k].reshape(30, 12).mean(axis=0), 2))
                             for k in range(1, 25)],
        "normal_all": [rmse(np.tile(monthly(n // 12, n), 2))],
        # 月ごとではない平均: 全体で 1 つ、連続する 30 か月ずつ、年ごと
        "not_monthly": [rmse(np.full(24, thirty.mean())), rmse(np.full(24, temps[:n].mean())),
                        rmse(np.tile(thirty.reshape(12, 30).mean(axis=1), 2)),
                        rmse(thirty.reshape(30, 12).mean(axis=1)[:24]),
                        rmse(thirty.reshape(30, 12).mean(axis=1)[-24:])],
        # 節 6 の rmse(pred) をそのまま使うと、気温の予測を旅客数と比べた値になります
        "against_passengers": [float(np.sqrt(np.mean((np.tile(p, 2) - passengers) ** 2)))
                               for p in (temps[n - 12:n], monthly(30, n))],
        "mse_snaive": rmse(np.tile(temps[n - 12:n], 2)) ** 2,
        "mse_normal": rmse(np.tile(monthly(30, n), 2)) ** 2,
    }


@exercise("05-3", names=("rmse_snaive", "rmse_normal"), hints=(
    "学習期間の最後の 1 年は temps[n_train_t - 12:n_train_t]、最後の 30 年は temps[n_train_t - 360:n_train_t] です。",
    "30 年分を reshape(30, 12) にして axis=0 で平均すると月ごとの平均になります。np.tile(..., 2) で 24 か月分にし、"
    "actual_t との差の 2 乗の平均の平方根をとります。",
))
def _tokyo(rmse_snaive: Any, rmse_normal: Any) -> str | None:
    snaive, normal = _number(rmse_snaive), _number(rmse_normal)
    if snaive is None or normal is None:
        return "rmse_snaive と rmse_normal は、それぞれ 1 つの数 (℃) にしてください。"
    s = _tokyo_scores()

    def close(a: float, b: float | list[float]) -> bool:
        return any(abs(a - v) <= TOKYO_TOLERANCE for v in (b if isinstance(b, list) else [b]))

    if close(snaive, s["snaive"]) and close(normal, s["normal"]):
        return None
    if any(abs(v - w) <= PASSENGER_TOLERANCE for v in (snaive, normal) for w in s["against_passengers"]):
        return ("気温の予測を旅客数と比べた RMSE のようです。節 6 の rmse は旅客数のテスト期間と比べる関数なので、"
                "ここでは使えません。actual_t との差から RMSE を計算してください。")
    if close(snaive, s["normal"]) and close(normal, s["snaive"]):
        return "2 つの答えが入れ違っています。"
    if close(snaive, s["mse_snaive"]) or close(normal, s["mse_normal"]):
        return "2 乗の平均 (MSE) のままです。平方根をとって RMSE にしてください。"
    if close(snaive, s["snaive_test_year"]):
        return ("季節ナイーブにテスト期間 (2022〜2023 年) の値を使っています。使えるのは学習期間の最後の 1 年"
                " (2021 年) です。")
    if close(normal, s["normal_with_test"]):
        return ("30 年平均にテスト期間 (2022〜2023 年) の値が入っています。平均に使えるのは 2021 年までの値で、"
                "学習期間の最後の 30 年 (1992〜2021 年) で平均します。")
    if close(normal, s["normal_all"]):
        return "学習期間の全部の年で平均しています。最後の 30 年 (1992〜2021 年) だけで平均します。"
    if close(normal, s["not_monthly"]):
        return ("月ごとの平均になっていません。30 年平均は、1 月なら 30 年分の 1 月の平均、2 月なら 2 月の平均 … と、"
                "月ごとに 12 個の平均です。全体を 1 つの数に平均したり、年ごとに平均したりしていないか"
                "確かめてください。")
    if close(snaive, s["snaive"]):
        return "rmse_snaive は正しいです。rmse_normal (30 年の月ごとの平均) を見直してください。"
    if close(normal, s["normal"]):
        return "rmse_normal は正しいです。rmse_snaive (2021 年の 12 か月を 2 回くり返す) を見直してください。"
    return "どちらも値が違います。使う期間 (学習期間の最後の 1 年と 30 年) と、RMSE の計算を確かめてください。"
