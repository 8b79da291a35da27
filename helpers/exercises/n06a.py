"""付録 06a (GAN の証拠) の演習の確かめ方です。正解はシードプールの CSV から数え直して比べます。"""

from __future__ import annotations

from typing import Any

from helpers.exercises import exercise

POOL = "06a_appendix_gan_evidence"


def _count(env: str, column: str, threshold: float) -> int:
    import numpy as np

    from helpers.data import load_seed_pool

    return int(np.sum(load_seed_pool(POOL).column(column, env) > threshold))


@exercise("06a-1", names=("count_bad",), hints=(
    "`pool.column(\"std_ks\", \"perturbed\")` が、種 0〜39 の KS を種の順に並べた配列です。",
    "配列 > 0.06 は True / False の配列になり、np.sum で True の数を数えられます。",
))
def check_count_bad(count_bad: Any) -> str | None:
    if hasattr(count_bad, "item") and getattr(count_bad, "ndim", 1) == 0:
        count_bad = count_bad.item()  # np.sum(...) が返す NumPy の整数も受け付けます
    if isinstance(count_bad, bool) or not isinstance(count_bad, int):
        return "答えは整数 (種の数) にしてください。"
    bad, reference = _count("perturbed", "std_ks", 0.06), _count("reference", "std_ks", 0.06)
    if count_bad == bad:
        return None
    if count_bad == 40 - bad:
        return "0.06 を超えた種ではなく、0.06 以下の種を数えていませんか。"
    if count_bad == reference:
        return "「ふつうの設定」(reference) の記録を数えていませんか。env=\"perturbed\" を指定します。"
    return "数が違います。列 `std_ks` と環境 `perturbed` を使い、0.06 を超える値の数を数えてください。"
