"""コースで起こりうる「利用者が直せる」エラーの型。

どれも日本語のメッセージで、何が起きたかと、次に何をすればよいかを伝えます。

このパッケージの関数の先頭にある ``__tracebackhide__ = True`` は、エラーの表示を短くするための
目印です。IPython (Jupyter のカーネル) と pytest は、この変数が真のローカル変数を持つ関数の枠を
トレースバックから省きます (IPython は、例外を出した最後の枠だけは残します)。学習者の目には、
自分のセルの行と日本語のメッセージが残り、補助パッケージの内部を読まずに済みます。
"""

from __future__ import annotations


class CourseError(Exception):
    """このコースの補助パッケージが出すエラーの基底クラスです。"""


class ParameterError(CourseError, ValueError):
    """parameters セルの値が許される範囲の外にあるときのエラーです。"""


class DeviceNotAvailableError(CourseError, RuntimeError):
    """指定された計算デバイス (GPU など) が使えないときのエラーです。"""


class DataFileError(CourseError):
    """data/ のファイルをそのままでは使えないときのエラーです。

    ファイルが無い、SHA-256 が配布時と違う、列名が違う、一覧 (SHA256SUMS) に無い名前を指定した、
    のどれでも出ます。直し方はどれも「git で配布時の状態に戻す」なので 1 つの型にまとめ、
    無い場合だけの FileNotFoundError は継承しません。
    """


class FontNotAvailableError(CourseError, ImportError):
    """図に日本語を表示するためのフォントパッケージが無いときのエラーです。"""
