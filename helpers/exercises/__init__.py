"""演習の答えを確かめる仕組みです。ノートブックでは、答えを書いたセルの次のセルで次の 2 行を実行します。

    from helpers import check
    check("03-1")

答えは、演習の文が示す名前の変数 (例: ``grad_w``) に入れます。``check`` は、そのセルを実行した
ノートブックの変数からその名前を探し、次のどれか 1 つを表示します。

- ``✅ 正解です``: 答えが演習の条件を満たしています。
- ``❌ …``: 条件を満たしていません。よくある間違い (形、型、``zero_grad`` の忘れ、軸、窓の 1 つずれ …)
  に当てはまれば、それを指すヒントを添えます。正解の値そのものは表示しません。
- ``まだ答えがありません``: 変数が ``...`` のまま (答えを書いていない) か、変数が見つかりません
  (カーネルを再起動した後は、上のセルから順に実行し直します)。

ヒントは ``hint("03-1")`` で 1 段ずつ表示します。解答例は、受講者用のノートブックではクリックで開く
折りたたみの中にあります。演習ごとの確かめ方は、ノートブックの番号ごとのモジュール
(``helpers/exercises/n03.py`` など) にあり、どれも tests/test_exercises.py が、正しい答え・よくある
間違い・書いていない答えの 3 通りで確かめています。
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import numbers
import re
import sys
import traceback
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from helpers.errors import CourseError

CORRECT = "✅ 正解です。"
NOT_YET = "まだ答えがありません。"


@dataclass(frozen=True)
class Exercise:
    """演習 1 つ分の確かめ方です。

    ``names`` は学習者が答えを入れる変数の名前 (演習の文に書いたもの)、``judge`` はその値を受け取り、
    正しければ None、違えば何が違うかを伝える日本語の文 (正解の値は含めない) を返す関数です。
    ``hints`` は ``hint()`` が 1 段ずつ見せるヒントです。
    """

    key: str
    names: tuple[str, ...]
    judge: Callable[..., str | None]
    hints: tuple[str, ...]


def as_number(value: object) -> float | None:
    """答えが数 (int、float、NumPy の数、要素 1 個のテンソルや配列) なら float に、そうでなければ None にします。"""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        return float(value)
    numel = getattr(value, "numel", None)  # テンソルは numel()、NumPy の配列は size が要素の数です
    size = numel() if callable(numel) else getattr(value, "size", None)
    if size == 1 and hasattr(value, "item"):
        return as_number(value.item())
    return None


_REGISTRY: dict[str, Exercise] = {}
_hints_shown: dict[str, int] = {}


def exercise(key: str, names: tuple[str, ...], hints: tuple[str, ...]) -> Callable[[Callable[..., str | None]],
                                                                                   Callable[..., str | None]]:
    """確かめの関数に付けて、演習 ``key`` として登録するデコレーターです (helpers/exercises/n03.py など)。"""

    def register(judge: Callable[..., str | None]) -> Callable[..., str | None]:
        _REGISTRY[key] = Exercise(key, names, judge, hints)
        return judge

    return register


def lookup(key: str) -> Exercise:
    """演習 ``key`` (例: "03-1") の確かめ方を返します。ノートブックの番号のモジュールを初回に読み込みます。"""
    __tracebackhide__ = True  # 理由は helpers/errors.py の冒頭を見てください
    if not isinstance(key, str):
        raise CourseError(f"演習の番号は、check(\"03-1\") のように引用符で囲んだ文字列で書きます ({key!r} ではなく)。")
    key = unicodedata.normalize("NFKC", key).strip().replace("_", "-")  # 全角の数字やハイフン、前後の空白も受け付けます
    module = f"helpers.exercises.n{key.split('-', 1)[0]}"
    if importlib.util.find_spec(module) is not None:
        importlib.import_module(module)
    if key not in _REGISTRY:
        raise CourseError(f"演習 {key!r} の確かめとヒントはありません。演習の見出しの番号 (例: \"03-1\") を確かめて"
                          "ください。文章で答える問いには、確かめの代わりに折りたたみの「考察の例」があります。")
    return _REGISTRY[key]


def verdict(key: str, namespace: Mapping[str, Any]) -> str:
    """``namespace`` (学習者のノートブックの変数) の答えを確かめ、表示する文を返します。"""
    ex = lookup(key)
    values = []
    for name in ex.names:
        if name not in namespace:
            return (f"{NOT_YET}変数 `{name}` が見つかりません。答えのセルを実行しましたか? 変数の名前のつづりが"
                    "演習の文と同じかも見てください。カーネルを再起動した後は、上のセルから順に実行し直してください"
                    " (Run → Run All Above Selected Cell)。")
        if namespace[name] is Ellipsis:
            return (f"{NOT_YET}答えのセルの `{name} = ...` の `...` を、自分の答えに書き換えて実行してください。"
                    "書き換えたのにこう表示されるときは、答えのセルが途中のエラーで止まっていないかを見てください。")
        values.append(namespace[name])
    try:
        problem = ex.judge(*values)
    except Exception as error:  # 学習者の答えの形が思いがけないものでも、確かめは止まらずに理由を伝えます
        last = traceback.extract_tb(error.__traceback__)[-1]
        problem = (f"答えを確かめる途中でエラーになりました ({type(error).__name__}: {error}, {last.name})。"
                   "答えの型や形が演習の指示どおりかを見直してください。")
    if problem is None:
        return CORRECT
    return f"❌ {problem}\n   もっとヒントが欲しいときは: from helpers import hint; hint(\"{ex.key}\")"


STOPPED = ("直前に実行したセルがエラーで止まっています。そのセルのエラーを直して実行し直してから、もう一度"
           "確かめてください (エラーの前の古い答えを確かめても意味がないので、ここでは確かめません)。")
# ノートブックで、最後に代入したセルがエラーで止まった変数の名前 (watch_answer_cells が記録します)
_failed_names: set[str] = set()
_watching = False


def _ipython() -> Any:
    shell = sys.modules.get("IPython")
    get_ipython = getattr(shell, "get_ipython", None)
    return get_ipython() if get_ipython else None


def previous_cell_failed() -> bool:
    """ノートブックで、このセルの直前に実行したセルがエラーで止まっていたら True です (IPython の外では False)。"""
    ip = _ipython()
    return ip is not None and getattr(ip, "last_execution_succeeded", True) is False


def assigned_names(source: str) -> set[str]:
    """セルのコードが代入する変数の名前 (``a = …``、``a += …``、``a, b = …``、``for a in …`` など)。"""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # 書きかけのコードや IPython の % の行: 行頭の「名前 =」だけを拾います
        return set(re.findall(r"^([A-Za-z_]\w*)\s*[-+*/@%]?=(?!=)", source, re.MULTILINE))
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}


def _after_cell(result: Any) -> None:
    names = assigned_names(getattr(result.info, "raw_cell", None) or "")
    if result.success:
        _failed_names.difference_update(names)
    else:
        _failed_names.update(names)


def watch_answer_cells() -> None:
    """ノートブックの中なら、セルを実行するたびに、エラーで止まったセルが代入する名前を覚えます (1 回だけ登録)。

    ``check`` は、答えの変数を最後に代入したセルがエラーで止まっていたら、古い値を確かめずにそう伝えます。
    その後で別のセルを実行しても、同じ ``check`` を 2 回実行しても同じです。``import helpers`` が呼びます。
    """
    global _watching
    ip = _ipython()
    if ip is None or _watching:
        return
    ip.events.register("post_run_cell", _after_cell)
    _watching = True


def check(key: str) -> None:
    """演習 ``key`` の答えを確かめて、✅ / ❌ / まだ のどれかを表示します。"""
    __tracebackhide__ = True
    caller = sys._getframe(1).f_globals  # check(...) を実行したセルの変数 (ノートブックの変数)
    if previous_cell_failed():
        print(STOPPED)
        return
    try:
        stale = [name for name in lookup(key).names if name in _failed_names]
        if stale:
            print(f"`{stale[0]}` を代入したセルが、最後に実行したときエラーで止まっています。そのセルのエラーを直して"
                  "実行し直してから、もう一度確かめてください (エラーの前の古い答えは、ここでは確かめません)。")
            return
        print(verdict(key, caller))
    except CourseError as error:
        print(error)


def hint(key: str) -> None:
    """演習 ``key`` のヒントを 1 段ずつ表示します (呼ぶたびに次の段。最後まで来たらそう伝えます)。"""
    __tracebackhide__ = True
    try:
        ex = lookup(key)
    except CourseError as error:
        print(error)
        return
    shown = _hints_shown.get(ex.key, 0)
    if shown >= len(ex.hints):
        print(f"ヒントは {len(ex.hints)} 段までです。解答例は、この演習の下の「解答例を見る」を開いてください。")
        return
    _hints_shown[ex.key] = shown + 1
    print(f"演習 {ex.key} のヒント {shown + 1}/{len(ex.hints)}: {ex.hints[shown]}")
