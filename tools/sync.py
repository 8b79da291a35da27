"""`make sync`: 何か所にも現れる事実を、ただ 1 つの元から書き直します。

- 各ノートブックの準備のセル (目印 ``# 【準備】`` で始まるコードのセル) ← tools/colab_setup_cell.py
- Colab と用語集のリンクが指す版 (ブランチかタグ) ← 準備のセルの ``REPO_REF`` (`make pin REF=タグ` が書き換える)
- 見出しの「目安時間」の実行時間 ← tools/bench_reference.json と tools/bench.py の予測
- 見出しの「途中から始めるとき」と「用語集」の行 ← このモジュールの ``CATCH_UP`` と ``glossary_line``
- parameters セルのコメントの範囲 ``(下限〜上限)`` ← 次のセルの ``helpers.check_int`` / ``check_float``
  (SEED は helpers.seed.MAX_SEED)
- README の「ノートブック」の表 ← 各ノートブックの見出し (題名、副題、目安時間)
- data/README.md の SHA-256、README と data/README の気象庁の出典 ← data/SHA256SUMS と
  helpers.data.TOKYO_ATTRIBUTION
- docs/instructor.md の実行時間の表 ← tools/bench_reference.json と見出しの「読みながら進めて約 N 分」

``python -m tools sync --check`` は何も書かず、ずれているファイルを挙げて終了コード 1 を返します。
"""

from __future__ import annotations

import argparse
import ast
import math
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from tools import DATA_DIR, DOCS_DIR, ROOT, TOOLS_DIR, ToolError
from tools.bench import load_reference, reference_timing, slow_seconds
from tools.runner import is_appendix, notebook_paths, notebook_text

SETUP_CELL_FILE = TOOLS_DIR / "colab_setup_cell.py"
SETUP_MARKER = "# 【準備】"
README = ROOT / "README.md"
DATA_README = DATA_DIR / "README.md"
SHA256SUMS = DATA_DIR / "SHA256SUMS"
INSTRUCTOR = DOCS_DIR / "instructor.md"
GLOSSARY = "docs/glossary.md"
# 見出しの箇条書きは、この順に、この名前で並びます (tests/test_notebook_hygiene.py が確かめます)。
HEADER_BULLETS = ("目安時間", "前提", "途中から始めるとき", "用語集")
CATCH_UP = ("始めたい節の最初のセルを選び、メニューの「Run → Run All Above Selected Cell」"
            "(Colab では「ランタイム → 前のセルを実行」) で、それより上のセルをまとめて実行してから進めてください。")
_BULLET = re.compile(r"^- \*\*(?P<name>[^*]+)\*\*: ?", re.MULTILINE)
_READING = re.compile(r"読みながら進めて約 (\d+) 分")
_RUNTIME = re.compile(r"実行 約 [^、]*?秒 \([^)]*\)")
_REF_IN_SETUP = re.compile(r'REPO_REF = "([^"]+)"')
_REPO_LINK = re.compile(r"((?:colab\.research\.google\.com/github|github\.com)/[\w.-]+/[\w.-]+/blob/)[^/\s)]+/")
_CHECK_CALL = re.compile(r"helpers\.check_(?:int|float)\(\"(\w+)\", \w+, ([^,]+), ([^)]+)\)")
_BLOCK = "<!-- {name} -->\n"


def repository_url() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    url: str = pyproject["project"]["urls"]["Repository"]
    return url


def setup_cell() -> str:
    return SETUP_CELL_FILE.read_text(encoding="utf-8").rstrip("\n")


def course_ref() -> str:
    """準備のセルが clone する教材の版 (REPO_REF) を返します。リンクはすべてこの版を指します。"""
    match = _REF_IN_SETUP.search(setup_cell())
    if not match:
        raise ToolError(f"{SETUP_CELL_FILE.relative_to(ROOT)} に REPO_REF = \"...\" の行がありません。")
    return match.group(1)


def colab_url(folder: str, name: str, ref: str | None = None) -> str:
    """``folder/name`` を Colab で開くリンクです (folder は notebooks か student)。"""
    base = repository_url().replace("https://github.com/", "https://colab.research.google.com/github/")
    return f"{base}/blob/{ref or course_ref()}/{folder}/{name}"


def with_ref(text: str, ref: str) -> str:
    """Colab と GitHub のリンクが指す版を ``ref`` にそろえます。"""
    return _REPO_LINK.sub(lambda m: f"{m.group(1)}{ref}/", text)


def pin(ref: str) -> None:
    """準備のセルの REPO_REF を ``ref`` に書き換えます (この後の同期でリンクもそろいます)。"""
    if not re.fullmatch(r"[\w.][\w./-]*", ref):
        raise ToolError(f"REF={ref!r} はブランチ名やタグ名として使えません (例: make pin REF=workshop-2026-12)")
    course_ref()  # REPO_REF の行が無ければ、ここで止まります
    text = SETUP_CELL_FILE.read_text(encoding="utf-8")
    SETUP_CELL_FILE.write_text(_REF_IN_SETUP.sub(f'REPO_REF = "{ref}"', text), encoding="utf-8")


def setup_cell_index(nb: NotebookNode, path: Path) -> int:
    """準備のセル (目印で始まるコードのセル) の位置を返します。無ければ、直し方を伝えて止まります。"""
    found = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith(SETUP_MARKER)]
    if len(found) != 1:
        raise ToolError(
            f"{path.name}: 準備のセル ({SETUP_MARKER!r} で始まるコードのセル) が {len(found)} 個あります。"
            f"ちょうど 1 個にしてください ({SETUP_CELL_FILE.relative_to(ROOT)} の中身を貼れば、あとは同期します)。"
        )
    return found[0]


def header_bullets(header: str, path: Path) -> tuple[str, dict[str, str], str]:
    """見出しのセルを (箇条書きの前, {名前: 本文}, 箇条書きの後) に分けます。

    1 つの箇条書きは ``- **名前**:`` から、次の箇条書きの始まりか空行の手前までです (2 行以上でもかまいません)。
    """
    starts = list(_BULLET.finditer(header))
    if not starts:
        raise ToolError(f"{path.name}: 見出しのセルに「- **前提**: …」のような箇条書きがありません。")
    end = header.find("\n\n", starts[-1].start())
    end = len(header) if end < 0 else end
    bullets = {}
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        stop = following.start() if following else end
        bullets[match.group("name")] = header[match.end():stop].strip()
    return header[:starts[0].start()], bullets, header[end:]


def runtime_phrase(name: str) -> str:
    """見出しの「目安時間」の実行時間の部分 (この PC の秒数〜遅い基準の PC の予測秒数) を作ります。"""
    return f"実行 {seconds_range(name)} (GPU の無い 2 コアの PC で)"


def seconds_range(name: str) -> str:
    """「約 5〜7 秒」: 計測した PC の秒数と遅い基準の PC での予測の、小さいほう (切り捨て) から大きいほう (切り上げ)
    まで。2 つが同じ秒数に丸まるときは「約 7 秒」です。"""
    timing = reference_timing(load_reference(), name)
    measured, slow = timing["seconds"], slow_seconds(timing["units"])
    low, high = math.floor(min(measured, slow)), math.ceil(max(measured, slow))
    return f"約 {round(slow)} 秒" if round(measured) == round(slow) else f"約 {low}〜{high} 秒"


def glossary_line(ref: str) -> str:
    url = f"{repository_url()}/blob/{ref}/{GLOSSARY}"
    return f"新しい言葉の意味は [用語集]({url}) にまとめてあります。"


def synced_header(header: str, path: Path, ref: str) -> str:
    before, bullets, after = header_bullets(with_ref(header, ref), path)
    for required in ("目安時間", "前提"):
        if required not in bullets:
            raise ToolError(f"{path.name}: 見出しに「- **{required}**: …」の行がありません。")
    time_text = bullets["目安時間"]
    if not _READING.search(time_text):
        raise ToolError(f"{path.name}: 「目安時間」の行に「読みながら進めて約 N 分」がありません。")
    runtime = runtime_phrase(path.name)
    bullets["目安時間"] = _RUNTIME.sub(runtime, time_text) if _RUNTIME.search(time_text) else f"{runtime}、{time_text}"
    bullets["途中から始めるとき"] = CATCH_UP
    bullets["用語集"] = glossary_line(ref)
    lines = [f"- **{name}**: {bullets[name]}" for name in HEADER_BULLETS]
    extra = [f"- **{name}**: {text}" for name, text in bullets.items() if name not in HEADER_BULLETS]
    return before + "\n".join(lines + extra) + after


def number(text: str) -> str:
    """`1e-4` のような Python の数の書き方を、コメント向けの普通の書き方 (0.0001) にします。"""
    value = ast.literal_eval(text.strip())
    return format(Decimal(repr(value)).normalize(), "f") if isinstance(value, float) else str(value)


def sync_parameter_comments(nb: NotebookNode, path: Path) -> None:
    """parameters セルの各行のコメント末尾の `(下限〜上限)` を、次のセルの確認の呼び出しの範囲に合わせます。"""
    from helpers.seed import MAX_SEED

    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1 or tagged[0] + 1 >= len(nb.cells):
        raise ToolError(f"{path.name}: `parameters` タグのセルがちょうど 1 つあり、"
                        "その次に値を確かめるセルが要ります。")
    index = tagged[0]
    ranges = {"SEED": ("0", str(MAX_SEED))}
    for name, low, high in _CHECK_CALL.findall(nb.cells[index + 1].source):
        ranges[name] = (number(low), number(high))
    lines = []
    for line in nb.cells[index].source.splitlines():
        name = line.split("=", 1)[0].strip()
        if name in ranges and "#" in line:
            code, comment = line.split("#", 1)
            comment = re.sub(r"\s*\([-\d.]+〜[-\d.]+\)", "", comment).rstrip()
            line = f"{code}#{comment} ({ranges[name][0]}〜{ranges[name][1]})"
        lines.append(line)
    nb.cells[index].source = "\n".join(lines)


def synced_notebook(path: Path) -> NotebookNode:
    nb = nbformat.read(path, as_version=4)
    ref = course_ref()
    nb.cells[setup_cell_index(nb, path)].source = setup_cell()
    nb.cells[0].source = synced_header(nb.cells[0].source, path, ref)
    sync_parameter_comments(nb, path)
    return nb


def title_parts(nb: NotebookNode) -> tuple[str, str, str]:
    """見出しの 1 行目「# 05 題名 — 副題」を (番号, 題名, 副題) に分けます。"""
    first = nb.cells[0].source.splitlines()[0].removeprefix("# ")
    number_, _, rest = first.partition(" ")
    title, _, subtitle = rest.partition(" — ")
    return number_, title, subtitle


def notebook_table(ref: str) -> str:
    """README の「ノートブック」の表を、各ノートブックの見出しから作ります。"""
    badge = "![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)"
    rows = ["| # | ノートブック | 学ぶこと | 実行 (速い PC〜遅い PC) | 読む時間 | 受講者用 (Colab) | 講師用 (Colab) |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        number_, title, subtitle = title_parts(nb)
        reading = _READING.search(nb.cells[0].source)
        rows.append(
            f"| {number_} | [{title}](student/{path.name}) | {subtitle} | {seconds_range(path.name)} | "
            f"約 {reading.group(1) if reading else '?'} 分 | "
            f"[{badge}]({colab_url('student', path.name, ref)}) | [{badge}]({colab_url('notebooks', path.name, ref)}) |"
        )
    return "\n".join(rows) + "\n"


def times_table() -> str:
    """講師用ガイドの表: ノートブックごとの実行時間 (速い PC と遅い PC) と読む時間。"""
    reference = load_reference()
    rows = ["| ノートブック | 実行 (計測した PC) | 実行 (遅い 2 コア PC の予測) | 読みながら進める時間 |",
            "| --- | ---: | ---: | ---: |"]
    fast_total = slow_total = 0.0
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        timing = reference_timing(reference, path.name)
        slow = slow_seconds(timing["units"])
        if not is_appendix(nb):
            fast_total, slow_total = fast_total + timing["seconds"], slow_total + slow
        reading = _READING.search(nb.cells[0].source)
        rows.append(f"| {path.stem} | {timing['seconds']:.1f} 秒 | {slow:.0f} 秒 | "
                    f"約 {reading.group(1) if reading else '?'} 分 |")
    rows.append(f"| 本編の合計 (付録を除く) | {fast_total:.1f} 秒 | {slow_total:.0f} 秒 | |")
    return "\n".join(rows) + "\n"


def replace_block(text: str, name: str, content: str, path: Path) -> str:
    """``<!-- name -->`` と ``<!-- /name -->`` の間を ``content`` に置き換えます。"""
    start, end = _BLOCK.format(name=name), f"<!-- /{name} -->"
    if start not in text or end not in text:
        raise ToolError(f"{path.relative_to(ROOT)} に、書き直す範囲の目印 {start.strip()} … {end} がありません。")
    head, rest = text.split(start, 1)
    return head + start + content + end + rest.split(end, 1)[1]


def synced_data_readme(text: str) -> str:
    from helpers.data import TOKYO_ATTRIBUTION

    for line in SHA256SUMS.read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        text = re.sub(rf"(\| `{re.escape(name)}` \|.*\| )`[0-9a-f]{{64}}`", rf"\g<1>`{digest}`", text)
    return re.sub(r"出典：気象庁ホームページ.*?作成", TOKYO_ATTRIBUTION, text)


def synced_readme(text: str, ref: str) -> str:
    from helpers.data import TOKYO_ATTRIBUTION

    text = replace_block(with_ref(text, ref), "notebooks", notebook_table(ref), README)
    return re.sub(r"出典：気象庁ホームページ.*?作成", TOKYO_ATTRIBUTION, text)


def planned_writes() -> dict[Path, str]:
    """書き直すべきファイルと、その新しい中身を返します (中身が変わらないものは含めません)。"""
    ref = course_ref()
    writes = {}
    for path in notebook_paths():
        text = notebook_text(synced_notebook(path))
        if text != path.read_text(encoding="utf-8"):
            writes[path] = text
    for path, make in [(README, lambda t: synced_readme(t, ref)),
                       (DATA_README, synced_data_readme),
                       (INSTRUCTOR, lambda t: replace_block(t, "times", times_table(), INSTRUCTOR))]:
        old = path.read_text(encoding="utf-8")
        new = make(old)
        if new != old:
            writes[path] = new
    return writes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools sync", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="書き直さずに、ずれているファイルを挙げる")
    args = parser.parse_args(argv)
    writes = planned_writes()
    for path, text in writes.items():
        print(f"{'ずれています' if args.check else '書き直しました'}: {path.relative_to(ROOT)}")
        if not args.check:
            path.write_text(text, encoding="utf-8")
    return 1 if args.check and writes else 0
