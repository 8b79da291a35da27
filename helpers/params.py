"""parameters セルの値を確かめる関数。

範囲外の値は、許される範囲を日本語で伝える ParameterError になります。
"""

from __future__ import annotations

from helpers.errors import ParameterError

_FIX_HINT = "parameters セルの値を直し、そのセルから順に実行し直してください。"


def check_int(name: str, value: object, low: int, high: int) -> int:
    """整数のパラメータ ``value`` が ``low`` 以上 ``high`` 以下かを確かめて返します。"""
    __tracebackhide__ = True  # 理由は helpers/errors.py の冒頭を見てください
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ParameterError(
            f"パラメータ {name} の値 {value!r} は使えません。"
            f"{low} 以上 {high} 以下の整数を指定してください。{_FIX_HINT}"
        )
    return value


def check_float(name: str, value: object, low: float, high: float) -> float:
    """数値のパラメータ ``value`` が ``low`` 以上 ``high`` 以下かを確かめ、float で返します。"""
    __tracebackhide__ = True
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high
    if not ok:
        raise ParameterError(
            f"パラメータ {name} の値 {value!r} は使えません。"
            f"{low:g} 以上 {high:g} 以下の数値を指定してください。{_FIX_HINT}"
        )
    return float(value)  # type: ignore[arg-type]
