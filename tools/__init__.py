"""コースを作る道具です (テストではありません)。

ノートブックの実行と出力の保存、実行時間の計測、何か所にも現れる文の同期、受講者用の版、図、
乱数の種を変えた実行 (シードプール) を受け持ちます。入口は 1 つで、``python -m tools <コマンド>``
(Makefile の各ターゲットはこれを呼ぶだけです)。コマンドの一覧は ``python -m tools --help``、
ノートブックを足すときの手順は docs/authoring.md にあります。
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
STUDENT_DIR = ROOT / "student"
DATA_DIR = ROOT / "data"
DOCS_DIR = ROOT / "docs"
TOOLS_DIR = ROOT / "tools"


class ToolError(Exception):
    """道具が続けられないときのエラーです。メッセージは、どのファイルの何が足りないかを日本語で伝えます。"""
