"""ノートブック 06 (GAN で正規分布を学ぶ) と付録 06a のシードプール。

- 06_gan_gaussian: 本編の 3 つの学習 (素朴な GAN、+ ミニバッチ標準偏差、+ R1) と単純な方法の、生成した
  10,000 個の平均・標準偏差・KS 統計量・山の高さの比と、学習の後半の標準偏差の振れ幅。ノイズの下限は種に
  よらない数ですが、主張の判定が 1 つの組の中で比べられるよう、同じ行に残します。
"""

from __future__ import annotations

from typing import Any

from tools.sweeps import Sweep, register

ROWS_06 = {"plain": "素朴な GAN", "std": "+ ミニバッチ標準偏差", "fixed": "+ R1", "simple": "単純な方法"}
COLUMNS_06 = {"mean": "平均", "sd": "標準偏差", "ks": "KS", "peak": "山の高さの比"}


def metrics_06(r: dict[str, Any]) -> dict[str, float]:
    row = {f"{key}_{column}": float(r["results"][name][label])
           for key, name in ROWS_06.items() for column, label in COLUMNS_06.items()}
    row.update({f"{key}_swing": float(r["swings"][key]) for key in ("plain", "std", "fixed")})
    row["floor"] = float(r["FLOOR"])
    return row


register("06_gan_gaussian", Sweep(
    "06_gan_gaussian.ipynb",
    report=("results", "swings", "FLOOR"),
    metrics=metrics_06,
))


# 付録 06a: 工夫の 6 通りと飽和する G の損失の 2 通り (変種ごとの列)、D が強すぎるときの勾配、学習率が高すぎる
# ときの様子、R1 の傾きのうちバッチの標準偏差を通る分の割合、ノイズの下限。
VARIANTS_06A = ("plain", "std", "r1", "decay", "std_r1", "all", "std_r1x", "sat_plain", "sat_std_r1")
COLUMNS_06A = {"ks": "KS", "w1": "W1", "dmu": "|Δμ|", "dsd": "|Δσ|", "peak": "山", "fold": "折れ", "swing": "振れ幅"}
SCALARS_06A = ("strong_d_fake", "grad_ratio", "fast_g_grad", "fast_d_range", "fast_ks", "fast_loss_gap",
               "r1_std_share", "FLOOR_KS", "FLOOR_W1")


def metrics_06a(r: dict[str, Any]) -> dict[str, float]:
    row = {f"{key}_{column}": float(r["variant_stats"][key][label])
           for key in VARIANTS_06A for column, label in COLUMNS_06A.items()}
    row.update({name: float(r[name]) for name in SCALARS_06A})
    return row


register("06a_appendix_gan_evidence", Sweep(
    "06a_appendix_gan_evidence.ipynb",
    report=("variant_stats", *SCALARS_06A),
    metrics=metrics_06a,
))
