"""`make sync`: 何か所にも現れる文を、ただ 1 つの元から書き直します。

- 各ノートブックの Colab 準備のセル ← tests/colab_setup_cell.py
- 各ノートブックと README の「Open in Colab」のリンクが指す版 (ブランチかタグ) ← 準備のセルの REPO_REF
  (`make pin REF=タグ` は REPO_REF を書き換えてから同期します。ワークショップの当日に教材が変わらないように)
- 各ノートブックの見出しと README の「目安時間」 ← tests/bench_reference.json (`make bench BENCH_ARGS=--save`)
- parameters セルのコメントにある値の範囲 `(下限〜上限)` ← 次のセルの `helpers.check_int` / `check_float`
  (SEED は helpers.seed.MAX_SEED)
- data/README.md の表の SHA-256 ← data/SHA256SUMS
- 各ノートブックの見出しの「途中から始めるとき」の行 ← CATCH_UP (全ノートブックで同じ文)
- docs/instructor.md の実行時間の表 ← tests/bench_reference.json と各ノートブックの「読みながら進めて約 N 分」

`python tests/sync.py --check` は何も書かず、書き直しが必要なファイルを挙げて終了コード 1 を返します
(テストはこれで、手で直した写しが元とずれていないことを確かめます)。
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import nbformat

from notebook_runner import ROOT, notebook_paths, notebook_text

SETUP_CELL_FILE = ROOT / "tests" / "colab_setup_cell.py"
BENCH_REFERENCE = ROOT / "tests" / "bench_reference.json"
README = ROOT / "README.md"
DATA_README = ROOT / "data" / "README.md"
SHA256SUMS = ROOT / "data" / "SHA256SUMS"
INSTRUCTOR = ROOT / "docs" / "instructor.md"
_TIMES_BLOCK = re.compile(r"(<!-- times -->\n).*?(<!-- /times -->)", re.DOTALL)
_READING = re.compile(r"読みながら進めて約 (\d+) 分")
# 基準機より遅い 2 コアの PC で計った時間は、基準機の約 2.3 倍でした (00: 7.6 秒 / 3.2 秒、
# コース全体: 87.4 秒 / 39.2 秒)。目安時間は「基準機の値〜その 2.3 倍」の幅で示します。
SLOWER_MACHINE_FACTOR = 2.3
# ワークショップで遅れた人や、途中の節から始める人のための 1 行です。どのノートブックも全体で 1 分かからずに
# 動くので、「その節より上をまとめて実行」がいちばん速い追いつき方です。
CATCH_UP = ("- **途中から始めるとき**: 始めたい節の最初のセルを選び、メニューの「Run → Run All Above Selected Cell」"
            "(Colab では「ランタイム → 前のセルを実行」) で、それより上のセルをまとめて実行してから進めてください。")
_TIME_IN_HEADER = re.compile(r"(\*\*目安時間\*\*: 実行 )約 [^)]*\)")
_REF_IN_SETUP = re.compile(r'REPO_REF = "([^"]+)"')
_BADGE_REF = re.compile(r"(colab\.research\.google\.com/github/[\w.-]+/[\w.-]+/blob/)[^/]+/")
_CHECK_CALL = re.compile(r"helpers\.check_(?:int|float)\(\"(\w+)\", \w+, ([^,]+), ([^)]+)\)")


def setup_cell() -> str:
    return SETUP_CELL_FILE.read_text(encoding="utf-8").rstrip("\n")


def course_ref() -> str:
    """準備のセルが clone する教材の版 (REPO_REF。無ければ main) を返します。"""
    match = _REF_IN_SETUP.search(setup_cell())
    return match.group(1) if match else "main"


def with_ref(text: str, ref: str) -> str:
    """Colab のリンクが指す版を ``ref`` にそろえます。"""
    return _BADGE_REF.sub(lambda m: f"{m.group(1)}{ref}/", text)


def with_catch_up(header: str) -> str:
    """見出しのセルの「前提」の行の後に、CATCH_UP の行を 1 つだけ置きます。"""
    lines = [line for line in header.splitlines() if not line.startswith("- **途中から始めるとき**")]
    index = next(i for i, line in enumerate(lines) if line.startswith("- **前提**"))
    return "\n".join([*lines[:index + 1], CATCH_UP, *lines[index + 1:]])


def pin(ref: str) -> None:
    """準備のセルの REPO_REF を ``ref`` に書き換えます (この後の同期でリンクもそろいます)。"""
    if not re.fullmatch(r"[\w.][\w./-]*", ref):
        raise SystemExit(f"REF={ref!r} はブランチ名やタグ名として使えません (例: make pin REF=workshop-2026-12)")
    text = SETUP_CELL_FILE.read_text(encoding="utf-8")
    if not _REF_IN_SETUP.search(text):
        raise SystemExit("tests/colab_setup_cell.py に REPO_REF = \"...\" の行がありません")
    SETUP_CELL_FILE.write_text(_REF_IN_SETUP.sub(f'REPO_REF = "{ref}"', text), encoding="utf-8")


def time_range(seconds: float) -> str:
    """基準機の秒数から、「約 3〜8 秒」のような目安時間の幅を作ります。"""
    return f"約 {round(seconds)}〜{round(seconds * SLOWER_MACHINE_FACTOR)} 秒"


def number(text: str) -> str:
    """`1e-4` のような Python の数の書き方を、コメント向けの普通の書き方 (0.0001) にします。"""
    value = ast.literal_eval(text.strip())
    return format(Decimal(repr(value)).normalize(), "f") if isinstance(value, float) else str(value)


def sync_parameter_comments(nb: nbformat.NotebookNode) -> None:
    """parameters セルの各行のコメント末尾の `(下限〜上限)` を、確認の呼び出しの範囲に合わせます。"""
    from helpers.seed import MAX_SEED

    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    ranges = {"SEED": ("0", str(MAX_SEED))}
    for cell in nb.cells[index + 1:index + 2]:
        for name, low, high in _CHECK_CALL.findall(cell.source):
            ranges[name] = (number(low), number(high))
    lines = []
    for line in nb.cells[index].source.splitlines():
        name = line.split("=", 1)[0].strip()
        if name in ranges and "#" in line:
            code, comment = line.split("#", 1)
            comment = re.sub(r"\s*\([-\d.]+〜[-\d.]+\)", "", comment).rstrip()  # 前の範囲 (どこにあっても)
            comment = re.sub(r"\s*\([^()]*以上[^()]*\)$", "", comment)  # 古い書き方「(0 以上の整数)」
            line = f"{code}#{comment} ({ranges[name][0]}〜{ranges[name][1]})"
        lines.append(line)
    nb.cells[index].source = "\n".join(lines)


def synced_notebook(path: Path, seconds: float | None) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    setup = next(c for c in nb.cells if c.cell_type == "code")
    setup.source = setup_cell()
    header = nb.cells[0]
    header.source = with_catch_up(with_ref(header.source, course_ref()))
    if seconds is not None:
        header.source = _TIME_IN_HEADER.sub(
            lambda m: f"{m.group(1)}{time_range(seconds)} (GPU なしの 2 コア CPU で計測)", header.source)
    sync_parameter_comments(nb)
    return nb


def synced_readme(text: str, timings: dict[str, dict[str, float]]) -> str:
    for name, result in timings.items():
        number_ = name[:2]
        text = re.sub(rf"(\n\| {number_} \|.*?\| )約 [^|]*?秒( \|)",
                      lambda m, r=result: f"{m.group(1)}{time_range(r['seconds'])}{m.group(2)}", text)
    total = sum(r["seconds"] for r in timings.values())
    text = with_ref(text, course_ref())
    return re.sub(r"(コース全体で)約 [^)]*?秒", lambda m: f"{m.group(1)}{time_range(total)}", text)


def synced_data_readme(text: str) -> str:
    for line in SHA256SUMS.read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        text = re.sub(rf"(\| `{re.escape(name)}` \|.*\| )`[0-9a-f]{{64}}`", rf"\g<1>`{digest}`", text)
    return text


def times_table(timings: dict[str, dict[str, float]]) -> str:
    """講師用ガイドの表: ノートブックごとの実行時間 (基準機と遅い PC)、00 の何倍か、読む時間。"""
    rows = ["| ノートブック | 実行 (基準機) | 実行 (遅い 2 コア PC の目安) | 00 の何倍か | 読みながら進める時間 |",
            "| --- | ---: | ---: | ---: | ---: |"]
    for path in notebook_paths():
        result = timings[path.name]
        reading = _READING.search(nbformat.read(path, as_version=4).cells[0].source)
        rows.append(f"| {path.stem} | {result['seconds']:.1f} 秒 | "
                    f"{result['seconds'] * SLOWER_MACHINE_FACTOR:.0f} 秒 | {result['ratio']:.1f} | "
                    f"約 {reading.group(1) if reading else '?'} 分 |")
    total = sum(r["seconds"] for r in timings.values())
    rows.append(f"| 合計 | {total:.1f} 秒 | {total * SLOWER_MACHINE_FACTOR:.0f} 秒 | | |")
    return "\n".join(rows) + "\n"


def planned_writes() -> dict[Path, str]:
    """書き直すべきファイルと、その新しい中身を返します (中身が変わらないものは含めません)。"""
    timings = json.loads(BENCH_REFERENCE.read_text(encoding="utf-8"))["notebooks"]
    writes = {}
    for path in notebook_paths():
        nb = synced_notebook(path, timings.get(path.name, {}).get("seconds"))
        text = notebook_text(nb)
        if text != path.read_text(encoding="utf-8"):
            writes[path] = text
    instructor = INSTRUCTOR.read_text(encoding="utf-8")
    for path, text in [(README, synced_readme(README.read_text(encoding="utf-8"), timings)),
                       (DATA_README, synced_data_readme(DATA_README.read_text(encoding="utf-8"))),
                       (INSTRUCTOR, _TIMES_BLOCK.sub(lambda m: m.group(1) + times_table(timings) + m.group(2),
                                                     instructor))]:
        if text != path.read_text(encoding="utf-8"):
            writes[path] = text
    return writes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="書き直さずに、ずれているファイルを挙げる")
    parser.add_argument("--pin", metavar="REF", help="Colab が開く・clone する教材の版をこのタグに固定する")
    args = parser.parse_args(argv)
    if args.pin:
        pin(args.pin)
    writes = planned_writes()
    for path, text in writes.items():
        print(f"{'ずれています' if args.check else '書き直しました'}: {path.relative_to(ROOT)}")
        if not args.check:
            path.write_text(text, encoding="utf-8")
    return 1 if args.check and writes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
