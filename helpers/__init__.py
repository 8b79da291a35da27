"""PyTorch 入門コースのノートブックが共通で使う、小さな補助パッケージです。

図の日本語フォント、乱数の種、計算デバイスの選択、data/ の読み込み、parameters の確認など、
どのノートブックでも繰り返す準備だけをまとめています。学習ループは各ノートブックに書きます。

``import helpers`` の時点では torch・numpy・matplotlib を読み込みません。``helpers.get_device``
のように名前を初めて使ったときに、その名前がある小さなモジュールを読み込みます (PEP 562)。
こうしておくと、torch などが入っていない環境でも ``python -m helpers doctor`` が起動でき、
足りないものを日本語で伝えられます。
"""

from __future__ import annotations

import importlib
from typing import Any

from helpers.errors import (
    CourseError,
    DataFileError,
    DeviceNotAvailableError,
    FontNotAvailableError,
    ParameterError,
)
from helpers.params import check_float, check_int

# 名前 → その名前を定義しているモジュール。重い依存 (torch・numpy・matplotlib) を持つものだけで、
# ここが唯一の一覧です (``__all__`` と ``dir(helpers)`` もここから作ります)。
_LAZY = {
    "MonthlySeries": "helpers.data",
    "load_airline_passengers": "helpers.data",
    "load_tokyo_temperature": "helpers.data",
    "verify_data_file": "helpers.data",
    "SeedPool": "helpers.data",
    "load_seed_pool": "helpers.data",
    "describe_device": "helpers.device",
    "get_device": "helpers.device",
    "LivePlot": "helpers.plotting",
    "plot_forecast": "helpers.plotting",
    "plot_histograms": "helpers.plotting",
    "plot_losses": "helpers.plotting",
    "setup_plotting": "helpers.plotting",
    "seed_everything": "helpers.seed",
    "check": "helpers.exercises",
    "hint": "helpers.exercises",
}
# `import helpers` の後に helpers.data.DATA_DIR のように書けるよう、サブモジュールも初回に読み込みます。
_SUBMODULES = frozenset({"data", "device", "doctor", "errors", "exercises", "params", "plotting", "seed"})

__all__ = ["CourseError", "DataFileError", "DeviceNotAvailableError", "FontNotAvailableError", "ParameterError",
           "check_float", "check_int"]
__all__ += list(_LAZY)


def __getattr__(name: str) -> Any:
    """``helpers.名前`` が初めて使われたときに、その名前があるモジュールを読み込みます。"""
    if name in _SUBMODULES:
        return importlib.import_module(f"helpers.{name}")
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # 2 回目からは普通の属性として見つかります
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)


def _watch_answer_cells() -> None:
    from helpers.exercises import watch_answer_cells

    watch_answer_cells()  # ノートブックの中なら、エラーで止まった答えのセルを check が見分けられるようにします


_watch_answer_cells()
