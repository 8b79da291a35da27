"""付録 05a (予測の比較の証拠) の演習の確かめ方です。

正解はここで data/ から計算し直して比べます。学習者に見せる文には、正解の値を書きません。
"""

from __future__ import annotations

from typing import Any

from helpers.exercises import exercise

TOLERANCE = 0.05  # 千人
H = 24
TEST_ORIGIN = 120


def _rmse_by_horizon(growth: float, *, back_two_years: bool = True, shift_months: int = 0,
                     extra_year_at_12: bool = False) -> list[float]:
    """テスト用の起点 (最初の 120〜143 か月が分かっている) での、季節ナイーブ型の予測の h ごとの RMSE です。

    h か月先の予測は「1 年 (13 か月先からは 2 年) 前の同じ月 × growth の年数乗」です。``back_two_years=False``、
    ``shift_months``、``extra_year_at_12`` は、よくある間違い (13 か月先からも 1 年前を使う、1 か月ずれる、
    年数を h // 12 + 1 にして 12 か月先と 24 か月先で 1 年多くさかのぼる) を作るためのものです。
    """
    import numpy as np

    from helpers.data import load_airline_passengers

    y = load_airline_passengers().values
    errors: list[list[float]] = [[] for _ in range(H)]
    for o in range(TEST_ORIGIN, len(y)):
        for h in range(1, H + 1):
            target = o - 1 + h
            if target >= len(y):
                continue
            years = ((h if extra_year_at_12 else h - 1) // 12 + 1) if back_two_years else 1
            source = target - 12 * years + shift_months
            errors[h - 1].append(float(y[source] * growth**years - y[target]))
    return [float(np.sqrt(np.mean(np.square(e)))) for e in errors]


def _growth() -> float:
    import numpy as np

    from helpers.data import load_airline_passengers

    log_y = np.log(load_airline_passengers().values[:TEST_ORIGIN])
    return float(np.exp(np.mean(log_y[12:] - log_y[:-12])))


def _as_list(value: Any) -> list[float] | None:
    try:
        values = [float(v) for v in value]
    except (TypeError, ValueError):
        return None
    return values


@exercise("05a-1", names=("snaive_rmse",), hints=(
    "drift_paths と同じ作りで、最後の「× growth**years」を掛けなければ季節ナイーブになります。",
    "予測の表 (起点の数 × 24) ができたら、rmse_by_horizon(horizon_errors(予測, TEST_ORIGINS, len(passengers) - 1)) "
    "で h ごとの RMSE のリストにします。",
))
def _snaive_by_horizon(snaive_rmse: Any) -> str | None:
    values = _as_list(snaive_rmse)
    if values is None:
        return "snaive_rmse は数のリスト (h = 1〜24 の RMSE) にしてください。"
    if len(values) != H:
        return f"長さが {len(values)} です。h = 1〜24 の 24 個の RMSE を並べてください。"

    def close(expected: list[float]) -> bool:
        return all(abs(a - b) <= TOLERANCE for a, b in zip(values, expected, strict=True))

    if close(_rmse_by_horizon(1.0)):
        return None
    if close(_rmse_by_horizon(_growth())):
        return "季節ナイーブ + ドリフトと同じ値です。季節ナイーブは伸び (growth) を掛けません。"
    if close(_rmse_by_horizon(1.0, back_two_years=False)):
        return "13 か月先より遠い予測で、まだ分かっていない月 (1 年前) の値を使っています。2 年前の同じ月を使います。"
    if close(_rmse_by_horizon(1.0, shift_months=1)) or close(_rmse_by_horizon(1.0, shift_months=-1)):
        return "1 か月ずれています。h か月先の正解は番号 o - 1 + h、その 1 年前は o - 1 + h - 12 です。"
    if close(_rmse_by_horizon(1.0, extra_year_at_12=True)):
        return ("12 か月先と 24 か月先で、1 年多くさかのぼっています。12 か月先はちょうど 1 年後なので 1 年前の同じ月、"
                "24 か月先は 2 年前の同じ月を使います (2 年前を使うのは 13 か月先からです)。")
    return ("値が違います。起点が TEST_ORIGINS の 24 個か、h か月先の予測が「その月の 1 年前 (13 か月先からは"
            " 2 年前) の同じ月の値」になっているか (drift_paths から growth を除いた形か) を確かめてください。")
