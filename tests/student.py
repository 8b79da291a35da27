"""`make student`: notebooks/ から、解答を除いた「受講者用」のノートブックを student/ に作ります。

講師用 (notebooks/) と受講者用 (student/) を 1 つの元から作るので、内容が食い違いません。
受講者用では次だけが違います。

- `solution` タグのセル (解答例のコード) は、短い呼びかけだけの空のセルになり、出力も消えます。
- 「演習」の見出しより後のマークダウンの `<details>` ... `</details>` (文章の解答例・考察の例) は消え、
  代わりに呼びかけが入ります (本文の途中で式の導出などを畳んだ `<details>` は残します)。
- 先頭の「Open in Colab」のリンクは student/ の同じ名前のノートブックを指します。

student/ はリポジトリに含めます (Colab で受講者用を開くため)。`python tests/student.py --check` は
何も書かず、作り直しが必要なファイルを挙げて終了コード 1 を返します。
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from notebook_runner import ROOT, notebook_paths, notebook_text

STUDENT_DIR = ROOT / "student"
CODE_PROMPT = "# ここに書いてみましょう"
TEXT_PROMPT = "*(ここに自分の考えを書いてみましょう)*"
_DETAILS = re.compile(r"<details>.*?</details>\s*", re.DOTALL)


def exercises_start(nb: NotebookNode) -> int:
    """「## 演習」の見出しがあるセルの位置を返します (これより後の <details> が解答です)。"""
    return next(i for i, c in enumerate(nb.cells)
                if c.cell_type == "markdown" and re.search(r"^#+ .*演習", c.source, re.MULTILINE))


def student_edition(nb: NotebookNode) -> NotebookNode:
    """講師用のノートブックから、解答を除いた受講者用のノートブックを作って返します。"""
    nb = copy.deepcopy(nb)
    start = exercises_start(nb)
    for index, cell in enumerate(nb.cells):
        if "solution" in cell.metadata.get("tags", []):
            cell.source = CODE_PROMPT
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
            if not cell.metadata.get("jupyter", True):
                del cell.metadata["jupyter"]
        elif cell.cell_type == "markdown" and index >= start and "<details>" in cell.source:
            rest = _DETAILS.sub("", cell.source).strip()
            cell.source = f"{rest}\n\n{TEXT_PROMPT}" if rest else TEXT_PROMPT
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
    parser = argparse.ArgumentParser(description=__doc__)
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
