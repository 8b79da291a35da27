"""コースで起こりうる「利用者が直せる」エラーの型。

どれも日本語のメッセージで、何が起きたかと、次に何をすればよいかを伝えます。
"""

from __future__ import annotations


class CourseError(Exception):
    """このコースの補助パッケージが出すエラーの基底クラスです。"""


class ParameterError(CourseError, ValueError):
    """parameters セルの値が許される範囲の外にあるときのエラーです。"""


class DeviceNotAvailableError(CourseError, RuntimeError):
    """指定された計算デバイス (GPU など) が使えないときのエラーです。"""


class DataFileError(CourseError, FileNotFoundError):
    """data/ のファイルが無い、壊れている、または書き換えられているときのエラーです。"""


class FontNotAvailableError(CourseError, ImportError):
    """図に日本語を表示するためのフォントパッケージが無いときのエラーです。"""
