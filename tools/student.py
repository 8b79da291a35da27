"""`make student`: notebooks/ (講師用) から、解答が見えない「受講者用」のノートブックを student/ に作ります。

講師用と受講者用を 1 つの元から作るので、内容が食い違いません。受講者用で違うのは次の 2 つだけです。

- `solution` タグのセル (解答例のコード) は、コードも出力も見えない、クリックで開く折りたたみの
  マークダウンのセル (``<details>``) になります。受講者は、自分の答えを書くセルと確かめのセル
  (``helpers.check(...)``) で解き、解答例は自分で選んだときだけ開きます。
- 先頭の「Open in Colab」のリンクは student/ の同じ名前のノートブックを指します。

文章で答える問いの「考察の例」は、どちらの版でも ``<details>`` に畳んであります。student/ はリポジトリに
含めます (Colab で受講者用を開くため)。``python -m tools student --check`` は何も書かず、作り直しが必要な
ファイルを挙げて終了コード 1 を返します。
"""

from __future__ import annotations

import argparse
import copy
import html
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from tools import ROOT, STUDENT_DIR
from tools.runner import notebook_paths, notebook_text

SOLUTION_TAG = "solution"
SOLUTION_HEADING = "# 解答例"
SUMMARY = "解答例を見る (クリックで開きます。まず自分で解いて、確かめのセルを実行してから)"


def folded_solution(cell: NotebookNode) -> NotebookNode:
    """解答例のコードのセルを、クリックで開く折りたたみのマークダウンのセルにします (出力は入れません)。"""
    code = cell.source.removeprefix(SOLUTION_HEADING).strip("\n")
    folded = nbformat.v4.new_markdown_cell(
        f"<details><summary>{SUMMARY}</summary>\n\n<pre><code>{html.escape(code)}</code></pre>\n\n</details>"
    )
    folded.metadata = {"tags": [SOLUTION_TAG]}
    if "id" in cell:
        folded["id"] = cell["id"]  # 作り直しても同じファイルになるよう、元のセルの id を使います
    return folded


def student_edition(nb: NotebookNode) -> NotebookNode:
    """講師用のノートブックから、解答が見えない受講者用のノートブックを作って返します。"""
    nb = copy.deepcopy(nb)
    nb.cells = [folded_solution(c) if SOLUTION_TAG in c.metadata.get("tags", []) else c for c in nb.cells]
    nb.cells[0].source = re.sub(r"(/blob/[^/]+/)notebooks/", r"\1student/", nb.cells[0].source)
    return nb


def planned_writes() -> dict[Path, str]:
    """作り直すべき受講者用ファイルと、その中身を返します (中身が変わらないものは含めません)。"""
    writes = {}
    for path in notebook_paths():
        target = STUDENT_DIR / path.name
        text = notebook_text(student_edition(nbformat.read(path, as_version=4)))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            writes[target] = text
    return writes


def stray_files() -> list[Path]:
    """元のノートブックが無くなった受講者用ファイルを返します。"""
    names = {p.name for p in notebook_paths()}
    return [p for p in sorted(STUDENT_DIR.glob("*.ipynb")) if p.name not in names]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools student", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="書き直さずに、古くなったファイルを挙げる")
    args = parser.parse_args(argv)
    writes, strays = planned_writes(), stray_files()
    for path in [*writes, *strays]:
        print(f"{'古くなっています' if args.check else '書き直しました'}: {path.relative_to(ROOT)}")
    if args.check:
        return 1 if writes or strays else 0
    STUDENT_DIR.mkdir(exist_ok=True)
    for path, text in writes.items():
        path.write_text(text, encoding="utf-8")
    for path in strays:
        path.unlink()
    return 0
